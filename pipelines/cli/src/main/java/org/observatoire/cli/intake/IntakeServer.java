package org.observatoire.cli.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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

/**
 * The volunteers' apps' door: {@code POST /submissions} checks size and basic shape, publishes the submission to
 * the submissions topic keyed by its id and answers 202 "pending"; {@code GET /submissions/{id}} answers the
 * verdict once the streaming job has published it on the verdicts topic (read from the beginning into a bounded
 * {@link VerdictStore}, so a restarted intake knows the recent verdicts again), 404 before. Full validation is the
 * streaming job's.
 */
public final class IntakeServer implements AutoCloseable {
  public static final int MAX_BODY_BYTES = 1 << 20;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer http;
  private final ExecutorService workers;
  private final KafkaProducer<String, byte[]> producer;
  private final KafkaConsumer<String, String> consumer;
  private final Thread verdictReader;
  private final VerdictStore verdicts;
  private final AtomicLong verdictReadErrors = new AtomicLong();
  private final String submissionsTopic;

  private IntakeServer(HttpServer http, ExecutorService workers, KafkaProducer<String, byte[]> producer,
      KafkaConsumer<String, String> consumer, String submissionsTopic, VerdictStore verdicts) {
    this.http = http;
    this.verdicts = verdicts;
    this.workers = workers;
    this.producer = producer;
    this.consumer = consumer;
    this.submissionsTopic = submissionsTopic;
    this.verdictReader = new Thread(this::readVerdicts, "verdict-reader");
    this.verdictReader.setDaemon(true);
  }

  /** Starts listening on the loopback interface ({@code port} 0: any free port), keeping verdicts as by default. */
  public static IntakeServer start(String bootstrapServers, int port, String submissionsTopic, String verdictsTopic)
      throws IOException {
    return start(bootstrapServers, port, submissionsTopic, verdictsTopic, VerdictStore.withDefaults());
  }

  /** Starts listening on the loopback interface ({@code port} 0: any free port), keeping verdicts in {@code store}. */
  public static IntakeServer start(String bootstrapServers, int port, String submissionsTopic, String verdictsTopic,
      VerdictStore store) throws IOException {
    KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.LINGER_MS_CONFIG, 5,
        ProducerConfig.BATCH_SIZE_CONFIG, 256 << 10,
        ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
        ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * MAX_BODY_BYTES),
        new StringSerializer(), new ByteArraySerializer());
    KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 16 << 10,
        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10),
        new StringDeserializer(), new StringDeserializer());
    List<TopicPartition> partitions;
    try {
      partitions = verdictPartitions(consumer, verdictsTopic, Duration.ofSeconds(30));
    } catch (RuntimeException e) {
      consumer.close(Duration.ZERO);
      producer.close(Duration.ZERO);
      throw e;
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);

    HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    ExecutorService workers = Executors.newFixedThreadPool(32);
    http.setExecutor(workers);
    IntakeServer server = new IntakeServer(http, workers, producer, consumer, submissionsTopic, store);
    http.createContext("/submissions", server::handle);
    http.start();
    server.verdictReader.start();
    return server;
  }

  public int port() {
    return http.getAddress().getPort();
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

  private void handle(HttpExchange ex) throws IOException {
    boolean answered = true;
    try {
      String path = ex.getRequestURI().getPath();
      if (path.equals("/submissions") || path.equals("/submissions/")) {
        if (!ex.getRequestMethod().equals("POST")) {
          respond(ex, 405, error("use POST /submissions or GET /submissions/{id}"));
          return;
        }
        answered = post(ex);
      } else if (path.startsWith("/submissions/") && ex.getRequestMethod().equals("GET")) {
        String id = java.net.URLDecoder.decode(path.substring("/submissions/".length()), StandardCharsets.UTF_8);
        Optional<String> v = verdicts.get(id);
        if (v.isEmpty()) {
          respond(ex, 404, JSON.createObjectNode().put("submissionId", id).put("status", "unknown or pending")
              .put("detail", verdicts.whenMissing()).toString());
        } else {
          respond(ex, 200, v.get());
        }
      } else {
        respond(ex, 404, error("no such resource: " + ex.getRequestMethod() + " " + path));
      }
    } catch (RuntimeException e) {
      respond(ex, 500, error("internal error: " + e));
    } finally {
      if (answered) {
        ex.close();
      }
    }
  }

  /**
   * Checks and queues a submission; false when the answer is left to the producer's acknowledgement (so no worker
   * thread waits for the broker: a blocking send per request capped the intake's rate at workers / ack time).
   */
  private boolean post(HttpExchange ex) throws IOException {
    byte[] body = readAtMost(ex.getRequestBody(), MAX_BODY_BYTES + 1);
    if (body.length > MAX_BODY_BYTES) {
      respond(ex, 413, error("a submission is at most " + MAX_BODY_BYTES + " bytes"));
      return true;
    }
    SubmissionShape.Result shape = SubmissionShape.check(body, () -> UUID.randomUUID().toString());
    if (shape instanceof SubmissionShape.Refuse refuse) {
      respond(ex, 400, error(refuse.message()));
      return true;
    }
    SubmissionShape.Queue queue = (SubmissionShape.Queue) shape;
    String id = queue.id();
    byte[] payload = queue.payload();
    String answer = JSON.createObjectNode().put("submissionId", id).put("status", "pending").toString();
    producer.send(new ProducerRecord<>(submissionsTopic, id, payload), (metadata, e) -> {
      try (ex) {
        if (e != null) {
          respond(ex, 503, error("the submission could not be queued, try again: " + e.getMessage()));
        } else {
          ex.getResponseHeaders().add("Location", "/submissions/" + id);
          respond(ex, 202, answer);
        }
      } catch (IOException io) {
        // the client went away; the submission is queued all the same
      }
    });
    return false;
  }

  private static byte[] readAtMost(InputStream in, int limit) throws IOException {
    return in.readNBytes(limit);
  }

  private static String error(String message) {
    return JSON.createObjectNode().put("error", message).toString();
  }

  private static void respond(HttpExchange ex, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    http.stop(0);
    workers.shutdownNow();
    consumer.wakeup();
    try {
      verdictReader.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close(Duration.ofSeconds(5));
  }
}
