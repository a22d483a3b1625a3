package org.observatoire.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatoire.cli.intake.ApiKeys;
import org.observatoire.cli.intake.IntakeServer;
import org.observatoire.cli.intake.IntakeSettings;
import org.observatoire.cli.intake.OpenApi;
import org.observatoire.core.protocol.ProtocolPackages;

/**
 * The public intake over real HTTP, in front of a real broker: keys (401, 403, revocation), limits (429 with
 * Retry-After), Content-Type (415), size (413 saying the limit), CORS, health and readiness, the OpenAPI document,
 * verdicts answered only to the key that sent the submission, TLS, and an access log without personal data.
 */
class PublicIntakeIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final String APP = "https://app.example.org";

  @TempDir
  static Path tmp;

  private static KafkaAndIntake kafka;
  private static final ByteArrayOutputStream ACCESS = new ByteArrayOutputStream();

  @BeforeAll
  static void start() throws Exception {
    kafka = KafkaAndIntake.start(tmp.resolve("broker"), s -> s.withCors(List.of(APP))
        .withAccessLog(new PrintStream(ACCESS, true, StandardCharsets.UTF_8)));
  }

  @AfterAll
  static void stop() throws Exception {
    if (kafka != null) {
      kafka.close();
    }
  }

  private static String submission(String protocol, String id) throws Exception {
    Path valid = ProtocolPackages.bundled().require(protocol).folder().resolve("examples/valid.jsonl");
    ObjectNode o = (ObjectNode) JSON.readTree(Files.readAllLines(valid, StandardCharsets.UTF_8).get(0));
    o.put("submissionId", id);
    return o.toString();
  }

  private static HttpResponse<String> send(HttpRequest.Builder r) throws Exception {
    return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.Builder post(IntakeServer intake, String key, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + intake.port() + "/submissions"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    return key == null ? b : b.header("X-Api-Key", key);
  }

  private static String error(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body()).path("error").asText();
  }

  @Test
  void healthAndReadinessAreOpenToProbes() throws Exception {
    assertThat(send(kafka.request("/health").header("X-Api-Key", "")).statusCode(), equalTo(200));
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    HttpResponse<String> ready = send(kafka.request("/ready"));
    while (ready.statusCode() != 200 && System.nanoTime() < deadline) {
      Thread.sleep(200);
      ready = send(kafka.request("/ready"));
    }
    assertThat(ready.body(), ready.statusCode(), equalTo(200));
  }

  @Test
  void withoutAKeyOrWithABadOrRevokedOneTheAnswerIs401() throws Exception {
    IntakeServer intake = kafka.intake;
    String body = submission("stoc-eps", "no-key-0001");
    HttpResponse<String> none = send(post(intake, null, body));
    assertThat(none.statusCode(), equalTo(401));
    assertThat(error(none), containsString("X-Api-Key"));
    assertThat(none.headers().firstValue("WWW-Authenticate").orElse(""), containsString("X-Api-Key"));
    assertThat(send(post(intake, "obs_00000000_not-a-key", body)).statusCode(), equalTo(401));
    assertThat("GET needs a key too",
        send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + intake.port() + "/submissions/x"))).statusCode(),
        equalTo(401));

    String key = intake.keys().add("revoked soon", Set.of("*"), null);
    assertThat(send(post(intake, key, submission("stoc-eps", "revoked-0001"))).statusCode(), equalTo(202));
    // revoked by another process (the keys command) writing the same file
    ApiKeys.open(intake.keys().file()).revoke(key.substring(4, 12));
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    int status = 202;
    while (status != 401 && System.nanoTime() < deadline) {
      Thread.sleep(250);
      status = send(post(intake, key, submission("stoc-eps", "revoked-0002"))).statusCode();
    }
    assertThat("a revoked key is refused within seconds", status, equalTo(401));
    // the Bearer form is accepted as well
    assertThat(send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + intake.port() + "/submissions"))
        .header("Content-Type", "application/json").header("Authorization", "Bearer " + kafka.key)
        .POST(HttpRequest.BodyPublishers.ofString(submission("stoc-eps", "bearer-0001")))).statusCode(), equalTo(202));
  }

  @Test
  void aProtocolOutsideTheKeysScopeIs403() throws Exception {
    String stocOnly = kafka.intake.keys().add("STOC app", Set.of("stoc-eps"), null);
    assertThat(send(post(kafka.intake, stocOnly, submission("stoc-eps", "scope-0001"))).statusCode(), equalTo(202));
    HttpResponse<String> other = send(post(kafka.intake, stocOnly, submission("spipoll", "scope-0002")));
    assertThat(other.statusCode(), equalTo(403));
    assertThat(error(other), containsString("'spipoll'"));
  }

  @Test
  void anythingButJsonIs415() throws Exception {
    String body = submission("stoc-eps", "type-0001");
    HttpResponse<String> text = send(kafka.request("/submissions").header("Content-Type", "text/plain")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
    assertThat(text.statusCode(), equalTo(415));
    assertThat(error(text), containsString("application/json"));
    HttpResponse<String> none = send(kafka.request("/submissions").POST(HttpRequest.BodyPublishers.ofString(body)));
    assertThat(none.statusCode(), equalTo(415));
    HttpResponse<String> charset = send(kafka.request("/submissions")
        .header("Content-Type", "application/json; charset=UTF-8").POST(HttpRequest.BodyPublishers.ofString(body)));
    assertThat(charset.statusCode(), equalTo(202));
  }

  @Test
  void aBodyOverTheLimitIs413SayingTheLimit() throws Exception {
    byte[] big = new byte[20 << 20];
    java.util.Arrays.fill(big, (byte) ' ');
    // a client announcing a large body asks first (Expect: 100-continue) and is refused before it sends
    HttpResponse<String> declared = send(kafka.request("/submissions").header("Content-Type", "application/json")
        .expectContinue(true).POST(HttpRequest.BodyPublishers.ofByteArray(big)));
    assertThat(declared.statusCode(), equalTo(413));
    assertThat(error(declared), containsString("at most " + IntakeSettings.DEFAULT_MAX_BODY_BYTES + " bytes"));
    assertThat(error(declared), not(containsString("protocol")));
    // streamed without a Content-Length: the limit is found while reading
    HttpResponse<String> chunked = send(kafka.request("/submissions").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[2 << 20]))));
    assertThat(chunked.statusCode(), equalTo(413));
    assertThat(error(chunked), containsString("at most " + IntakeSettings.DEFAULT_MAX_BODY_BYTES + " bytes"));
  }

  @Test
  void pastItsLimitAKeyOrAnAddressGets429WithRetryAfter() throws Exception {
    try (IntakeServer strict = IntakeServer.start(kafka.bootstrapServers(),
        KafkaAndIntake.testSettings(tmp.resolve("strict")).withPages(false)
            .withLimits(new IntakeSettings.Limits(1, 2, 1000, 1000, 1, 1 << 20)))) {
      String key = strict.keys().add("slow app", Set.of("*"), null);
      assertThat(send(post(strict, key, submission("stoc-eps", "rate-0001"))).statusCode(), equalTo(202));
      assertThat(send(post(strict, key, submission("stoc-eps", "rate-0002"))).statusCode(), equalTo(202));
      HttpResponse<String> third = send(post(strict, key, submission("stoc-eps", "rate-0003")));
      assertThat(third.statusCode(), equalTo(429));
      assertThat(Long.parseLong(third.headers().firstValue("Retry-After").orElseThrow()), greaterThanOrEqualTo(1L));
      assertThat(error(third), containsString("this key"));
      String other = strict.keys().add("another app", Set.of("*"), null);
      assertThat("each key has its own bucket",
          send(post(strict, other, submission("stoc-eps", "rate-0004"))).statusCode(), equalTo(202));
    }
    try (IntakeServer perAddress = IntakeServer.start(kafka.bootstrapServers(),
        KafkaAndIntake.testSettings(tmp.resolve("per-address")).withPages(false)
            .withLimits(new IntakeSettings.Limits(1000, 1000, 1, 3, 1, 1 << 20)))) {
      int last = 0;
      HttpResponse<String> r = null;
      for (int i = 0; i < 6; i++) {
        r = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + perAddress.port() + "/submissions/x")));
        last = r.statusCode();
      }
      assertThat(last, equalTo(429));
      assertThat(r.headers().firstValue("Retry-After").isPresent(), is(true));
      assertThat(error(r), containsString("this address"));
    }
    try (IntakeServer pages = IntakeServer.start(kafka.bootstrapServers(),
        KafkaAndIntake.testSettings(tmp.resolve("pages"))
            .withLimits(new IntakeSettings.Limits(1000, 1000, 1000, 1000, 1, 1 << 20)))) {
      String pageKey = pages.keys().pageKey("stoc-eps").orElseThrow().publicKey();
      assertThat("a page key is scoped to its protocol",
          send(post(pages, pageKey, submission("spipoll", "page-0001"))).statusCode(), equalTo(403));
      assertThat(send(post(pages, pageKey, submission("stoc-eps", "page-0002"))).statusCode(), equalTo(202));
      HttpResponse<String> third = send(post(pages, pageKey, submission("stoc-eps", "page-0003")));
      assertThat("--page-rate 1: a burst of 2", third.statusCode(), equalTo(429));
      assertThat(third.headers().firstValue("Retry-After").isPresent(), is(true));
    }
  }

  @Test
  void onlyTheListedOriginsMayCallFromABrowser() throws Exception {
    HttpResponse<String> allowed = send(kafka.request("/submissions").header("Origin", APP)
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "content-type, x-api-key")
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
    assertThat(allowed.statusCode(), equalTo(204));
    assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin").orElse(""), equalTo(APP));
    assertThat(allowed.headers().firstValue("Access-Control-Allow-Headers").orElse(""), containsString("X-Api-Key"));
    assertThat(allowed.headers().firstValue("Access-Control-Allow-Methods").orElse(""), containsString("POST"));

    HttpResponse<String> denied = send(kafka.request("/submissions").header("Origin", "https://evil.example")
        .header("Access-Control-Request-Method", "POST").method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
    assertThat(denied.statusCode(), equalTo(403));
    assertThat(denied.headers().firstValue("Access-Control-Allow-Origin").isPresent(), is(false));

    String body = submission("stoc-eps", "cors-0001");
    HttpResponse<String> foreign = send(kafka.request("/submissions").header("Origin", "https://evil.example")
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    assertThat("a non-allowed origin is refused, not just left without CORS headers", foreign.statusCode(),
        equalTo(403));
    assertThat(error(foreign), containsString("--cors-origin"));
    HttpResponse<String> fromApp = send(kafka.request("/submissions").header("Origin", APP)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    assertThat(fromApp.statusCode(), equalTo(202));
    assertThat(fromApp.headers().firstValue("Access-Control-Allow-Origin").orElse(""), equalTo(APP));
    HttpResponse<String> own = send(kafka.request("/submissions")
        .header("Origin", "http://127.0.0.1:" + kafka.intake.port()).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(submission("stoc-eps", "cors-0002"))));
    assertThat("the intake's own pages are same-origin", own.statusCode(), equalTo(202));
  }

  @Test
  void theOpenApiDocumentIsServed() throws Exception {
    HttpResponse<String> r = send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + kafka.intake.port() + "/openapi.json")));
    assertThat(r.statusCode(), equalTo(200));
    assertThat(JSON.readTree(r.body()), equalTo(OpenApi.describe(ProtocolPackages.bundled(),
        IntakeSettings.DEFAULT_MAX_BODY_BYTES)));
  }

  @Test
  void aVerdictIsAnsweredOnlyToTheKeyThatSentTheSubmission() throws Exception {
    String other = kafka.intake.keys().add("other app", Set.of("*"), null);
    String id = "owned:2026.0001";
    String path = "/submissions/" + java.net.URLEncoder.encode(id, StandardCharsets.UTF_8);
    HttpResponse<String> sent = send(post(kafka.intake, kafka.key, submission("stoc-eps", id)));
    assertThat(sent.statusCode(), equalTo(202));
    assertThat(sent.headers().firstValue("Location").orElse(""), equalTo(path));
    HttpResponse<String> stolen = send(post(kafka.intake, other, submission("stoc-eps", id)));
    assertThat("another client cannot reuse the id", stolen.statusCode(), equalTo(409));

    String verdict = "{\"submissionId\":\"" + id + "\",\"status\":\"accepted\",\"reasons\":[]}";
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new StringSerializer(),
        new StringSerializer())) {
      producer.send(new ProducerRecord<>("verdicts", id, verdict)).get(30, TimeUnit.SECONDS);
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (kafka.intake.verdict(id).isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    HttpResponse<String> mine = send(kafka.request(path));
    assertThat(mine.statusCode(), equalTo(200));
    assertThat(mine.body(), equalTo(verdict));
    HttpResponse<String> theirs = send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + kafka.intake.port() + path)).header("X-Api-Key", other));
    assertThat(theirs.statusCode(), equalTo(404));
    assertThat(theirs.body(), not(containsString("accepted")));
  }

  @Test
  void theAccessLogHoldsNoKeyNoAddressNoBody() throws Exception {
    send(post(kafka.intake, kafka.key, submission("stoc-eps", "logged-0001")));
    send(post(kafka.intake, null, "{\"observer\":{\"name\":\"Jeanne Quatrebarbe\"}}"));
    Thread.sleep(600);
    String log = ACCESS.toString(StandardCharsets.UTF_8);
    assertThat(log, containsString("\"route\":\"/submissions\""));
    assertThat(log, containsString("\"key\":\"" + kafka.key.substring(4, 12) + "\""));
    assertThat(log, not(containsString(kafka.key)));
    assertThat(log, not(containsString("127.0.0.1")));
    assertThat(log, not(containsString("Quatrebarbe")));
    assertThat(log, not(containsString("logged-0001")));
    for (String line : log.split("\n")) {
      JsonNode n = JSON.readTree(line);
      assertThat(line, n.path("client").asText().matches("[0-9a-f]{12}"), is(true));
    }
  }

  @Test
  void givenACertificateTheIntakeSpeaksTls() throws Exception {
    Path keystore = tmp.resolve("intake.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "intake", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
        "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
        "-keystore", keystore.toString(), "-storepass", "test-pass", "-keypass", "test-pass")
        .redirectErrorStream(true).start();
    assertThat(new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        keytool.waitFor(), equalTo(0));
    KeyStore trust = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      trust.load(in, "test-pass".toCharArray());
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, tmf.getTrustManagers(), null);
    HttpClient https = HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build();
    try (IntakeServer tls = IntakeServer.start(kafka.bootstrapServers(),
        KafkaAndIntake.testSettings(tmp.resolve("tls")).withPages(false).withTls(keystore, "test-pass"))) {
      String key = tls.keys().add("tls app", Set.of("*"), null);
      HttpResponse<String> health = https.send(HttpRequest.newBuilder(
          URI.create("https://127.0.0.1:" + tls.port() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode(), equalTo(200));
      HttpResponse<String> posted = https.send(HttpRequest.newBuilder(
          URI.create("https://127.0.0.1:" + tls.port() + "/submissions")).header("X-Api-Key", key)
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(submission("stoc-eps", "tls-0001"))).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(posted.statusCode(), equalTo(202));
      assertThat("no plain HTTP on the TLS port", plainHttpFails(tls.port()), is(true));
    }
  }

  private static boolean plainHttpFails(int port) {
    try {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
          .build(), HttpResponse.BodyHandlers.ofString());
      return r.statusCode() != 200;
    } catch (Exception e) {
      return true;
    }
  }
}
