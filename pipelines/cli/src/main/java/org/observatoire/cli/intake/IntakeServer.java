package org.observatoire.cli.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.observatoire.core.protocol.ProtocolPackages;

/**
 * The volunteers' apps' door, on Jetty: {@code POST /submissions} checks the caller (API key, its protocols, rate
 * limits, origin), the body (Content-Type, size, basic shape), publishes the submission to the submissions topic
 * keyed by its id and answers 202 "pending"; {@code GET /submissions/{id}} answers the verdict to the key that sent
 * the submission once the streaming job has published it on the verdicts topic (read from the beginning into a
 * bounded {@link VerdictStore}), 404 before. Also {@code /health}, {@code /ready}, {@code /openapi.json} and the
 * volunteers' pages ({@link VolunteerPages}). Full validation is the streaming job's. docs/intake.md describes
 * every answer.
 *
 * <p>A request's own work is kept small (the streaming target is 1,000 submissions/s on two shared cores): one
 * SHA-256 and one hash-map probe for the key, two token buckets, a streaming parse of the body, an asynchronous
 * send; the access log and the owners log are written off the request's thread.
 */
public final class IntakeServer implements AutoCloseable {
  /** The default size limit (kept for callers that name it). */
  public static final int MAX_BODY_BYTES = IntakeSettings.DEFAULT_MAX_BODY_BYTES;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> BODY_TYPES = Set.of("application/json");
  private static final String JSON_TYPE = "application/json; charset=utf-8";

  private final IntakeSettings settings;
  private final Server http;
  private final ServerConnector connector;
  private final KafkaProducer<String, byte[]> producer;
  private final KafkaConsumer<String, String> consumer;
  private final Thread verdictReader;
  private final VerdictStore verdicts;
  private final AtomicLong verdictReadErrors = new AtomicLong();
  private final ApiKeys keys;
  private final Owners owners;
  private final TokenBuckets perKey;
  private final TokenBuckets perAddress;
  private final AccessLog accessLog;
  private final VolunteerPages pages;
  private final byte[] openApi;
  private final ScheduledExecutorService flusher;
  private final Set<String> corsOrigins;
  private volatile long lastPollNanos;
  private volatile boolean closing;

  private IntakeServer(IntakeSettings settings, KafkaProducer<String, byte[]> producer,
      KafkaConsumer<String, String> consumer, ProtocolPackages packages) {
    this.settings = settings;
    this.verdicts = settings.verdicts();
    this.producer = producer;
    this.consumer = consumer;
    this.keys = ApiKeys.open(settings.keysFile());
    this.owners = Owners.open(settings.stateDir().resolve("owners.log"), verdictsKept(settings));
    IntakeSettings.Limits l = settings.limits();
    this.perKey = TokenBuckets.of(l.keyRate(), l.keyBurst());
    this.perAddress = TokenBuckets.of(l.ipRate(), l.ipBurst());
    this.accessLog = settings.accessLog() == null ? null : AccessLog.to(settings.accessLog());
    this.pages = settings.pages() ? VolunteerPages.of(packages) : null;
    this.corsOrigins = Set.copyOf(settings.corsOrigins());
    try {
      this.openApi = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(
          OpenApi.describe(packages, l.maxBodyBytes()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (pages != null) {
      for (String protocol : pages.protocols()) {
        if (keys.pageKey(protocol).isEmpty()) {
          keys.addPageKey(protocol);
        }
      }
    }
    this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "intake-owners-flush");
      t.setDaemon(true);
      return t;
    });
    flusher.scheduleWithFixedDelay(owners::flush, 200, 200, TimeUnit.MILLISECONDS);
    this.verdictReader = new Thread(this::readVerdicts, "verdict-reader");
    this.verdictReader.setDaemon(true);

    QueuedThreadPool pool = new QueuedThreadPool(200, 8);
    pool.setName("intake");
    this.http = new Server(pool);
    HttpConfiguration config = new HttpConfiguration();
    config.setSendServerVersion(false);
    config.setSendXPoweredBy(false);
    // a submission id may hold '/', '%' or '..' (the schemas refuse them, but the verdict saying so must be
    // answerable): /submissions/{id} takes the raw path after the prefix and decodes it once, and nothing maps a path
    // to a file, so these encodings are not ambiguous here
    config.setUriCompliance(UriCompliance.DEFAULT.with("submission ids",
        UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR, UriCompliance.Violation.AMBIGUOUS_PATH_ENCODING,
        UriCompliance.Violation.AMBIGUOUS_PATH_SEGMENT));
    if (settings.tlsKeystore() != null) {
      SslContextFactory.Server ssl = new SslContextFactory.Server();
      ssl.setKeyStorePath(settings.tlsKeystore().toAbsolutePath().toString());
      ssl.setKeyStorePassword(settings.tlsPassword());
      config.addCustomizer(new SecureRequestCustomizer(false));
      this.connector = new ServerConnector(http, new SslConnectionFactory(ssl, "http/1.1"),
          new HttpConnectionFactory(config));
    } else {
      this.connector = new ServerConnector(http, new HttpConnectionFactory(config));
    }
    connector.setHost(settings.host());
    connector.setPort(settings.port());
    http.addConnector(connector);
    http.setHandler(new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) {
        serve(request, response, callback);
        return true;
      }
    });
  }

  private static int verdictsKept(IntakeSettings s) {
    return s.verdicts().maxVerdicts();
  }

  /** Starts on loopback with the default settings and the state folder {@code stateDir}. */
  public static IntakeServer start(String bootstrapServers, int port, Path stateDir) throws IOException {
    return start(bootstrapServers, IntakeSettings.defaults(stateDir).withListen("127.0.0.1", port));
  }

  /** Starts an intake with {@code settings}, the bundled protocol packages, in front of {@code bootstrapServers}. */
  public static IntakeServer start(String bootstrapServers, IntakeSettings settings) throws IOException {
    return start(bootstrapServers, settings, ProtocolPackages.bundled());
  }

  /** Starts an intake for {@code packages}. */
  public static IntakeServer start(String bootstrapServers, IntakeSettings settings, ProtocolPackages packages)
      throws IOException {
    int max = settings.limits().maxBodyBytes();
    KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.LINGER_MS_CONFIG, 5,
        ProducerConfig.BATCH_SIZE_CONFIG, 256 << 10,
        ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
        ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Math.max(2 * max, 1 << 20)),
        new StringSerializer(), new ByteArraySerializer());
    KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 16 << 10,
        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10),
        new StringDeserializer(), new StringDeserializer());
    IntakeServer server;
    try {
      List<TopicPartition> partitions = verdictPartitions(consumer, settings.verdictsTopic(), Duration.ofSeconds(30));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      server = new IntakeServer(settings, producer, consumer, packages);
    } catch (RuntimeException e) {
      consumer.close(Duration.ZERO);
      producer.close(Duration.ZERO);
      throw e;
    }
    try {
      server.http.start();
    } catch (Exception e) {
      server.close();
      throw new IOException("the intake cannot listen on " + settings.host() + ":" + settings.port() + ": "
          + e.getMessage(), e);
    }
    server.verdictReader.start();
    return server;
  }

  public int port() {
    return connector.getLocalPort();
  }

  /** The keys this intake checks. */
  public ApiKeys keys() {
    return keys;
  }

  /** The verdict known for {@code submissionId}, as published. */
  public Optional<String> verdict(String submissionId) {
    return verdicts.get(submissionId);
  }

  /**
   * The verdicts topic's partitions. A consumer is told "no partitions" for a topic its broker does not know yet
   * (just created, or not created at all); assigning that empty list would read nothing, forever, and every GET
   * would answer 404. So this asks again until the topic is there, and fails with the topic's name after
   * {@code timeout}.
   */
  static List<TopicPartition> verdictPartitions(KafkaConsumer<?, ?> consumer, String topic, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      if (!partitions.isEmpty()) {
        return partitions;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the verdicts topic '" + topic + "' does not exist on the broker after "
            + timeout.toSeconds() + " s: create it (observatoire broker start creates it)");
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the verdicts topic '" + topic + "'", e);
      }
    }
  }

  /** Reads verdicts until closed; an error is printed and the read resumes after a second, from where it was. */
  private void readVerdicts() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        try {
          for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
            if (r.key() != null && r.value() != null) {
              verdicts.put(r.key(), r.value(), r.timestamp());
            }
          }
          lastPollNanos = System.nanoTime();
        } catch (WakeupException e) {
          throw e;
        } catch (RuntimeException e) {
          verdictReadErrors.incrementAndGet();
          System.err.println("intake: reading verdicts failed, retrying in 1 s: " + e);
          Thread.sleep(1000);
        }
      }
    } catch (WakeupException | InterruptedException e) {
      // closing
    } finally {
      consumer.close(Duration.ofSeconds(2));
    }
  }

  /** How many verdicts the intake keeps now. */
  public int verdictCount() {
    return verdicts.size();
  }

  /** How many times reading the verdicts topic failed (and was retried) since start. */
  public long verdictReadErrors() {
    return verdictReadErrors.get();
  }

  /** Ready: the verdicts topic was read within the last five seconds and the intake is not closing. */
  public boolean ready() {
    return !closing && lastPollNanos != 0 && System.nanoTime() - lastPollNanos < 5_000_000_000L;
  }

  /** One request's answer under way: what the access log says of it. */
  private final class Exchange {
    final Request request;
    final Response response;
    final Callback callback;
    final long start = System.nanoTime();
    String route = "?";
    String keyId;
    long bytesIn;
    boolean bodyRead;

    Exchange(Request request, Response response, Callback callback) {
      this.request = request;
      this.response = response;
      this.callback = callback;
    }

    void answer(int status, String contentType, byte[] body) {
      response.setStatus(status);
      if (!bodyRead && (request.getLength() > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING))) {
        // answered without reading the body (refused before it): the connection cannot carry another request
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
      }
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
      response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
      response.write(true, ByteBuffer.wrap(body), callback);
      if (accessLog != null) {
        accessLog.request(request.getMethod(), route, status, bytesIn, body.length, System.nanoTime() - start, keyId,
            accessLog.addressTag(Request.getRemoteAddr(request)));
      }
    }

    void json(int status, String json) {
      answer(status, JSON_TYPE, json.getBytes(StandardCharsets.UTF_8));
    }

    void error(int status, String message) {
      json(status, JSON.createObjectNode().put("error", message).toString());
    }
  }

  private void serve(Request request, Response response, Callback callback) {
    Exchange ex = new Exchange(request, response, callback);
    try {
      String path = request.getHttpURI().getPath();
      String method = request.getMethod();
      if (path.equals("/health")) {
        ex.route = "/health";
        ex.json(200, "{\"status\":\"up\"}");
        return;
      }
      if (path.equals("/ready")) {
        ex.route = "/ready";
        boolean ready = ready();
        ex.json(ready ? 200 : 503, ready ? "{\"status\":\"ready\"}"
            : "{\"status\":\"not ready\",\"error\":\"the verdicts topic has not been read in the last 5 s\"}");
        return;
      }
      if (!crossOriginAllowed(ex)) {
        return;
      }
      if (method.equals("OPTIONS")) {
        ex.route = "OPTIONS";
        preflight(ex);
        return;
      }
      if (path.equals("/openapi.json") && method.equals("GET")) {
        ex.route = "/openapi.json";
        ex.answer(200, JSON_TYPE, openApi);
        return;
      }
      if (path.equals("/submissions") || path.equals("/submissions/")) {
        ex.route = "/submissions";
        if (!method.equals("POST")) {
          response.getHeaders().put(HttpHeader.ALLOW, "POST");
          ex.error(405, "use POST /submissions or GET /submissions/{id}");
          return;
        }
        post(ex);
        return;
      }
      if (path.startsWith("/submissions/")) {
        ex.route = "/submissions/{id}";
        if (!method.equals("GET")) {
          response.getHeaders().put(HttpHeader.ALLOW, "GET");
          ex.error(405, "use GET /submissions/{id}");
          return;
        }
        get(ex, URLDecoder.decode(path.substring("/submissions/".length()), StandardCharsets.UTF_8));
        return;
      }
      if (pages != null && (path.startsWith("/p/") || path.startsWith("/assets/")) && method.equals("GET")) {
        page(ex, path);
        return;
      }
      ex.route = "unknown";
      ex.error(404, "no such resource: " + method + " " + path + " (see /openapi.json)");
    } catch (RuntimeException e) {
      ex.error(500, "internal error");
      System.err.println("intake: internal error on " + ex.route + ": " + e);
    }
  }

  /**
   * A browser's cross-origin call (an {@code Origin} that is not the intake's own) is answered only for the origins
   * given with {@code --cors-origin}, with the CORS headers; any other is refused with 403 before anything else.
   */
  private boolean crossOriginAllowed(Exchange ex) {
    String origin = ex.request.getHeaders().get(HttpHeader.ORIGIN);
    if (origin == null || origin.equals(ownOrigin(ex.request))) {
      return true;
    }
    if (!corsOrigins.contains(origin)) {
      ex.route = "cors-refused";
      ex.error(403, "the origin " + origin + " is not allowed to call this intake (its --cors-origin list)");
      return false;
    }
    var h = ex.response.getHeaders();
    h.put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
    h.put(HttpHeader.VARY, "Origin");
    h.put(HttpHeader.ACCESS_CONTROL_EXPOSE_HEADERS, "Location, Retry-After");
    return true;
  }

  private static String ownOrigin(Request request) {
    return request.getHttpURI().getScheme() + "://" + request.getHttpURI().getAuthority();
  }

  private void preflight(Exchange ex) {
    var h = ex.response.getHeaders();
    h.put(HttpHeader.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST");
    h.put(HttpHeader.ACCESS_CONTROL_ALLOW_HEADERS, "Content-Type, X-Api-Key, Authorization");
    h.put(HttpHeader.ACCESS_CONTROL_MAX_AGE, "600");
    ex.answer(204, "text/plain", new byte[0]);
  }

  /** The caller's key, after the per-address limit; empty (and answered) when refused. */
  private Optional<ApiKeys.Client> caller(Exchange ex) {
    long wait = perAddress.take(Request.getRemoteAddr(ex.request));
    if (wait > 0) {
      tooMany(ex, wait, "too many requests from this address");
      return Optional.empty();
    }
    keys.refresh();
    String presented = ex.request.getHeaders().get("X-Api-Key");
    if (presented == null) {
      String auth = ex.request.getHeaders().get(HttpHeader.AUTHORIZATION);
      if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
        presented = auth.substring(7).trim();
      }
    }
    if (presented == null) {
      ex.response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "ApiKey header=\"X-Api-Key\"");
      ex.error(401, "an API key is needed: send it in the X-Api-Key header (observatoire intake keys add makes one)");
      return Optional.empty();
    }
    Optional<ApiKeys.Client> client = keys.authenticate(presented);
    if (client.isEmpty()) {
      ex.response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "ApiKey header=\"X-Api-Key\"");
      ex.error(401, "this API key is unknown or revoked");
      return Optional.empty();
    }
    ex.keyId = client.get().id();
    return client;
  }

  private void tooMany(Exchange ex, long waitNanos, String message) {
    long seconds = TokenBuckets.retryAfterSeconds(waitNanos);
    ex.response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(seconds));
    ex.error(429, message + ": retry in " + seconds + " s");
  }

  /**
   * Reads and drops what is left of an oversized body, up to {@code limit} bytes, so that the client, still
   * sending, reads the 413 instead of a connection reset (a socket closed with unread bytes answers with a reset).
   */
  private static void drain(InputStream in, long limit) throws IOException {
    byte[] sink = new byte[64 << 10];
    long dropped = 0;
    int n;
    while (dropped < limit && (n = in.read(sink)) >= 0) {
      dropped += n;
    }
  }

  private void post(Exchange ex) {
    Optional<ApiKeys.Client> found = caller(ex);
    if (found.isEmpty()) {
      return;
    }
    ApiKeys.Client client = found.get();
    double rate = client.page() ? settings.limits().pageRate() : client.rate() != null ? client.rate() : -1;
    long wait = perKey.take(client.id(), rate);
    if (wait > 0) {
      tooMany(ex, wait, "too many submissions for this key");
      return;
    }
    String type = ex.request.getHeaders().get(HttpHeader.CONTENT_TYPE);
    String mediaType = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (!BODY_TYPES.contains(mediaType)) {
      ex.error(415, "a submission is sent as application/json (one JSON object), not "
          + (type == null ? "a body without Content-Type" : type));
      return;
    }
    int max = settings.limits().maxBodyBytes();
    long declared = ex.request.getLength();
    if (declared > max) {
      ex.bytesIn = declared;
      ex.error(413, "a submission is at most " + max + " bytes; this one is " + declared + " bytes");
      return;
    }
    byte[] body;
    try (InputStream in = Content.Source.asInputStream(ex.request)) {
      body = in.readNBytes(max + 1);
      if (body.length > max) {
        drain(in, 4L * max);
      }
    } catch (IOException e) {
      ex.error(400, "the body could not be read: " + e.getMessage());
      return;
    }
    ex.bytesIn = body.length;
    ex.bodyRead = body.length <= max;
    if (body.length > max) {
      ex.error(413, "a submission is at most " + max + " bytes; this one is larger");
      return;
    }
    SubmissionShape.Result shape = SubmissionShape.check(body, () -> UUID.randomUUID().toString());
    if (shape instanceof SubmissionShape.Refuse refuse) {
      ex.error(400, refuse.message());
      return;
    }
    SubmissionShape.Queue queue = (SubmissionShape.Queue) shape;
    if (!client.allows(queue.protocol())) {
      ex.error(403, "this key may not send submissions of the protocol '" + queue.protocol() + "'");
      return;
    }
    String id = queue.id();
    if (!owners.claim(id, client.id())) {
      ex.error(409, "the submissionId '" + id + "' was sent by another client: choose another id");
      return;
    }
    String answer = JSON.createObjectNode().put("submissionId", id).put("status", "pending").toString();
    producer.send(new ProducerRecord<>(settings.submissionsTopic(), id, queue.payload()), (metadata, e) -> {
      if (e != null) {
        ex.error(503, "the submission could not be queued, try again: " + e.getMessage());
      } else {
        ex.response.getHeaders().put(HttpHeader.LOCATION,
            "/submissions/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20"));
        ex.json(202, answer);
      }
    });
  }

  private void get(Exchange ex, String id) {
    Optional<ApiKeys.Client> client = caller(ex);
    if (client.isEmpty()) {
      return;
    }
    Optional<String> v = owners.owns(client.get().id(), id) ? verdicts.get(id) : Optional.empty();
    if (v.isEmpty()) {
      ex.json(404, JSON.createObjectNode().put("submissionId", id).put("status", "unknown or pending")
          .put("detail", verdicts.whenMissing() + "; a verdict is answered only to the key that sent the submission")
          .toString());
    } else {
      ex.json(200, v.get());
    }
  }

  private void page(Exchange ex, String path) {
    if (path.startsWith("/assets/")) {
      ex.route = "/assets/{file}";
      String name = path.substring("/assets/".length());
      Optional<byte[]> asset = pages.asset(name);
      if (asset.isEmpty()) {
        ex.error(404, "no such asset: " + name);
        return;
      }
      ex.response.getHeaders().put(HttpHeader.CACHE_CONTROL, "public, max-age=3600");
      ex.answer(200, VolunteerPages.ASSET_TYPES.get(name), asset.get());
      return;
    }
    String rest = path.substring("/p/".length());
    if (rest.isEmpty()) {
      ex.route = "/p/";
      ex.answer(200, "text/html; charset=utf-8", pages.index());
      return;
    }
    int slash = rest.indexOf('/');
    String protocol = slash < 0 ? rest : rest.substring(0, slash);
    String file = slash < 0 ? null : rest.substring(slash + 1);
    ex.route = "/p/{protocol}/" + (file == null ? "" : file.isEmpty() ? "" : "{file}");
    if (!pages.has(protocol)) {
      ex.error(404, "no protocol package '" + protocol + "'; the pages are listed at /p/");
      return;
    }
    if (file == null) {
      ex.response.getHeaders().put(HttpHeader.LOCATION, "/p/" + protocol + "/");
      ex.answer(301, "text/plain", new byte[0]);
      return;
    }
    if (file.equals("form-schema.json")) {
      ex.answer(200, JSON_TYPE, pages.formSchema(protocol));
      return;
    }
    if (!file.isEmpty()) {
      ex.error(404, "no such file in the page of " + protocol + ": " + file);
      return;
    }
    keys.refresh();
    Optional<ApiKeys.Client> key = keys.pageKey(protocol).filter(ApiKeys.Client::active);
    if (key.isEmpty()) {
      ex.error(404, "the page of " + protocol + " is closed (its page key was revoked)");
      return;
    }
    var lang = org.eclipse.jetty.server.Request.extractQueryParameters(ex.request).getValue("lang");
    var h = ex.response.getHeaders();
    h.put("X-Content-Type-Options", "nosniff");
    h.put("X-Frame-Options", "DENY");
    h.put("Referrer-Policy", "no-referrer");
    ex.answer(200, "text/html; charset=utf-8", pages.page(protocol, lang, key.get().publicKey()));
  }

  @Override
  public void close() {
    closing = true;
    try {
      http.stop();
    } catch (Exception e) {
      System.err.println("intake: stopping the HTTP server: " + e.getMessage());
    }
    consumer.wakeup();
    try {
      verdictReader.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close(Duration.ofSeconds(5));
    flusher.shutdownNow();
    owners.flush();
    owners.close();
    if (accessLog != null) {
      accessLog.close();
    }
  }
}
