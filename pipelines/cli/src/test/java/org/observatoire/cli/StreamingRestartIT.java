package org.observatoire.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatoire.beam.publish.CompactStreamOutput;
import org.observatoire.cli.intake.IntakeServer;
import org.observatoire.cli.stream.CliProcess;
import org.observatoire.cli.stream.FlinkCheckpoints;
import org.observatoire.core.ingest.Outcome;
import org.observatoire.core.ingest.RawLine;
import org.observatoire.core.ingest.SourceRef;
import org.observatoire.core.ingest.SubmissionProcessor;
import org.observatoire.core.occurrence.Occurrence;
import org.observatoire.generator.SubmissionGenerator;

/**
 * No loss across a hard kill: the shaded jar's {@code stream} command (embedded Flink, checkpoints every 2 s) in a
 * child JVM reads a real broker fed by the HTTP intake; it is killed with SIGKILL while a batch is in its windows,
 * more submissions arrive while it is down, and a second process resumes from the latest checkpoint. Every
 * accepted submission's occurrences must then be in the curated output, and after {@code compact} exactly once.
 */
class StreamingRestartIT {
  private static final Path ROOT = Path.of(System.getProperty("observatoire.root", "../.."));
  private static final Path JAR = ROOT.resolve("pipelines/cli/target/observatoire.jar");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final int BATCH = 100;

  @TempDir
  static Path tmp;

  private static KafkaAndIntake kafka;
  private static IntakeServer intake;
  private static final List<Process> jobs = new ArrayList<>();

  @BeforeAll
  static void startBrokerAndIntake() throws Exception {
    kafka = KafkaAndIntake.start(tmp.resolve("broker"));
    intake = kafka.intake;
  }

  @AfterAll
  static void stopAll() throws Exception {
    try {
      for (Process p : jobs) {
        p.destroyForcibly().waitFor();
      }
    } finally {
      if (kafka != null) {
        kafka.close();
      }
    }
  }

  private static Process startJob(String name) throws Exception {
    Process p = CliProcess.start(JAR, List.of("-Xmx1g"), List.of("stream",
        "--bootstrap-servers", kafka.bootstrapServers(), "--output", tmp.resolve("out").toString(),
        "--sample-pseudonym-key", "--group-id", "restart-it", "--window-seconds", "5",
        "--max-out-of-orderness-seconds", "1", "--checkpoint-interval-ms", "2000", "--flushSeconds=2",
        "--parallelism=2"), tmp.resolve(name + ".log"));
    jobs.add(p);
    return p;
  }

  @Test
  void everyAcceptedSubmissionSurvivesAKill9AndIsCuratedOnceAfterCompaction() throws Exception {
    SubmissionGenerator gen = SubmissionGenerator.create(505, 0.1, LocalDate.now(ZoneOffset.UTC).minusDays(1));
    // the core with interpretation, as the streaming job runs it: records that name no taxon (Tadarida noise) are
    // counted, not published, so they are not expected among the curated rows
    SubmissionProcessor core = SubmissionProcessor.create(java.time.Instant.now().plus(java.time.Duration.ofHours(6)),
        SubmissionProcessor.DEFAULT_MAX_LINE_BYTES, org.observatoire.core.interpret.OccurrenceInterpreter.create(
            org.observatoire.core.interpret.InterpretationSettings.of(java.time.LocalDate.now(java.time.ZoneOffset.UTC),
                org.observatoire.core.privacy.PseudonymKey.sampleKeyForSampleDataOnly())
                // the streaming job's scope for the opaque ids of generalised events
                .withReleaseScope("stream")));
    Set<String> expectedIds = new TreeSet<>();
    List<String> submissionIds = new ArrayList<>();
    List<List<String>> batches = new ArrayList<>();
    for (int b = 0; b < 3; b++) {
      List<String> batch = new ArrayList<>();
      for (int i = 0; i < BATCH; i++) {
        batch.add(gen.next());
      }
      batches.add(batch);
    }

    Process first = startJob("stream-1");
    post(batches.get(0), core, expectedIds, submissionIds);
    awaitVerdicts(submissionIds, Duration.ofSeconds(90));
    // let the first windows reach Parquet, so that the restart also rewrites some rows (replayed panes)
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (curatedIds().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(500);
    }
    Path checkpoints = tmp.resolve("out/.checkpoints");
    deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (FlinkCheckpoints.latest(checkpoints).isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertThat("a checkpoint completed before the kill", FlinkCheckpoints.latest(checkpoints).isPresent(),
        equalTo(true));

    // the second batch is read and judged, then the job dies while it sits in its five-second windows
    int judgedBefore = submissionIds.size();
    post(batches.get(1), core, expectedIds, submissionIds);
    awaitVerdicts(submissionIds.subList(judgedBefore, judgedBefore + 1), Duration.ofSeconds(30));
    first.destroyForcibly().waitFor();
    Set<String> beforeRestart = curatedIds();
    System.out.printf("killed the job with %d of %d occurrence rows curated%n", beforeRestart.size(),
        expectedIds.size());
    // more submissions while no job runs
    post(batches.get(2), core, expectedIds, submissionIds);

    Process second = startJob("stream-2");
    awaitVerdicts(submissionIds, Duration.ofSeconds(120));
    Set<String> found = Set.of();
    deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      found = curatedIds();
      if (found.containsAll(expectedIds)) {
        break;
      }
      Thread.sleep(500);
    }
    assertThat(Files.readString(tmp.resolve("stream-2.log")), containsString("resuming from checkpoint"));
    assertThat("the restarted job is still running", second.isAlive(), equalTo(true));
    Set<String> missing = new TreeSet<>(expectedIds);
    missing.removeAll(found);
    assertThat("accepted occurrences missing from the curated output", missing, equalTo(Set.of()));

    // the job keeps running; compact what it has written so far
    CompactStreamOutput.Result r = CompactStreamOutput.compact(List.of(tmp.resolve("out")), tmp.resolve("nightly"));
    System.out.printf("compaction: %d rows in, %d duplicates removed, %d rows out%n", r.rowsIn(),
        r.duplicatesRemoved(), r.rowsOut());
    List<String> compacted = ids(tmp.resolve("nightly/occurrences"));
    assertThat("no occurrenceID twice", new HashSet<>(compacted).size(), equalTo(compacted.size()));
    assertThat(new TreeSet<>(compacted).containsAll(expectedIds), equalTo(true));
    assertThat(r.rowsOut(), equalTo((long) compacted.size()));
    assertThat(r.rowsIn() - r.duplicatesRemoved(), equalTo(r.rowsOut()));
    assertThat(expectedIds.size(), greaterThan(2 * BATCH));
    // and by the job's own word: the occurrences its accepted verdicts announce are the rows kept
    long announced = 0;
    for (String id : new java.util.LinkedHashSet<>(submissionIds)) {
      JsonNode v = JSON.readTree(intake.verdict(id).orElseThrow());
      if (v.get("status").asText().startsWith("accepted")) {
        announced += v.get("occurrences").asLong();
      }
    }
    System.out.printf("accepted verdicts announce %d occurrence rows; the core alone expected %d%n", announced,
        expectedIds.size());
    assertThat(r.rowsOut(), equalTo(announced));
  }

  /** Posts every body; what the core makes of each (submittedAt set to now, as an app sends it) is expected. */
  private static void post(List<String> bodies, SubmissionProcessor core, Set<String> expectedIds,
      List<String> submissionIds) throws Exception {
    String now = KafkaAndIntake.appNow(ZoneOffset.UTC);
    for (String line : bodies) {
      JsonNode n;
      try {
        n = JSON.readTree(line);
      } catch (java.io.IOException e) {
        continue; // the generator's broken lines: the intake refuses them (StreamingIngestionIT checks that)
      }
      if (!(n instanceof ObjectNode o) || !o.path("protocol").isTextual()
          || !o.path("protocolVersion").isIntegralNumber() || !o.path("submissionId").isTextual()) {
        continue; // the intake refuses those too
      }
      o.put("submittedAt", now);
      String body = o.toString();
      HttpResponse<String> r = HTTP.send(kafka.request("/submissions").header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.body(), r.statusCode(), equalTo(202));
      submissionIds.add(JSON.readTree(r.body()).get("submissionId").asText());
      Outcome outcome = core.process(RawLine.of(SourceRef.of("expected", 1), body.getBytes(StandardCharsets.UTF_8)));
      if (outcome instanceof Outcome.Accepted a) {
        a.occurrences().stream().map(Occurrence::occurrenceID).forEach(expectedIds::add);
      }
    }
  }

  private static void awaitVerdicts(List<String> ids, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<String> unknown = ids;
    while (System.nanoTime() < deadline) {
      unknown = ids.stream().filter(id -> intake.verdict(id).isEmpty()).toList();
      if (unknown.isEmpty()) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(unknown.size() + " submissions without a verdict after " + timeout + ", e.g. "
        + unknown.get(0) + "; job logs in " + tmp);
  }

  /** Occurrence ids in the streaming output's occurrences/ and late/ (finished files only). */
  private static Set<String> curatedIds() throws Exception {
    Set<String> ids = new HashSet<>(ids(tmp.resolve("out/occurrences")));
    ids.addAll(ids(tmp.resolve("out/late")));
    return ids;
  }

  private static List<String> ids(Path dir) throws Exception {
    List<String> ids = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return ids;
    }
    // the job is running: its .temp-beam folders come and go while we look, so they are not entered
    List<String> files = new ArrayList<>();
    Files.walkFileTree(dir, new java.nio.file.SimpleFileVisitor<>() {
      @Override
      public java.nio.file.FileVisitResult preVisitDirectory(Path d, java.nio.file.attribute.BasicFileAttributes a) {
        return d.getFileName().toString().startsWith(".temp") ? java.nio.file.FileVisitResult.SKIP_SUBTREE
            : java.nio.file.FileVisitResult.CONTINUE;
      }

      @Override
      public java.nio.file.FileVisitResult visitFile(Path f, java.nio.file.attribute.BasicFileAttributes a) {
        if (f.toString().endsWith(".parquet")) {
          files.add("'" + f + "'");
        }
        return java.nio.file.FileVisitResult.CONTINUE;
      }

      @Override
      public java.nio.file.FileVisitResult visitFileFailed(Path f, java.io.IOException e) throws java.io.IOException {
        if (e instanceof java.nio.file.NoSuchFileException) {
          return java.nio.file.FileVisitResult.CONTINUE; // removed by the job while we walked
        }
        throw e;
      }
    });
    if (files.isEmpty()) {
      return ids;
    }
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT occurrenceID FROM read_parquet([" + String.join(", ", files)
            + "])")) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }
}
