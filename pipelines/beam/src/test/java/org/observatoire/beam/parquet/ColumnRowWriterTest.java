package org.observatoire.beam.parquet;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.internal.column.columnindex.ColumnIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatoire.beam.avro.AvroSchemas;

/**
 * {@link ColumnRowWriter} against parquet-mr's record layer ({@link ParquetFiles#open}, whose files parquet-avro
 * reads back): on seeded rows of every supported kind (nulls, empty and null lists, several row groups), both files
 * must hold the same rows, schema, footer keys, row groups, encodings and column statistics; a group of rows given
 * as head, middles and tail must give the same file as the whole rows.
 */
class ColumnRowWriterTest {
  private static final Configuration CONF = new Configuration(false);

  /** Every kind the writer takes, nullable and not, and a point column for the GeoParquet footer. */
  private static final Schema ALL_KINDS = SchemaBuilder.record("AllKinds").namespace("t").fields()
      .requiredString("id")
      .optionalString("note")
      .requiredInt("n")
      .optionalInt("maybeN")
      .requiredLong("big")
      .optionalLong("maybeBig")
      .requiredFloat("f")
      .optionalDouble("maybeD")
      .requiredBoolean("b")
      .optionalBoolean("maybeB")
      .name("tags").type().array().items().stringType().noDefault()
      .name("maybeInts").type().nullable().array().items().intType().noDefault()
      .requiredBytes("blob")
      .requiredDouble("decimalLongitude")
      .requiredDouble("decimalLatitude")
      .requiredBytes("geometry")
      .endRecord();

  @TempDir
  Path tmp;

  @Test
  void writesTheFileTheRecordLayerWrites() throws Exception {
    assertBothWritersAgree(ALL_KINDS, rows(ALL_KINDS, 5_000, new Random(11)), 64 * 1024);
  }

  @Test
  void writesTheOccurrenceFileRowsAsTheRecordLayerDoes() throws Exception {
    Schema schema = AvroSchemas.OCCURRENCE_FILE;
    assertBothWritersAgree(schema, rows(schema, 3_000, new Random(5)), 256 * 1024);
  }

  private void assertBothWritersAgree(Schema schema, List<byte[]> rows, long rowGroupBytes) throws IOException {
    Path expected = tmp.resolve("record-layer.parquet");
    Path actual = tmp.resolve("columns.parquet");
    try (ParquetWriter<byte[]> w = ParquetFiles.open(file(expected), schema, GeoParquet.forSchema(schema),
        rowGroupBytes)) {
      for (byte[] r : rows) {
        w.write(r);
      }
    }
    try (ColumnRowWriter w = ColumnRowWriter.open(file(actual), schema, GeoParquet.forSchema(schema),
        rowGroupBytes)) {
      for (byte[] r : rows) {
        w.write(r);
      }
    }
    assertSameFile(actual, expected, rows.size());
  }

  @Test
  void aGroupOfHeadMiddlesAndTailIsItsWholeRows() throws Exception {
    Random random = new Random(3);
    int headFields = 7;
    int middleFields = 4;
    List<byte[]> whole = new ArrayList<>();
    Path grouped = tmp.resolve("grouped.parquet");
    try (ColumnRowWriter w = ColumnRowWriter.open(file(grouped), ALL_KINDS, GeoParquet.forSchema(ALL_KINDS),
        32 * 1024)) {
      for (int g = 0; g < 300; g++) {
        GenericRecord shared = record(ALL_KINDS, random);
        byte[] head = encode(shared, 0, headFields);
        byte[] tail = encode(shared, headFields + middleFields, ALL_KINDS.getFields().size());
        List<byte[]> middles = new ArrayList<>();
        for (int m = 1 + random.nextInt(12); m > 0; m--) {
          GenericRecord row = record(ALL_KINDS, random);
          for (int i = 0; i < ALL_KINDS.getFields().size(); i++) {
            if (i < headFields || i >= headFields + middleFields) {
              row.put(i, shared.get(i));
            }
          }
          middles.add(encode(row, headFields, headFields + middleFields));
          whole.add(encode(row, 0, ALL_KINDS.getFields().size()));
        }
        RowBlock.writeGroup(payload(head, middles, tail), w);
      }
    }
    Path rowByRow = tmp.resolve("rows.parquet");
    try (ColumnRowWriter w = ColumnRowWriter.open(file(rowByRow), ALL_KINDS, GeoParquet.forSchema(ALL_KINDS),
        32 * 1024)) {
      for (byte[] r : whole) {
        w.write(r);
      }
    }
    assertSameFile(grouped, rowByRow, whole.size());
  }

  /**
   * Zero-filled visits in small: a visit's id and site (head), then one row per listed taxon (middle: taxon, name,
   * a mostly unique note, count), then the visit's status (tail). Each visit lists its protocol's taxa in the same
   * order, now and then with another taxon in a slot, so the dictionary writers meet values repeated slot by slot
   * and row after row, values that are not, dictionaries reset at each row group and a column falling back to plain.
   */
  private static final Schema VISIT_LIKE = SchemaBuilder.record("VisitLike").namespace("t").fields()
      .requiredString("visit")
      .optionalString("site")
      .requiredString("taxon")
      .optionalString("name")
      .optionalString("note")
      .requiredInt("count")
      .requiredString("status")
      .endRecord();

  @Test
  void visitsGivenAsGroupsAreTheRecordLayersFile() throws Exception {
    List<List<GenericRecord>> visits = visits(new Random(17));
    Path expected = tmp.resolve("record-layer.parquet");
    writeWithRecordLayer(expected, VISIT_LIKE, encodeAll(visits), 16 * 1024);
    Path grouped = tmp.resolve("grouped.parquet");
    writeVisitGroups(grouped, visits, 16 * 1024);
    assertSameFile(grouped, expected, encodeAll(visits).size());
  }

  /**
   * Pages end every 20,000 rows, in the middle of a visit, and each page's statistics start anew: a head value
   * replayed on both sides of the page end counts in both pages.
   */
  @Test
  void visitsAcrossPagesOfOneRowGroupAreTheRecordLayersFile() throws Exception {
    List<List<GenericRecord>> visits = visits(new Random(23), 1_500);
    List<byte[]> rows = encodeAll(visits);
    Path expected = tmp.resolve("record-layer.parquet");
    writeWithRecordLayer(expected, VISIT_LIKE, rows, 64L << 20);
    Path grouped = tmp.resolve("grouped.parquet");
    writeVisitGroups(grouped, visits, 64L << 20);
    ParquetMetadata footer = footer(expected);
    assertThat("one row group", footer.getBlocks().size(), equalTo(1));
    ColumnChunkMetaData visitColumn = footer.getBlocks().get(0).getColumns().get(0);
    assertThat("pages of the visit column", columnIndex(expected, visitColumn).getNullPages().size(),
        greaterThan(1));
    assertSameFile(grouped, expected, rows.size(), 1);
  }

  @Test
  void visitsGivenRowByRowAreTheRecordLayersFile() throws Exception {
    List<byte[]> rows = encodeAll(visits(new Random(19)));
    Path expected = tmp.resolve("record-layer.parquet");
    writeWithRecordLayer(expected, VISIT_LIKE, rows, 16 * 1024);
    Path actual = tmp.resolve("columns.parquet");
    try (ColumnRowWriter w = ColumnRowWriter.open(file(actual), VISIT_LIKE, null, 16 * 1024)) {
      for (byte[] r : rows) {
        w.write(r);
      }
    }
    assertSameFile(actual, expected, rows.size());
  }

  /** Each visit as one group: its id and site the head, its taxa the middles, its status the tail. */
  private static void writeVisitGroups(Path path, List<List<GenericRecord>> visits, long rowGroupBytes)
      throws IOException {
    try (ColumnRowWriter w = ColumnRowWriter.open(file(path), VISIT_LIKE, null, rowGroupBytes)) {
      for (List<GenericRecord> visit : visits) {
        List<byte[]> middles = new ArrayList<>();
        for (GenericRecord row : visit) {
          middles.add(encode(row, 2, 6));
        }
        RowBlock.writeGroup(payload(encode(visit.get(0), 0, 2), middles, encode(visit.get(0), 6, 7)), w);
      }
    }
  }

  private static List<List<GenericRecord>> visits(Random r) {
    return visits(r, 600);
  }

  private static List<List<GenericRecord>> visits(Random r, int count) {
    List<List<String>> protocolTaxa = List.of(taxa("bird-", 40), taxa("butterfly-", 25));
    List<List<GenericRecord>> visits = new ArrayList<>();
    for (int v = 0; v < count; v++) {
      List<String> listed = protocolTaxa.get(r.nextInt(2));
      String site = r.nextInt(4) == 0 ? null : "site-" + r.nextInt(50);
      String status = r.nextBoolean() ? "complete" : "partial";
      List<GenericRecord> rows = new ArrayList<>();
      for (String taxon : listed) {
        GenericData.Record g = new GenericData.Record(VISIT_LIKE);
        g.put("visit", "visit-" + v);
        g.put("site", site);
        g.put("taxon", r.nextInt(30) == 0 ? "other-" + r.nextInt(1_000) : taxon);
        g.put("name", r.nextInt(8) == 0 ? null : "name of " + taxon);
        g.put("note", r.nextInt(3) == 0 ? null : "note " + r.nextInt(1_000_000));
        g.put("count", r.nextInt(4) == 0 ? 1 + r.nextInt(9) : 0);
        g.put("status", status);
        rows.add(g);
      }
      visits.add(rows);
    }
    return visits;
  }

  private static List<String> taxa(String prefix, int n) {
    List<String> taxa = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      taxa.add(prefix + i);
    }
    return taxa;
  }

  private static List<byte[]> encodeAll(List<List<GenericRecord>> groups) throws IOException {
    List<byte[]> rows = new ArrayList<>();
    for (List<GenericRecord> group : groups) {
      for (GenericRecord g : group) {
        rows.add(encode(g, 0, g.getSchema().getFields().size()));
      }
    }
    return rows;
  }

  private static void writeWithRecordLayer(Path path, Schema schema, List<byte[]> rows, long rowGroupBytes)
      throws IOException {
    try (ParquetWriter<byte[]> w = ParquetFiles.open(file(path), schema, GeoParquet.forSchema(schema),
        rowGroupBytes)) {
      for (byte[] r : rows) {
        w.write(r);
      }
    }
  }

  @Test
  void aRowOfAnotherSchemaIsAClearError() throws Exception {
    byte[] row = encode(record(ALL_KINDS, new Random(1)), 0, 3); // three fields only
    try (ColumnRowWriter w = ColumnRowWriter.open(file(tmp.resolve("x.parquet")), ALL_KINDS, null, 1 << 20)) {
      IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
          () -> w.write(row));
      assertThat(e.getMessage(), containsString("t.AllKinds"));
    }
  }

  @Test
  void nestedRecordsAreNotTaken() {
    Schema nested = SchemaBuilder.record("Outer").fields().name("inner").type(
        SchemaBuilder.record("Inner").fields().requiredInt("a").endRecord()).noDefault().endRecord();
    assertThat(ColumnRowWriter.supports(nested), equalTo(false));
    assertThat(ColumnRowWriter.supports(AvroSchemas.VISIT_FILE), equalTo(true));
    assertThat(ColumnRowWriter.supports(AvroSchemas.OCCURRENCE_FILE), equalTo(true));
  }

  private static void assertSameFile(Path actual, Path expected, int rowCount) throws IOException {
    assertSameFile(actual, expected, rowCount, 2);
  }

  private static void assertSameFile(Path actual, Path expected, int rowCount, int minRowGroups)
      throws IOException {
    List<GenericRecord> a = ReadParquet.rows(actual);
    List<GenericRecord> e = ReadParquet.rows(expected);
    assertThat(a.size(), equalTo(rowCount));
    for (int i = 0; i < e.size(); i++) {
      assertThat("row " + i, a.get(i), equalTo(e.get(i)));
    }
    ParquetMetadata fa = footer(actual);
    ParquetMetadata fe = footer(expected);
    assertThat(fa.getFileMetaData().getSchema(), equalTo(fe.getFileMetaData().getSchema()));
    assertThat(fa.getFileMetaData().getKeyValueMetaData(), equalTo(fe.getFileMetaData().getKeyValueMetaData()));
    assertThat("row groups", fe.getBlocks().size(), greaterThanOrEqualTo(minRowGroups));
    assertThat(fa.getBlocks().size(), equalTo(fe.getBlocks().size()));
    for (int b = 0; b < fe.getBlocks().size(); b++) {
      BlockMetaData ba = fa.getBlocks().get(b);
      BlockMetaData be = fe.getBlocks().get(b);
      assertThat("rows of group " + b, ba.getRowCount(), equalTo(be.getRowCount()));
      for (int c = 0; c < be.getColumns().size(); c++) {
        ColumnChunkMetaData ca = ba.getColumns().get(c);
        ColumnChunkMetaData ce = be.getColumns().get(c);
        String at = "group " + b + ", column " + ce.getPath();
        assertThat(at, ca.getEncodings(), equalTo(ce.getEncodings()));
        assertThat(at, ca.getValueCount(), equalTo(ce.getValueCount()));
        assertThat(at, ca.getTotalUncompressedSize(), equalTo(ce.getTotalUncompressedSize()));
        Statistics<?> sa = ca.getStatistics();
        Statistics<?> se = ce.getStatistics();
        assertThat(at, sa.getNumNulls(), equalTo(se.getNumNulls()));
        assertThat(at, sa.hasNonNullValue(), equalTo(se.hasNonNullValue()));
        if (se.hasNonNullValue()) {
          assertThat(at, sa.genericGetMin(), equalTo(se.genericGetMin()));
          assertThat(at, sa.genericGetMax(), equalTo(se.genericGetMax()));
        }
        assertSamePages(at, columnIndex(actual, ca), columnIndex(expected, ce));
        assertThat(at + ": size statistics", sizeStatistics(ca), equalTo("none"));
        assertThat(at + ": size statistics", sizeStatistics(ce), equalTo("none"));
      }
    }
  }

  /** A column chunk's size statistics (parquet-java 1.15+), "none" when the file has none. */
  private static String sizeStatistics(ColumnChunkMetaData column) {
    org.apache.parquet.column.statistics.SizeStatistics s = column.getSizeStatistics();
    return s == null || !s.isValid() ? "none"
        : s.getUnencodedByteArrayDataBytes() + " " + s.getRepetitionLevelHistogram() + " "
            + s.getDefinitionLevelHistogram();
  }

  /** The pages' statistics (the column index): one entry per page, in the same place in both files. */
  private static void assertSamePages(String at, ColumnIndex a, ColumnIndex e) {
    assertThat(at + ": a column index", a != null, equalTo(e != null));
    if (e == null) {
      return;
    }
    assertThat(at + ", pages", a.getNullPages().size(), equalTo(e.getNullPages().size()));
    assertThat(at + ", page nulls", a.getNullCounts(), equalTo(e.getNullCounts()));
    assertThat(at + ", all-null pages", a.getNullPages(), equalTo(e.getNullPages()));
    assertThat(at + ", page minima", a.getMinValues(), equalTo(e.getMinValues()));
    assertThat(at + ", page maxima", a.getMaxValues(), equalTo(e.getMaxValues()));
    assertThat(at + ", order", a.getBoundaryOrder(), equalTo(e.getBoundaryOrder()));
  }

  private static ColumnIndex columnIndex(Path file, ColumnChunkMetaData column) throws IOException {
    try (ParquetFileReader r = ParquetFileReader.open(
        HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), CONF))) {
      return r.readColumnIndex(column);
    }
  }

  private static ParquetMetadata footer(Path file) throws IOException {
    try (ParquetFileReader r = ParquetFileReader.open(
        HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), CONF))) {
      return r.getFooter();
    }
  }

  private static ChannelOutputFile file(Path p) throws IOException {
    return new ChannelOutputFile(FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
  }

  /** The payload of a sort group as {@link RowBlock} stores it. */
  private static byte[] payload(byte[] head, List<byte[]> middles, byte[] tail) {
    int size = 12 + head.length + tail.length + middles.stream().mapToInt(m -> 4 + m.length).sum();
    ByteBuffer b = ByteBuffer.allocate(size).putInt(head.length).put(head).putInt(tail.length).put(tail)
        .putInt(middles.size());
    middles.forEach(m -> b.putInt(m.length).put(m));
    return b.array();
  }

  private static List<byte[]> rows(Schema schema, int n, Random random) throws IOException {
    List<byte[]> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      rows.add(encode(record(schema, random), 0, schema.getFields().size()));
    }
    return rows;
  }

  /** A seeded record: a value of the field's type, null a fifth of the time where allowed, few distinct strings. */
  private static GenericRecord record(Schema schema, Random r) {
    GenericData.Record g = new GenericData.Record(schema);
    for (Schema.Field f : schema.getFields()) {
      Schema s = f.schema();
      if (s.getType() == Schema.Type.UNION) {
        if (r.nextInt(5) == 0) {
          continue;
        }
        s = s.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).findFirst().orElseThrow();
      }
      g.put(f.pos(), value(s, r));
    }
    return g;
  }

  private static Object value(Schema s, Random r) {
    return switch (s.getType()) {
      case STRING -> r.nextInt(3) == 0 ? "v" + r.nextInt(1_000_000) : "common-" + r.nextInt(7);
      case BYTES -> ByteBuffer.wrap(new byte[] {(byte) r.nextInt(), (byte) r.nextInt(4), 0, 1});
      case INT -> r.nextInt(3) == 0 ? r.nextInt() : r.nextInt(20);
      case LONG -> r.nextLong() >> r.nextInt(60);
      case FLOAT -> r.nextFloat() * 100;
      case DOUBLE -> r.nextDouble() * 10 - 5;
      case BOOLEAN -> r.nextBoolean();
      case ARRAY -> {
        List<Object> items = new ArrayList<>();
        for (int k = r.nextInt(4); k > 0; k--) {
          items.add(value(s.getElementType(), r));
        }
        yield items;
      }
      default -> throw new IllegalArgumentException("no generator for " + s);
    };
  }

  /** Fields {@code from} (inclusive) to {@code to} (exclusive) of {@code g}, Avro binary. */
  private static byte[] encode(GenericRecord g, int from, int to) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder e = EncoderFactory.get().directBinaryEncoder(out, null);
    FieldWriter w = new FieldWriter(g.getSchema());
    for (int i = from; i < to; i++) {
      w.field(g.getSchema().getFields().get(i).schema(), g.get(i), e);
    }
    e.flush();
    return out.toByteArray();
  }

  private static final class FieldWriter extends GenericDatumWriter<Object> {
    FieldWriter(Schema s) {
      super(s);
    }

    void field(Schema schema, Object value, org.apache.avro.io.Encoder out) throws IOException {
      write(schema, value, out);
    }
  }
}
