package org.observatoire.benchmarks.baseline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatoire.beam.jobs.NightlyJob;
import org.observatoire.beam.transforms.GeneraliseSensitiveSites;
import org.observatoire.core.samples.SampleData;
import org.observatoire.generator.SubmissionGenerator;

/**
 * The plain-Java baseline does the nightly's work: on the same input (300 generated submissions with a tenth of
 * planted defects, five lines submitted twice, and the privacy reproducers, whose sites hold sensitive species),
 * the nightly job (DirectRunner) and the baseline write the same files in the same partitions, and each dataset holds
 * the same rows: DuckDB finds none in one that is not in the other (EXCEPT ALL both ways, duplicates counted).
 * Both runs use the same run id, which scopes the opaque ids of generalised events, so no column is left out.
 */
class PlainJavaBaselineTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REFERENCE_TIME = "2026-11-23T00:00:00Z";
  private static final String RUN_ID = "agree";

  @TempDir static Path tmp;
  private static Path nightly;
  private static Path plain;
  private static JsonNode manifest;
  private static JsonNode result;

  @BeforeAll
  static void runBoth() throws Exception {
    Path in = Files.createDirectories(tmp.resolve("in"));
    StringWriter generated = new StringWriter();
    SubmissionGenerator.create(23, 0.1, LocalDate.of(2026, 11, 20)).write("all", 300, generated);
    List<String> lines = new ArrayList<>(generated.toString().lines().toList());
    lines.addAll(List.copyOf(lines.subList(10, 15))); // the same lines again: duplicates of the accepted ones
    Files.write(in.resolve("generated.jsonl"), lines, StandardCharsets.UTF_8);
    Files.copy(SampleData.root().resolve("privacy/reproducers.jsonl"), in.resolve("reproducers.jsonl"));

    nightly = tmp.resolve("nightly");
    NightlyJob.Options options = PipelineOptionsFactory.fromArgs("--input=" + in, "--output=" + nightly,
        "--restrictedOutput=" + tmp.resolve("nightly-restricted"), "--referenceTime=" + REFERENCE_TIME,
        "--runId=" + RUN_ID, "--samplePseudonymKey=true").as(NightlyJob.Options.class);
    options.setRunner(DirectRunner.class);
    manifest = JSON.readTree(NightlyJob.run(options).manifest().toJson());

    plain = tmp.resolve("plain");
    Path resultFile = tmp.resolve("plain.json");
    PlainJavaBaseline.main(new String[] {"--input", in.toString(), "--output", plain.toString(),
        "--restricted-output", tmp.resolve("plain-restricted").toString(), "--reference-time", REFERENCE_TIME,
        "--run-id", RUN_ID, "--threads", "2", "--result", resultFile.toString()});
    result = JSON.readTree(resultFile.toFile());
  }

  @Test
  void theCountsAreTheNightlys() {
    JsonNode totals = manifest.path("totals");
    assertThat(result.path("records").asLong(), is(totals.path("linesRead").asLong()));
    for (String count : List.of("curatedSubmissions", "rejected", "duplicates", "deadLettered")) {
      assertThat(count, result.path(count).asLong(), is(totals.path(count).asLong()));
    }
    assertThat(totals.path("duplicates").asLong(), greaterThan(0L));
    assertThat(totals.path("rejected").asLong(), greaterThan(0L));
    for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) result.path("rowsByDataset")::fields) {
      assertThat(e.getKey(), e.getValue().asLong(), is(manifest.path("outputs").path(e.getKey()).path("rows").asLong()));
    }
    assertThat(result.path("occurrenceRows").asLong(), is(totals.path("occurrenceRows").asLong()));
  }

  @Test
  void theSameFilesInTheSamePartitions() throws Exception {
    for (String dataset : List.of("occurrences", "events", "checklists", "cubes", "rejected", "duplicates")) {
      assertThat(dataset, files(plain.resolve(dataset)), equalTo(files(nightly.resolve(dataset))));
    }
    for (String dataset : List.of("locations", "rejected-raw")) {
      assertThat(dataset, files(tmp.resolve("plain-restricted").resolve(dataset)),
          equalTo(files(tmp.resolve("nightly-restricted").resolve(dataset))));
    }
  }

  @Test
  void everyDatasetHoldsTheSameRows() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
      for (String dataset : List.of("occurrences", "events", "checklists", "cubes", "rejected", "duplicates")) {
        assertSameRows(s, dataset, nightly.resolve(dataset), plain.resolve(dataset));
      }
      for (String dataset : List.of("locations", "rejected-raw")) {
        assertSameRows(s, dataset, tmp.resolve("nightly-restricted").resolve(dataset),
            tmp.resolve("plain-restricted").resolve(dataset));
      }
      assertThat("rows generalised because their site is sensitive", count(s, "SELECT count(*) FROM "
          + read(plain.resolve("occurrences")) + " WHERE informationWithheld = '"
          + GeneraliseSensitiveSites.SENSITIVE_SITE.replace("'", "''") + "'"), greaterThan(0L));
    }
  }

  private static void assertSameRows(Statement s, String dataset, Path a, Path b) throws Exception {
    long rows = count(s, "SELECT count(*) FROM " + read(a));
    assertThat(dataset + " has rows", rows, greaterThan(0L));
    assertThat(dataset + " rows", count(s, "SELECT count(*) FROM " + read(b)), is(rows));
    assertThat(dataset + ": nightly rows the baseline lacks",
        count(s, "SELECT count(*) FROM (FROM " + read(a) + " EXCEPT ALL FROM " + read(b) + ")"), is(0L));
    assertThat(dataset + ": baseline rows the nightly lacks",
        count(s, "SELECT count(*) FROM (FROM " + read(b) + " EXCEPT ALL FROM " + read(a) + ")"), is(0L));
  }

  /** Every file below a dataset folder, with its Hive partition columns (protocol, year, grid...). */
  private static String read(Path dir) {
    return "read_parquet('" + dir + "/**/*.parquet', hive_partitioning = true)";
  }

  private static long count(Statement s, String sql) throws Exception {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static List<String> files(Path dir) throws Exception {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> p.toString().endsWith(".parquet")).map(p -> dir.relativize(p).toString()).sorted()
          .toList();
    }
  }
}
