package org.observatoire.beam.parquet;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

import java.io.ByteArrayOutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatoire.beam.avro.AvroSchemas;

/**
 * The two sinks on their own, with small row groups: occurrence rows written in blocks of several rows through
 * {@link BlockParquetSink} with a small sort budget (so the external sort spills) come out sorted row by row, and
 * the sorted file lets DuckDB skip most row groups on a taxon filter; the same rows through {@link ParquetSink}
 * (arrival order) do not.
 */
class SortedParquetFilesTest {
  private static final List<String> SORT = List.of("scientificName", "eea10km", "eventDate");

  @TempDir
  Path tmp;

  /** Seeded synthetic occurrence rows: 200 taxa, 600 cells, arbitrary other values. */
  private static List<GenericRecord> rows(int n) {
    Schema s = AvroSchemas.OCCURRENCE_FILE;
    Random r = new Random(42);
    List<GenericRecord> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      GenericData.Record g = new GenericData.Record(s);
      for (Schema.Field f : s.getFields()) {
        Schema t = f.schema().getType() == Schema.Type.UNION ? f.schema().getTypes().get(1) : f.schema();
        Object v = switch (t.getType()) {
          case STRING -> f.name() + "-" + r.nextInt(1000);
          case INT -> r.nextInt(100);
          case LONG -> (long) r.nextInt(100000);
          case DOUBLE -> 43 + r.nextDouble() * 8;
          case BOOLEAN -> r.nextBoolean();
          case ARRAY -> List.of("FLAG" + r.nextInt(5));
          default -> null;
        };
        g.put(f.pos(), v);
      }
      g.put("scientificName", String.format("Taxon %03d", r.nextInt(200)));
      g.put("eea10km", "10kmE" + (380 + r.nextInt(30)) + "N" + (220 + r.nextInt(20)));
      g.put("geometry", PointWkb.of((Double) g.get("decimalLongitude"), (Double) g.get("decimalLatitude")));
      rows.add(g);
    }
    return rows;
  }

  /** As the occurrences are written: blocks of 20 rows (a submission's), each row with its own key. */
  private static void writeSorted(Path file, List<GenericRecord> rows) throws Exception {
    BlockParquetSink sink = new BlockParquetSink(AvroSchemas.OCCURRENCE_FILE, 64 * 1024, 256 * 1024);
    GenericDatumWriter<GenericRecord> avro = new GenericDatumWriter<>(AvroSchemas.OCCURRENCE_FILE);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      sink.open(ch);
      List<byte[]> keys = new ArrayList<>();
      List<byte[]> encoded = new ArrayList<>();
      for (int i = 0; i < rows.size(); i++) {
        GenericRecord g = rows.get(i);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder e = EncoderFactory.get().directBinaryEncoder(bytes, null);
        avro.write(g, e);
        e.flush();
        keys.add(RowBlock.key(SORT.stream().map(g::get).toArray()));
        encoded.add(bytes.toByteArray());
        if (encoded.size() == 20 || i == rows.size() - 1) {
          sink.write(RowBlock.ofRows("", keys, encoded));
          keys = new ArrayList<>();
          encoded = new ArrayList<>();
        }
      }
      sink.flush();
    }
  }

  private static void writeUnsorted(Path file, List<GenericRecord> rows) throws Exception {
    ParquetSink sink = new ParquetSink(AvroSchemas.OCCURRENCE_FILE, 64 * 1024);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      sink.open(ch);
      for (GenericRecord g : rows) {
        sink.write(g);
      }
      sink.flush();
    }
  }

  /** {scanned, total} row groups of a taxon query, from DuckDB's EXPLAIN ANALYZE. */
  private static int[] rowGroupsScanned(Path file) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("EXPLAIN ANALYZE SELECT count(*) FROM read_parquet('" + file
            + "') WHERE scientificName = 'Taxon 123'")) {
      StringBuilder plan = new StringBuilder();
      while (rs.next()) {
        plan.append(rs.getString(2));
      }
      Matcher m = Pattern.compile("Row Groups Scanned: (\\d+) / (\\d+)").matcher(plan);
      assertThat(plan.toString(), m.find(), is(true));
      return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
    }
  }

  private static long[] countAndSorted(Path file) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*), count(*) FILTER (WHERE k < lag_k) FROM (SELECT"
            + " scientificName || '|' || eea10km || '|' || eventDate AS k, lag(k) OVER (ORDER BY file_row_number)"
            + " AS lag_k FROM read_parquet('" + file + "', file_row_number = true))")) {
      rs.next();
      return new long[] {rs.getLong(1), rs.getLong(2)};
    }
  }

  @Test
  void aSortedFileLetsDuckDbSkipMostRowGroupsOnATaxonFilter() throws Exception {
    List<GenericRecord> rows = rows(20_000);
    Path sorted = tmp.resolve("sorted.parquet");
    Path unsorted = tmp.resolve("unsorted.parquet");
    writeSorted(sorted, rows);
    writeUnsorted(unsorted, rows);

    assertThat(countAndSorted(sorted)[0], is(20_000L));
    assertThat("rows out of order", countAndSorted(sorted)[1], is(0L));
    assertThat(countAndSorted(unsorted)[1], greaterThan(0L));

    int[] s = rowGroupsScanned(sorted);
    int[] u = rowGroupsScanned(unsorted);
    System.out.println("Taxon filter, row groups scanned: sorted " + s[0] + "/" + s[1] + ", unsorted " + u[0] + "/"
        + u[1]);
    assertThat(s[1], greaterThan(10));
    assertThat(s[0], lessThan(Math.max(3, s[1] / 10)));
    assertThat(u[0], is(u[1]));
  }
}
