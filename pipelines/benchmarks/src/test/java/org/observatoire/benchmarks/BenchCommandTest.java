package org.observatoire.benchmarks;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench on a tiny input: three child JVMs, one JSON report whose counts agree and match the files written. */
class BenchCommandTest {
  private static final int N = 300;

  @TempDir
  Path tmp;

  @Test
  void childJvmsGetTheBatchCollectorUnlessAnotherIsChosen() {
    assertThat(BenchCommand.childJvmArgs(List.of("-Xmx1g")), equalTo(List.of("-XX:+UseParallelGC", "-Xmx1g")));
    assertThat(BenchCommand.childJvmArgs(List.of()), equalTo(List.of("-XX:+UseParallelGC")));
    assertThat(BenchCommand.childJvmArgs(List.of("-XX:+UseG1GC", "-Xmx1g")), equalTo(List.of("-XX:+UseG1GC",
        "-Xmx1g")));
  }

  @Test
  void everySystemProcessesTheSameInputAndTheReportSaysSo() throws Exception {
    Path work = tmp.resolve("work");
    Path json = tmp.resolve("bench.json");
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    PrintStream previous = System.out;
    int code;
    try {
      System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
      code = Benchmarks.commandLine().execute("bench", "--submissions", String.valueOf(N), "--seed", "5",
          "--work-dir", work.toString(), "--output", json.toString(), "--keep",
          // tiny runs are all start-up: C1 only and the serial collector halve the test's time on 2 cores
          "--jvm-arg=-XX:TieredStopAtLevel=1", "--jvm-arg=-XX:+UseSerialGC");
    } finally {
      System.setOut(previous);
    }
    String table = stdout.toString(StandardCharsets.UTF_8);
    assertThat("exit code; logs in " + work + "\n" + table, code, is(0));

    JsonNode report = new ObjectMapper().readTree(json.toFile());
    assertThat(report.path("submissions").asLong(), is((long) N));
    assertThat(report.path("seed").asLong(), is(5L));
    assertThat(report.path("machine").path("cores").asInt(), greaterThan(0));
    assertThat(report.path("machine").path("memoryBytes").asLong(), greaterThan(0L));
    assertThat(report.path("machine").path("childJvmArgs").asText(),
        equalTo("-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"));
    for (String system : List.of("nightly", "plainJava", "duckdb", "duckdbBare")) {
      JsonNode s = report.path("systems").path(system);
      assertThat(system, s.path("exitCode").asInt(), is(0));
      assertThat(system + " read every input line", s.path("records").asLong(), is((long) N));
      for (String field : List.of("occurrenceRows", "recordsPerSecond", "wallSeconds", "peakRssBytes",
          "outputBytes")) {
        assertThat(system + "." + field, s.get(field), notNullValue());
      }
      assertThat(system + " recordsPerSecond", s.path("recordsPerSecond").asDouble(), greaterThan(0.0));
      assertThat(system + " wallSeconds", s.path("wallSeconds").asDouble(), greaterThan(0.0));
      assertThat(system + " peakRssBytes", s.path("peakRssBytes").asLong(), greaterThan(0L));
      assertThat(system + " outputBytes", s.path("outputBytes").asLong(), greaterThan(0L));
      assertThat(system + " cpuSeconds (GNU time, installed by .ci/run)", s.path("cpuSeconds").asDouble(),
          greaterThan(0.0));
      assertThat(table, containsString("| " + system + " | " + N + " |"));
    }
    long nightlyRows = report.at("/systems/nightly/occurrenceRows").asLong();
    assertThat("the same core makes the same rows", report.at("/systems/plainJava/occurrenceRows").asLong(),
        is(nightlyRows));
    assertThat(nightlyRows, greaterThan((long) N));
    assertThat("SQL keeps every parsed occurrence: no validation, so at least the nightly's curated rows",
        report.at("/systems/duckdb/occurrenceRows").asLong(), greaterThanOrEqualTo(nightlyRows));
    assertThat(report.at("/systems/duckdbBare/occurrenceRows").isNull(), is(true));
    assertThat(report.at("/ratios/nightlyVsDuckdb/recordsPerSecond").asDouble(), greaterThan(0.0));
    assertThat(report.at("/ratios/nightlyVsPlainJava/occurrenceRowsPerSecond").asDouble(), greaterThan(0.0));

    // the counts reported are the rows in the files
    assertThat(parquetRows(work.resolve("out-nightly/occurrences")), is(nightlyRows));
    assertThat(parquetRows(work.resolve("out-plain/occurrences")), is(nightlyRows));
    assertThat(parquetRows(work.resolve("out-duckdb")), is(report.at("/systems/duckdb/occurrenceRows").asLong()));
    assertThat(parquetRows(work.resolve("out-duckdb-bare")),
        is(report.at("/systems/duckdbBare/details/outputRows").asLong()));
    JsonNode byDataset = report.at("/systems/nightly/details/rowsByDataset");
    assertThat(byDataset.path("events").asLong(), is(parquetRows(work.resolve("out-nightly/events"))));
    long all = 0;
    for (JsonNode n : byDataset) {
      all += n.asLong();
    }
    assertThat(report.at("/systems/nightly/details/rowsWritten").asLong(), is(all));
    assertThat(all, greaterThan(nightlyRows + byDataset.path("events").asLong()));
    assertThat(table, containsString(String.format(java.util.Locale.ROOT, "nightly: %,d rows written", all)));
    // plainJava does the same work: the same rows in every dataset, and the ratio of the wall times is shown
    assertThat(report.at("/systems/plainJava/details/rowsByDataset"), equalTo(byDataset));
    assertThat(report.at("/systems/plainJava/details/rowsWritten").asLong(), is(all));
    assertThat(report.at("/systems/plainJava/details/bytesByDataset/events").asLong(), greaterThan(0L));
    assertThat(report.at("/systems/nightly/details/bytesByDataset/cubes~1eea1km").asLong(), greaterThan(0L));
    assertThat(report.path("nightlyOverPlainJava").asDouble(), greaterThan(0.0));
    assertThat(table, containsString(String.format(java.util.Locale.ROOT, "plainJava: %,d rows written", all)));
    assertThat(table, containsString("nightly ÷ plainJava (wall time"));

    // the nightly child's CPU by stage: its validation task is there, and the stages fit in the process's CPU
    JsonNode cpu = report.at("/systems/nightly/details/cpuByStage");
    double validation = 0;
    double stages = 0;
    for (JsonNode stage : cpu.path("stages")) {
      stages += stage.path("cpuSeconds").asDouble();
      if (stage.path("stage").asText().equals("ProcessSubmissions/ValidateAndInterpret")) {
        validation = stage.path("cpuSeconds").asDouble();
      }
    }
    assertThat(validation, greaterThan(0.0));
    assertThat(cpu.path("processCpuSeconds").asDouble(), greaterThan(stages - 0.1));
    assertThat("the child's own measure is within what GNU time saw",
        report.at("/systems/nightly/cpuSeconds").asDouble(), greaterThan(cpu.path("processCpuSeconds").asDouble()
            - 0.1));
    assertThat(table, containsString("| ProcessSubmissions/ValidateAndInterpret |"));
  }

  private static long parquetRows(Path dir) throws Exception {
    assertThat(dir + " exists", Files.isDirectory(dir), is(true));
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM read_parquet('" + dir + "/**/*.parquet')")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
