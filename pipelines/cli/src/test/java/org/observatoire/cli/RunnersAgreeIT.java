package org.observatoire.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same shaded jar runs the nightly job on the sample data with the embedded Flink runner and with the Spark
 * runner ({@code local[2]}), each in its own JVM as a user would launch it, and both produce the same rows in every
 * dataset (public and restricted) and the same manifest apart from the run's own identity and timing.
 */
class RunnersAgreeIT {
  private static final Path ROOT = Path.of(System.getProperty("observatoire.root", "../.."));
  private static final Path JAR = ROOT.resolve("pipelines/cli/target/observatoire.jar");
  private static final ObjectMapper JSON = new ObjectMapper();
  /** What Flink and Spark reach into on Java 17; the same list as the ./observatoire launcher. */
  static final List<String> ADD_OPENS = List.of("java.base/java.lang", "java.base/java.lang.invoke",
      "java.base/java.lang.reflect", "java.base/java.io", "java.base/java.net", "java.base/java.nio",
      "java.base/java.util", "java.base/java.util.concurrent", "java.base/java.util.concurrent.atomic",
      "java.base/jdk.internal.ref", "java.base/sun.nio.ch", "java.base/sun.nio.cs", "java.base/sun.security.action",
      "java.base/sun.util.calendar");

  @TempDir
  static Path tmp;

  private static Run flink;
  private static Run spark;

  /** One child run: its public and restricted outputs, exit code, wall time and peak RSS (KiB; 0 if unknown). */
  record Run(String runner, Path output, Path restricted, int exit, double wallSeconds, long peakRssKib, String log) {}

  @BeforeAll
  static void runOnBothRunners() throws Exception {
    assertThat("the shaded jar is built by `package` before failsafe runs: " + JAR, Files.isRegularFile(JAR), is(true));
    flink = run("FlinkRunner");
    spark = run("SparkRunner", "--sparkMaster=local[2]");
    for (Run r : List.of(flink, spark)) {
      System.out.printf("RunnersAgreeIT: %s on the sample data: %.1f s wall, peak RSS %d MiB%n", r.runner(),
          r.wallSeconds(), r.peakRssKib() / 1024);
    }
  }

  private static Run run(String runner, String... beamArgs) throws IOException, InterruptedException {
    Path out = tmp.resolve(runner + "/out");
    Path restricted = tmp.resolve(runner + "/restricted");
    Path log = tmp.resolve(runner + ".log");
    Path time = tmp.resolve(runner + ".time");
    List<String> cmd = new ArrayList<>();
    boolean timed = Files.isExecutable(Path.of("/usr/bin/time"));
    if (timed) {
      cmd.addAll(List.of("/usr/bin/time", "-f", "%e %M", "-o", time.toString()));
    }
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx2g");
    ADD_OPENS.forEach(o -> cmd.add("--add-opens=" + o + "=ALL-UNNAMED"));
    cmd.add("-Dderby.stream.error.file=/dev/null");
    cmd.addAll(List.of("-jar", JAR.toAbsolutePath().toString(), "nightly",
        "--input", ROOT.resolve("sample-data").toAbsolutePath().toString(),
        "--output", out.toString(), "--restricted-output", restricted.toString(),
        "--reference-time", "2026-11-23T00:00:00Z", "--sample-pseudonym-key", "--runner=" + runner,
        // one run id: the opaque ids of generalised events, and so their cube cells, are scoped to it
        "--run-id", "runners-agree"));
    cmd.addAll(List.of(beamArgs));
    long start = System.nanoTime();
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly().waitFor();
      throw new AssertionError(runner + " did not finish in 10 minutes:\n" + Files.readString(log));
    }
    double wall = (System.nanoTime() - start) / 1e9;
    long rss = 0;
    if (timed && Files.exists(time)) {
      List<String> lines = Files.readAllLines(time, StandardCharsets.UTF_8);
      String[] last = lines.get(lines.size() - 1).trim().split("\\s+");
      wall = Double.parseDouble(last[0]);
      rss = Long.parseLong(last[1]);
    }
    String text = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(runner + " run failed:\n" + text, p.exitValue(), is(0));
    return new Run(runner, out, restricted, p.exitValue(), wall, rss, text);
  }

  @Test
  void theSparkRunnerReallyRan() throws IOException {
    assertThat(manifest(flink).path("run").path("runner").asText(), is("FlinkRunner"));
    assertThat(manifest(spark).path("run").path("runner").asText(), is("SparkRunner"));
  }

  @Test
  void everyDatasetHasTheSameRows() throws Exception {
    for (Path[] roots : List.of(new Path[] {flink.output(), spark.output()},
        new Path[] {flink.restricted(), spark.restricted()})) {
      Map<String, Long> flinkDatasets = datasets(roots[0]);
      Map<String, Long> sparkDatasets = datasets(roots[1]);
      assertThat("datasets with files under " + roots[0].getFileName(), sparkDatasets.keySet(),
          equalTo(flinkDatasets.keySet()));
      try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
        for (String dataset : flinkDatasets.keySet()) {
          String a = scan(roots[0].resolve(dataset));
          String b = scan(roots[1].resolve(dataset));
          long rows = count(db, "SELECT count(*) FROM " + a);
          assertThat(dataset + " rows", count(db, "SELECT count(*) FROM " + b), is(rows));
          assertThat(dataset + ": rows written by Flink but not by Spark",
              count(db, "SELECT count(*) FROM (SELECT * FROM " + a + " EXCEPT ALL SELECT * FROM " + b + ")"), is(0L));
          assertThat(dataset + ": rows written by Spark but not by Flink",
              count(db, "SELECT count(*) FROM (SELECT * FROM " + b + " EXCEPT ALL SELECT * FROM " + a + ")"), is(0L));
        }
      }
    }
    // the sample exercises every public dataset; an empty comparison would prove nothing
    assertThat(datasets(flink.output()).keySet(), equalTo(new TreeSet<>(List.of("cubes", "duplicates",
        "events", "checklists", "occurrences", "rejected"))));
    assertThat(datasets(flink.output()).get("occurrences"), greaterThan(0L));
  }

  @Test
  void theManifestsAgreeBeyondTheRunsIdentity() throws IOException {
    JsonNode a = comparable(manifest(flink));
    JsonNode b = comparable(manifest(spark));
    assertThat(b.toPrettyString(), equalTo(a.toPrettyString()));
    assertThat(a.path("totals").path("occurrenceRows").asLong(), greaterThan(0L));
    assertThat(a.path("conservation").path("holds").asBoolean(), is(true));
  }

  private static JsonNode manifest(Run r) throws IOException {
    return JSON.readTree(r.output().resolve("manifest.json").toFile());
  }

  /** The manifest without what names or times this run (runner, id, clock, output paths) or its file layout. */
  private static JsonNode comparable(JsonNode manifest) {
    ObjectNode m = manifest.deepCopy();
    ObjectNode run = (ObjectNode) m.path("run");
    run.remove(List.of("runner", "runId", "startedAt", "finishedAt", "durationSeconds", "restrictedOutput"));
    m.path("outputs").forEach(o -> ((ObjectNode) o).remove("files"));
    return m;
  }

  /** Top-level folders holding Parquet files (anywhere below), with their file counts. */
  private static Map<String, Long> datasets(Path root) throws IOException {
    Map<String, Long> found = new TreeMap<>();
    try (Stream<Path> top = Files.list(root)) {
      for (Path dir : top.filter(Files::isDirectory).toList()) {
        try (Stream<Path> files = Files.walk(dir)) {
          long n = files.filter(f -> f.toString().endsWith(".parquet")).count();
          if (n > 0) {
            found.put(dir.getFileName().toString(), n);
          }
        }
      }
    }
    return found;
  }

  private static String scan(Path dataset) {
    return "read_parquet('" + dataset.toAbsolutePath() + "/**/*.parquet', hive_partitioning = true,"
        + " union_by_name = true)";
  }

  private static long count(Connection db, String sql) throws SQLException {
    try (Statement s = db.createStatement(); ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }
}
