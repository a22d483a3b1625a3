package org.observatoire.beam.parquet;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One file per destination written from spilled runs: with a budget small enough that every worker spills dozens of
 * runs, each destination's file holds exactly its rows and has the bytes of the same rows written as one sorted file,
 * and neither the runs nor a partial file is left behind.
 */
class WriteSortedFilesTest {
  private static final Schema SCHEMA = SchemaBuilder.record("row").fields()
      .requiredString("site").requiredLong("n").requiredString("note").endRecord();
  private static final int ROWS = 20_000;
  private static final int SITES = 5;

  @TempDir
  Path tmp;

  /** Row {@code i}: rows {@code i} and {@code i + 3000} are equal, so the merge meets equal entries. */
  private static GenericRecord row(int i) {
    GenericData.Record r = new GenericData.Record(SCHEMA);
    r.put("site", "site=" + i % SITES);
    r.put("n", (long) (i % 3000) * 7919 % 10007);
    r.put("note", "note " + i % 3000 % 97);
    return r;
  }

  private static PipelineOptions direct() {
    PipelineOptions options = PipelineOptionsFactory.create();
    options.setRunner(DirectRunner.class);
    return options;
  }

  private static WriteSortedFiles<Integer> write(Path dir, ParquetSink sink) {
    return WriteSortedFiles.<Integer>of(dir.toString(), "part", sink,
        (i, out) -> {
          GenericRecord r = row(i);
          sink.add(r, (key, payload) -> out.add(r.get("site").toString(), key, payload));
        }).withRunBudget(64 << 10);
  }

  private static List<Path> leftovers(Path dir) throws Exception {
    try (Stream<Path> all = Files.walk(dir)) {
      return all.filter(p -> p.getFileName().toString().startsWith(".")).collect(Collectors.toList());
    }
  }

  @Test
  void eachDestinationGetsTheBytesOfItsRowsSortedInOneFile() throws Exception {
    Path dir = tmp.resolve("dataset");
    ParquetSink sink = new ParquetSink(SCHEMA, 64 << 10);
    Pipeline p = Pipeline.create(direct());
    PCollection<String> files = p
        .apply(Create.of(IntStream.range(0, ROWS).boxed().collect(Collectors.toList())).withCoder(VarIntCoder.of()))
        .apply(write(dir, sink));
    List<String> expected = new ArrayList<>();
    for (int s = 0; s < SITES; s++) {
      expected.add(dir.resolve("site=" + s + "/part-00000-of-00001.parquet").toString());
    }
    PAssert.that(files).containsInAnyOrder(expected);
    p.run().waitUntilFinish();

    for (int s = 0; s < SITES; s++) {
      Path written = dir.resolve("site=" + s + "/part-00000-of-00001.parquet");
      assertThat(ReadParquet.rows(written).size(), equalTo(ROWS / SITES));
      Path single = tmp.resolve("single-" + s + ".parquet");
      ParquetSink one = new ParquetSink(SCHEMA, 64 << 10);
      try (FileChannel ch = FileChannel.open(single, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        one.open(ch);
        for (int i = s; i < ROWS; i += SITES) {
          one.write(row(i));
        }
        one.flush();
      }
      assertThat(Files.size(written), greaterThan(0L));
      assertThat("site " + s, Files.readAllBytes(written), equalTo(Files.readAllBytes(single)));
    }
    assertThat(leftovers(dir), empty());
  }

  @Test
  void anEmptyInputWritesNoFileAndLeavesNothing() throws Exception {
    Path dir = tmp.resolve("empty");
    Files.createDirectories(dir);
    Pipeline p = Pipeline.create(direct());
    PCollection<String> files = p.apply(Create.empty(VarIntCoder.of()))
        .apply(write(dir, new ParquetSink(SCHEMA, 64 << 10)));
    PAssert.that(files).empty();
    p.run().waitUntilFinish();
    try (Stream<Path> all = Files.list(dir)) {
      assertThat(all.collect(Collectors.toList()), empty());
    }
  }
}
