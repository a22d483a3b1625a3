package org.observatoire.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.PipelineResult;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatoire.cli.broker.LocalBroker;
import org.observatoire.cli.intake.IntakeServer;
import org.observatoire.cli.intake.VerdictStore;
import org.observatoire.core.ingest.Outcome;
import org.observatoire.core.ingest.RawLine;
import org.observatoire.core.ingest.SourceRef;
import org.observatoire.core.ingest.SubmissionProcessor;
import org.observatoire.core.occurrence.Occurrence;

/**
 * End to end on this machine: a real Kafka broker (child JVM, free loopback port, temp folder), the HTTP intake,
 * the streaming job on the DirectRunner; 50 submissions from sample-data posted over HTTP, verdicts read back over
 * HTTP, curated occurrences read back from the windowed Parquet files with DuckDB. Everything started is stopped
 * in {@link #stopAll()}, and the broker also halts by itself if this JVM dies.
 */
class StreamingIngestionIT {
  private static final Path ROOT = Path.of(System.getProperty("observatoire.root", "../.."));
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir
  static Path tmp;

  private static KafkaAndIntake kafka;
  private static IntakeServer intake;
  private static PipelineResult job;

  @BeforeAll
  static void startAll() throws Exception {
    long t0 = System.nanoTime();
    kafka = KafkaAndIntake.start(tmp.resolve("broker"));
    intake = kafka.intake;
    System.out.printf("broker and intake up in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    job = kafka.startStreamingJob(tmp.resolve("out"), "it");
  }

  @AfterAll
  static void stopAll() throws Exception {
    try {
      if (job != null) {
        job.cancel();
      }
    } finally {
      if (kafka != null) {
        kafka.close();
      }
    }
  }

  /** 50 submissions: every valid sample (submittedAt set to now, as an app sends it) and the first invalid ones. */
  private static List<String> submissions() throws Exception {
    List<String> valid = new ArrayList<>();
    List<String> invalid = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(ROOT.resolve("sample-data/submissions"))) {
      for (Path d : dirs.sorted().toList()) {
        valid.addAll(Files.readAllLines(d.resolve("valid.jsonl"), StandardCharsets.UTF_8));
        invalid.addAll(Files.readAllLines(d.resolve("invalid.jsonl"), StandardCharsets.UTF_8));
      }
    }
    String now = KafkaAndIntake.appNow(ZoneOffset.ofHours(2));
    List<String> out = new ArrayList<>();
    for (String line : valid) {
      ObjectNode o = (ObjectNode) JSON.readTree(line);
      o.put("submittedAt", now);
      out.add(o.toString());
    }
    for (String line : invalid) {
      JsonNode n = JSON.readTree(line);
      // the intake only queues JSON objects with a protocol, an integral version and an id of the envelope's form:
      // keep what it forwards
      if (out.size() < 50 && n.isObject() && n.path("protocol").isTextual()
          && n.path("protocolVersion").isIntegralNumber() && n.path("submissionId").isTextual()
          && org.observatoire.cli.intake.SubmissionShape.ID.matcher(n.path("submissionId").asText()).matches()) {
        out.add(line);
      }
    }
    return out.subList(0, Math.min(50, out.size()));
  }

  private static HttpResponse<String> post(String body) throws Exception {
    return HTTP.send(kafka.request("/submissions")
        .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(String id) throws Exception {
    return HTTP.send(kafka.request("/submissions/" + java.net.URLEncoder.encode(id, StandardCharsets.UTF_8))
        .GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void submissionsPostedOverHttpGetVerdictsAndBecomeWindowedParquet() throws Exception {
    List<String> bodies = submissions();
    assertThat(bodies.size(), equalTo(50));
    SubmissionProcessor core = SubmissionProcessor.create(Clock.systemUTC(), SubmissionProcessor.DEFAULT_MAX_LINE_BYTES);
    Map<String, String> expectedStatus = new LinkedHashMap<>();
    Set<String> expectedOccurrenceIds = new HashSet<>();
    // invalid samples keep their old submittedAt: those curated with a protocol-deviation flag are late data
    Set<String> expectedLateIds = new HashSet<>();
    long t0 = System.nanoTime();
    for (String body : bodies) {
      HttpResponse<String> r = post(body);
      assertThat(r.body(), r.statusCode(), equalTo(202));
      JsonNode answer = JSON.readTree(r.body());
      assertThat(answer.get("status").asText(), equalTo("pending"));
      String id = answer.get("submissionId").asText();
      Outcome o = core.process(RawLine.of(SourceRef.of("expected", 1), body.getBytes(StandardCharsets.UTF_8)));
      if (o instanceof Outcome.Accepted a) {
        expectedStatus.put(id, "accepted");
        boolean sentNow = Duration.between(java.time.OffsetDateTime.parse(
            JSON.readTree(body).path("submittedAt").asText()).toInstant(), java.time.Instant.now()).abs().toHours() < 1;
        a.occurrences().stream().map(Occurrence::occurrenceID)
            .forEach((sentNow ? expectedOccurrenceIds : expectedLateIds)::add);
      } else {
        expectedStatus.put(id, "rejected");
      }
    }
    double postSeconds = (System.nanoTime() - t0) / 1e9;
    assertThat(expectedStatus.containsValue("rejected") && expectedStatus.containsValue("accepted"), equalTo(true));

    // the intake's own checks
    assertThat(post("[1,2]").statusCode(), equalTo(400));
    assertThat(post("{\"protocolVersion\":1}").statusCode(), equalTo(400));
    // (413 for a body over the limit: PublicIntakeIT, which reads the answer however early the server sends it)
    assertThat(get("never-posted").statusCode(), equalTo(404));

    // verdicts come back over HTTP
    Map<String, JsonNode> verdicts = new HashMap<>();
    // a deadline, not a timing claim: on a loaded 2-core machine the DirectRunner took 47 s
    long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
    while (verdicts.size() < expectedStatus.size() && System.nanoTime() < deadline) {
      assertJobRunning();
      for (String id : expectedStatus.keySet()) {
        if (!verdicts.containsKey(id)) {
          HttpResponse<String> r = get(id);
          if (r.statusCode() == 200) {
            verdicts.put(id, JSON.readTree(r.body()));
          }
        }
      }
      Thread.sleep(200);
    }
    double verdictSeconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf("posted 50 submissions in %.2f s; all verdicts known %.2f s after the first post%n",
        postSeconds, verdictSeconds);
    List<String> wrong = new ArrayList<>();
    for (Map.Entry<String, String> e : expectedStatus.entrySet()) {
      JsonNode v = verdicts.get(e.getKey());
      String status = v == null ? "none" : v.get("status").asText().replace("accepted_with_flags", "accepted");
      if (!status.equals(e.getValue())) {
        wrong.add(e.getKey() + ": expected " + e.getValue() + ", got " + status);
      }
      if (v != null && e.getValue().equals("rejected")) {
        JsonNode reason = v.get("reasons").get(0);
        if (reason.get("code").asText().isEmpty() || reason.get("message").get("fr").asText().isEmpty()
            || reason.get("message").get("en").asText().isEmpty()) {
          wrong.add(e.getKey() + ": reason without code or bilingual message: " + reason);
        }
      }
    }
    assertThat(wrong.isEmpty() ? "" : whereVerdictsStopped() + "; wrong verdicts", wrong, empty());

    // curated occurrences land in windowed Parquet files, same layout as the nightly job; names carry
    // the window (start-end), the pane index and the shard
    Path occurrences = tmp.resolve("out/occurrences");
    Set<String> found = Set.of();
    deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      found = parquetOccurrenceIds(occurrences);
      if (found.size() >= expectedOccurrenceIds.size()) {
        break;
      }
      Thread.sleep(500);
    }
    System.out.printf("all %d occurrence rows in Parquet %.2f s after the first post%n", found.size(),
        (System.nanoTime() - t0) / 1e9);
    assertThat(found, equalTo(expectedOccurrenceIds));
    // the accepted submissions stamped months ago (expectedLateIds) are not in the on-time windows; where they end
    // is the late-data routing's business (RouteLateSubmissions), checked with controlled watermarks in
    // StreamingJobTest rather than here, where the watermark follows the wall clock
    assertThat(expectedLateIds.isEmpty(), equalTo(false));
    try (Stream<Path> files = Files.walk(occurrences)) {
      for (Path f : files.filter(f -> f.toString().endsWith(".parquet")).toList()) {
        assertThat(occurrences.relativize(f).toString(),
            matchesPattern("protocol=[a-z-]+/year=\\d{4}/part-\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z-\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z-\\d+-\\d{5}-of-\\d{5}\\.parquet"));
      }
    }
  }

  /**
   * Which stage held the missing verdicts back: the job (its state, how far its group read the submissions), the
   * verdicts topic (how many it holds), or the intake's reader (its errors).
   */
  private static String whereVerdictsStopped() throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      Map<String, Long> end = new TreeMap<>();
      for (String topic : List.of("submissions", "verdicts")) {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic).partitions()
            .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS)
            .forEach((tp, o) -> end.merge(topic, o.offset(), Long::sum));
      }
      return "job " + job.getState() + ", records in " + end + ", intake verdict read errors "
          + intake.verdictReadErrors() + ", verdicts known to the intake " + intake.verdictCount();
    }
  }

  /** A job that failed says why here, not as verdicts that never come. */
  private static void assertJobRunning() {
    PipelineResult.State state = job.getState();
    if (state.isTerminal()) {
      try {
        job.waitUntilFinish(org.joda.time.Duration.millis(1));
      } catch (RuntimeException e) {
        throw new AssertionError("the streaming job stopped: " + state, e);
      }
      throw new AssertionError("the streaming job stopped: " + state);
    }
  }

  /**
   * An intake started before its verdicts topic exists (or before the broker's metadata has it) waits for the topic
   * instead of reading an empty list of partitions forever.
   */
  @Test
  void anIntakeStartedBeforeItsVerdictsTopicExistsServesVerdictsOnceItDoes() throws Exception {
    String topic = "verdicts-created-late";
    CompletableFuture<IntakeServer> late = CompletableFuture.supplyAsync(() -> {
      try {
        return IntakeServer.start(kafka.bootstrapServers(), KafkaAndIntake.testSettings(tmp.resolve("late-intake"))
            .withTopics("submissions", topic, VerdictStore.withDefaults()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    Thread.sleep(1500);
    assertThat("the intake waits for its topic", late.isDone(), equalTo(false));
    LocalBroker.createTopics(kafka.bootstrapServers(), Map.of(topic, 1));
    try (IntakeServer second = late.get(60, TimeUnit.SECONDS);
        KafkaProducer<String, String> producer = new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new StringSerializer(),
            new StringSerializer())) {
      String verdict = "{\"submissionId\":\"late-1\",\"status\":\"accepted\"}";
      producer.send(new ProducerRecord<>(topic, "late-1", verdict)).get(30, TimeUnit.SECONDS);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (second.verdict("late-1").isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(second.verdict("late-1").orElse("none"), equalTo(verdict));
    }
  }

  @Test
  void theVerdictsTopicIsCompactedAndExpiresAndTheIntakeKeepsOnlyTheVerdictsItIsToldTo() throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      ConfigResource verdictsTopic = new ConfigResource(ConfigResource.Type.TOPIC, "verdicts");
      Config config = admin.describeConfigs(List.of(verdictsTopic)).all().get(30, TimeUnit.SECONDS)
          .get(verdictsTopic);
      assertThat(config.get("cleanup.policy").value(), equalTo("compact,delete"));
      assertThat(config.get("retention.ms").value(), equalTo(Long.toString(Duration.ofDays(30).toMillis())));
    }
    String topic = "verdicts-kept-two";
    LocalBroker.createTopics(kafka.bootstrapServers(), Map.of(topic, 1));
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new StringSerializer(),
        new StringSerializer())) {
      for (String id : List.of("kept-1", "kept-2", "kept-3")) {
        producer.send(new ProducerRecord<>(topic, id, "{\"submissionId\":\"" + id + "\"}"))
            .get(30, TimeUnit.SECONDS);
      }
    }
    try (IntakeServer two = IntakeServer.start(kafka.bootstrapServers(),
        KafkaAndIntake.testSettings(tmp.resolve("two-intake"))
            .withTopics("submissions", topic, VerdictStore.keeping(2, Duration.ofDays(30))))) {
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (two.verdict("kept-3").isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(two.verdict("kept-3").orElse("none"), equalTo("{\"submissionId\":\"kept-3\"}"));
      assertThat(two.verdict("kept-2").isPresent(), equalTo(true));
      assertThat(two.verdictCount(), equalTo(2));
      String key = two.keys().add("kept", Set.of("*"), null);
      HttpResponse<String> gone = HTTP.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + two.port() + "/submissions/kept-1")).header("X-Api-Key", key).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(gone.statusCode(), equalTo(404));
      assertThat(JSON.readTree(gone.body()).get("detail").asText(),
          equalTo("no verdict yet, or none for this id: verdicts are kept here for 30 days and at most 2 of them;"
              + " a verdict is answered only to the key that sent the submission"));
    }
  }

  private static Set<String> parquetOccurrenceIds(Path dir) throws Exception {
    Set<String> ids = new HashSet<>();
    if (!Files.isDirectory(dir)) {
      return ids;
    }
    boolean any;
    try (Stream<Path> files = Files.walk(dir)) {
      any = files.anyMatch(f -> f.toString().endsWith(".parquet") && !f.toString().contains(".temp"));
    }
    if (!any) {
      return ids;
    }
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT occurrenceID FROM read_parquet('" + dir
            + "/protocol=*/year=*/*.parquet', hive_partitioning = true)")) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }
}
