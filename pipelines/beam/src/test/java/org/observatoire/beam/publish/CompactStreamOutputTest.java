package org.observatoire.beam.publish;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatoire.beam.avro.AvroRecords;
import org.observatoire.beam.avro.RecordFileRows;
import org.observatoire.beam.avro.AvroSchemas;
import org.observatoire.beam.parquet.ChannelOutputFile;
import org.observatoire.beam.parquet.GeoParquet;
import org.observatoire.beam.parquet.ParquetFiles;
import org.observatoire.beam.parquet.ReadParquet;
import org.observatoire.beam.transforms.ProcessingConfig;
import org.observatoire.core.ingest.Outcome;
import org.observatoire.core.ingest.RawLine;
import org.observatoire.core.ingest.SourceRef;
import org.observatoire.core.ingest.SubmissionProcessor;
import org.observatoire.core.samples.SampleData;

/**
 * Compaction of streaming output that a replay duplicated: sample submissions written as the streaming job writes
 * them (Avro → Parquet, one file per partition and pane), some rows written twice (a replayed pane, a late row
 * also in a window), compacted into one row per occurrenceID in the nightly layout with the dataset's column types.
 */
class CompactStreamOutputTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ProcessingConfig CONFIG =
      ProcessingConfig.live(SubmissionProcessor.DEFAULT_MAX_LINE_BYTES, null, true, null);

  @TempDir
  Path tmp;

  /** The full occurrence records of the accepted sample submissions of a protocol, one list per submission. */
  private static List<List<GenericRecord>> accepted(String protocol) {
    Path file = SampleData.root().resolve("submissions/" + protocol + "/valid.jsonl");
    List<List<GenericRecord>> out = new ArrayList<>();
    int n = 0;
    for (String line : SampleData.readLines(file)) {
      Outcome o = CONFIG.processor().process(RawLine.of(SourceRef.of("kafka:submissions/0", ++n),
          line.getBytes(StandardCharsets.UTF_8)));
      if (o instanceof Outcome.Accepted a) {
        out.add(AvroRecords.occurrencesOf(AvroRecords.accepted(a)));
      }
    }
    return out;
  }

  /** Writes rows as the streaming job does: {@code dir/protocol=…/year=…/<name>.parquet}, our writer, zstd. */
  private static void write(Path dir, String name, List<GenericRecord> rows) throws Exception {
    Map<String, List<GenericRecord>> byPartition = new LinkedHashMap<>();
    for (GenericRecord r : rows) {
      byPartition.computeIfAbsent(RecordFileRows.partition(r), k -> new ArrayList<>()).add(r);
    }
    for (Map.Entry<String, List<GenericRecord>> e : byPartition.entrySet()) {
      Path file = dir.resolve(e.getKey()).resolve(name + ".parquet");
      writeFile(file, AvroSchemas.OCCURRENCE_FILE, e.getValue().stream().map(RecordFileRows::fileRow).toList());
    }
  }

  private static void writeFile(Path file, Schema schema, List<GenericRecord> rows) throws Exception {
    Files.createDirectories(file.getParent());
    GenericDatumWriter<GenericRecord> encoder = new GenericDatumWriter<>(schema);
    try (ParquetWriter<byte[]> w = ParquetFiles.open(ChannelOutputFile.create(file), schema,
        GeoParquet.forSchema(schema), ParquetFiles.ROW_GROUP_BYTES)) {
      for (GenericRecord r : rows) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder binary = EncoderFactory.get().directBinaryEncoder(bytes, null);
        encoder.write(r, binary);
        binary.flush();
        w.write(bytes.toByteArray());
      }
    }
  }

  /** The rejected records of a protocol's invalid sample submissions, as read from the submissions topic. */
  private static List<GenericRecord> rejected(String protocol) {
    Path file = SampleData.root().resolve("submissions/" + protocol + "/invalid.jsonl");
    List<GenericRecord> out = new ArrayList<>();
    int n = 0;
    for (String line : SampleData.readLines(file)) {
      Outcome o = CONFIG.processor().process(RawLine.of(SourceRef.of("kafka:submissions/1", ++n),
          line.getBytes(StandardCharsets.UTF_8)));
      if (o instanceof Outcome.Rejected x) {
        out.add(AvroRecords.rejected(x));
      }
    }
    return out;
  }

  private static List<GenericRecord> flat(List<List<GenericRecord>> submissions) {
    return submissions.stream().flatMap(List::stream).toList();
  }

  @Test
  void replayedAndLateDuplicatesAreRemovedIntoTheNightlyLayoutWithTheDatasetsTypes() throws Exception {
    List<List<GenericRecord>> spipoll = accepted("spipoll");
    List<List<GenericRecord>> stoc = accepted("stoc-eps");
    assertThat(spipoll.size(), greaterThan(2));
    assertThat(stoc.size(), greaterThan(2));
    Path first = tmp.resolve("stream-a");
    Path second = tmp.resolve("stream-b");
    // window 0, on-time pane; then the same pane replayed after a restart (its first two submissions again)
    write(first.resolve("occurrences"), "part-w0-pane-0", flat(spipoll));
    write(first.resolve("occurrences"), "part-w0-pane-0-replay", flat(spipoll.subList(0, 2)));
    // a second output folder (another day's stream): STOC, one submission also arrived too late
    write(second.resolve("occurrences"), "part-w1-pane-0", flat(stoc));
    write(second.resolve("late"), "late-0", flat(stoc.subList(0, 1)));
    write(second.resolve("late"), "late-1", flat(spipoll.subList(2, 3)));

    Set<String> expectedIds = new TreeSet<>();
    flat(spipoll).forEach(r -> expectedIds.add(r.get("occurrenceID").toString()));
    flat(stoc).forEach(r -> expectedIds.add(r.get("occurrenceID").toString()));
    long rowsIn = flat(spipoll).size() + flat(spipoll.subList(0, 2)).size() + flat(stoc).size()
        + flat(stoc.subList(0, 1)).size() + flat(spipoll.subList(2, 3)).size();
    long lateIn = flat(stoc.subList(0, 1)).size() + flat(spipoll.subList(2, 3)).size();
    assertThat("the fixture rows have distinct ids", (long) expectedIds.size(),
        equalTo((long) flat(spipoll).size() + flat(stoc).size()));

    Path out = tmp.resolve("compacted");
    CompactStreamOutput.Result r = CompactStreamOutput.compact(List.of(first, second), out);

    assertThat(r.rowsIn(), equalTo(rowsIn));
    assertThat(r.lateRowsIn(), equalTo(lateIn));
    assertThat(r.rowsOut(), equalTo((long) expectedIds.size()));
    assertThat(r.duplicatesRemoved(), equalTo(rowsIn - expectedIds.size()));
    JsonNode manifest = JSON.readTree(out.resolve(CompactStreamOutput.MANIFEST).toFile());
    assertThat(manifest.get("rowsIn").asLong(), equalTo(rowsIn));
    assertThat(manifest.get("duplicatesRemoved").asLong(), equalTo(rowsIn - expectedIds.size()));
    assertThat(manifest.get("rowsOut").asLong(), equalTo((long) expectedIds.size()));
    assertThat(r.rejectedRowsIn(), equalTo(0L));
    assertThat(Duck.parquetFiles(out.resolve("rejected")), equalTo(List.of()));

    Path dataset = out.resolve("occurrences");
    List<Path> files = Duck.parquetFiles(dataset);
    Set<String> partitions = new TreeSet<>();
    for (Path f : files) {
      partitions.add(dataset.relativize(f.getParent()).toString());
    }
    Set<String> expectedPartitions = new TreeSet<>();
    flat(spipoll).forEach(x -> expectedPartitions.add(RecordFileRows.partition(x)));
    flat(stoc).forEach(x -> expectedPartitions.add(RecordFileRows.partition(x)));
    assertThat(partitions, equalTo(expectedPartitions));

    try (Connection c = Duck.open(); Statement s = c.createStatement()) {
      List<String> ids = new ArrayList<>();
      try (ResultSet rs = s.executeQuery("SELECT occurrenceID FROM " + Duck.readParquet(dataset, true))) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
      assertThat("no occurrenceID twice", new HashSet<>(ids).size(), equalTo(ids.size()));
      assertThat(new TreeSet<>(ids), equalTo(expectedIds));
      // the same columns, in the same order, with the same types as the files the streaming job writes
      String written = "read_parquet(" + Duck.literal(files.get(0).toString()) + ", hive_partitioning = false)";
      String input = "read_parquet(" + Duck.literal(Duck.parquetFiles(first.resolve("occurrences")).get(0)
          .toString()) + ", hive_partitioning = false)";
      assertThat(Duck.columnTypes(c, written), equalTo(Duck.columnTypes(c, input)));
      // still GeoParquet: DuckDB reads our geo key as a GEOMETRY column and writes the key back
      assertThat(Duck.columnTypes(c, written).get("geometry"), equalTo("GEOMETRY('OGC:CRS84')"));
      assertThat(ReadParquet.footer(files.get(0)).getKeyValueMetaData().get("geo"),
          containsString("\"geometry_types\":[\"Point\"]"));
      assertThat(Duck.columns(c, written), equalTo(AvroSchemas.OCCURRENCE_FILE.getFields().stream()
          .map(Schema.Field::name).toList()));
      // a kept row is a whole row: its values are those of the input
      String someId = expectedIds.iterator().next();
      String q = "SELECT * EXCLUDE (protocol, year) FROM %s WHERE occurrenceID = " + Duck.literal(someId);
      assertThat(rows(s, String.format(q, Duck.readParquet(dataset, true))), equalTo(rows(s, String.format(
          "SELECT DISTINCT * FROM (" + q + ")", Duck.readParquet(tmp, true)
              .replace("/**/*.parquet", "/*/*/protocol=*/year=*/*.parquet")))));
    }
  }

  @Test
  void replayedRejectionsAreKeptOncePerKafkaRecord() throws Exception {
    List<GenericRecord> rejected = rejected("spipoll");
    assertThat(rejected.size(), greaterThan(2));
    Path in = tmp.resolve("stream");
    writeFile(in.resolve("rejected/rejected-w0-pane-0.parquet"), AvroSchemas.REJECTED, rejected);
    writeFile(in.resolve("rejected/rejected-w0-pane-0-replay.parquet"), AvroSchemas.REJECTED, rejected.subList(0, 2));
    write(in.resolve("occurrences"), "part-0", flat(accepted("spipoll").subList(0, 1)));

    Path out = tmp.resolve("out");
    CompactStreamOutput.Result r = CompactStreamOutput.compact(List.of(in), out);

    assertThat(r.rejectedRowsIn(), equalTo(rejected.size() + 2L));
    assertThat(r.rejectedRowsOut(), equalTo((long) rejected.size()));
    JsonNode manifest = JSON.readTree(out.resolve(CompactStreamOutput.MANIFEST).toFile());
    assertThat(manifest.get("rejectedDuplicatesRemoved").asLong(), equalTo(2L));
    try (Connection c = Duck.open(); Statement s = c.createStatement()) {
      String kept = Duck.readParquet(out.resolve("rejected"), false);
      assertThat(rows(s, "SELECT * FROM " + kept + " ORDER BY sourceLine"), equalTo(rows(s,
          "SELECT * FROM " + Duck.readParquet(in.resolve("rejected"), false).replace("/**/*.parquet",
              "/rejected-w0-pane-0.parquet") + " ORDER BY sourceLine")));
      assertThat(Duck.columns(c, kept), equalTo(AvroSchemas.REJECTED.getFields().stream()
          .map(Schema.Field::name).toList()));
    }
  }

  @Test
  void refusesToCompactOverAnExistingDataset() throws Exception {
    Path in = tmp.resolve("stream");
    write(in.resolve("occurrences"), "part-0", flat(accepted("spipoll").subList(0, 1)));
    Path out = tmp.resolve("out");
    CompactStreamOutput.compact(List.of(in), out);
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> CompactStreamOutput.compact(List.of(in), out));
    assertThat(e.getMessage().contains("already exists"), equalTo(true));
  }

  private static List<String> rows(Statement s, String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          b.append(rs.getMetaData().getColumnName(i)).append('=').append(rs.getString(i)).append('|');
        }
        out.add(b.toString());
      }
    }
    return out;
  }
}
