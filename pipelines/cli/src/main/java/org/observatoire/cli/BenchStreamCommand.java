package org.observatoire.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.observatoire.cli.broker.LocalBroker;
import org.observatoire.cli.stream.CliProcess;
import org.observatoire.core.generate.SubmissionGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code observatoire bench-stream}: the streaming path under a fixed load. Starts a broker, the intake and the
 * streaming job (child JVMs), posts seeded synthetic submissions over HTTP at a fixed rate, times each one from the
 * moment its POST is sent to the moment its verdict appears on the verdicts topic (read directly), and reports the
 * achieved rate, latency percentiles and the children's peak RSS.
 */
@Command(
    name = "bench-stream",
    mixinStandardHelpOptions = true,
    description = {"Benchmark intake → Kafka → streaming job: POST at --rate per second for --duration seconds,",
        "latency from POST to verdict (p50/p95/p99/max), achieved rate, peak RSS."})
public final class BenchStreamCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(names = "--rate", defaultValue = "1000", description = "Submissions per second. Default: ${DEFAULT-VALUE}.")
  int rate;

  @Option(names = "--duration", defaultValue = "60", description = "Seconds of load. Default: ${DEFAULT-VALUE}.")
  int duration;

  @Option(names = "--seed", defaultValue = "1", description = "Generator seed. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--work-dir", defaultValue = ".observatoire/bench-stream",
      description = "Broker data and the job's output (emptied first). Default: ${DEFAULT-VALUE}.")
  Path workDir;

  @Option(names = "--output", description = "Write the results as JSON to this file.")
  Path output;

  @Option(names = "--stream-arg", description = "An extra option of the stream command (repeatable), e.g."
      + " --stream-arg=--maxBundleTimeMills=100.")
  List<String> streamArgs = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    if (Files.exists(workDir)) {
      org.observatoire.beam.io.Folders.deleteTree(workDir);
    }
    Files.createDirectories(workDir);
    Path jar = CliProcess.ownJar(Path.of("pipelines/cli/target/observatoire.jar"));
    List<String> bodies = generate();
    System.out.printf("generated %d submissions (seed %d)%n", bodies.size(), seed);
    Process intake = null;
    Process stream = null;
    try (LocalBroker broker = LocalBroker.start(workDir.resolve("broker"), LocalBroker.freePort(),
        LocalBroker.defaultLib(), true, Duration.ofSeconds(60))) {
      LocalBroker.createTopics(broker.bootstrapServers(), Map.of("submissions", 2, "verdicts", 1));
      int port = LocalBroker.freePort();
      intake = CliProcess.start(jar, List.of("-Xmx1g"), List.of("intake", "--bootstrap-servers",
          broker.bootstrapServers(), "--port", Integer.toString(port)), workDir.resolve("intake.log"));
      List<String> args = new ArrayList<>(List.of("stream", "--bootstrap-servers", broker.bootstrapServers(),
          "--output", workDir.resolve("out").toString(), "--sample-pseudonym-key"));
      args.addAll(streamArgs);
      stream = CliProcess.start(jar, List.of("-Xmx3g"), args, workDir.resolve("stream.log"));
      try (Verdicts verdicts = new Verdicts(broker.bootstrapServers())) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newFixedThreadPool(16))
            .connectTimeout(Duration.ofSeconds(5)).build();
        URI uri = URI.create("http://127.0.0.1:" + port + "/submissions");
        warmUp(http, uri, bodies.get(0), verdicts);
        ObjectNode result = load(http, uri, bodies, verdicts);
        result.put("streamPeakRssBytes", CliProcess.peakRss(stream.pid()));
        result.put("intakePeakRssBytes", CliProcess.peakRss(intake.pid()));
        result.put("brokerPeakRssBytes", CliProcess.peakRss(broker.pid()));
        result.put("streamArgs", String.join(" ", streamArgs));
        result.put("cores", Runtime.getRuntime().availableProcessors());
        String text = result.toPrettyString();
        System.out.println(text);
        if (output != null) {
          Files.writeString(output, text + "\n");
        }
      }
    } finally {
      if (stream != null) {
        stream.destroyForcibly().waitFor();
      }
      if (intake != null) {
        intake.destroy();
        intake.waitFor();
      }
    }
    return 0;
  }

  private static final String SUBMITTED_AT = "__SUBMITTED_AT__";

  /**
   * Seeded valid submissions with ids of their own ({@code bench-<n>}); submittedAt is set when each is sent, as
   * an online app does (event time ≈ arrival time: on-time panes, as in production).
   */
  private List<String> generate() throws IOException {
    SubmissionGenerator gen = SubmissionGenerator.create(seed, 0.0, LocalDate.now(ZoneOffset.UTC).minusDays(1));
    List<String> out = new ArrayList<>();
    for (int i = 0; out.size() < rate * duration + 1; i++) {
      JsonNode n = JSON.readTree(gen.next());
      if (n instanceof ObjectNode o) {
        o.put("submissionId", "bench-" + out.size());
        o.put("submittedAt", SUBMITTED_AT);
        out.add(o.toString());
      }
    }
    return out;
  }

  private static void warmUp(HttpClient http, URI uri, String body, Verdicts verdicts) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        http.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(stamped(body))).build(),
            HttpResponse.BodyHandlers.discarding());
        break;
      } catch (IOException e) {
        Thread.sleep(500); // the intake is starting
      }
    }
    while (System.nanoTime() < deadline && verdicts.arrivals.get("bench-0") == null) {
      Thread.sleep(200);
    }
    if (verdicts.arrivals.get("bench-0") == null) {
      throw new IllegalStateException("no verdict within 180 s: is the streaming job running? see its log");
    }
    System.out.println("streaming job warm; starting the load");
  }

  private ObjectNode load(HttpClient http, URI uri, List<String> bodies, Verdicts verdicts) throws Exception {
    int n = rate * duration;
    long[] sent = new long[n + 1];
    AtomicInteger accepted = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    AtomicLong lastAnswer = new AtomicLong();
    java.util.concurrent.atomic.AtomicReference<String> firstFailure = new java.util.concurrent.atomic.AtomicReference<>();
    long t0 = System.nanoTime();
    for (int i = 1; i <= n; i++) {
      long due = t0 + (long) ((i - 1) * 1e9 / rate);
      long wait = due - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      }
      sent[i] = System.nanoTime();
      http.sendAsync(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(stamped(bodies.get(i))))
          .build(), HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
            if (e == null && r.statusCode() == 202) {
              accepted.incrementAndGet();
            } else {
              failed.incrementAndGet();
              firstFailure.compareAndSet(null, e != null ? e.toString() : "HTTP " + r.statusCode());
            }
            lastAnswer.set(System.nanoTime());
          });
    }
    long sendEnd = System.nanoTime();
    long deadline = sendEnd + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline && (accepted.get() + failed.get() < n || verdicts.count(n) < accepted.get())) {
      Thread.sleep(100);
    }
    long[] latencies = new long[n];
    int known = 0;
    long lastVerdict = 0;
    for (int i = 1; i <= n; i++) {
      Long at = verdicts.arrivals.get("bench-" + i);
      if (at != null) {
        latencies[known++] = at - sent[i];
        lastVerdict = Math.max(lastVerdict, at);
      }
    }
    long[] l = Arrays.copyOf(latencies, known);
    Arrays.sort(l);
    ObjectNode r = JSON.createObjectNode();
    r.put("targetRate", rate);
    r.put("durationSeconds", duration);
    r.put("posted", n);
    r.put("accepted202", accepted.get());
    r.put("failed", failed.get());
    if (firstFailure.get() != null) {
      r.put("firstFailure", firstFailure.get());
    }
    r.put("postRate", round(n / ((sendEnd - t0) / 1e9)));
    r.put("verdicts", known);
    r.put("verdictRate", round(known / (Math.max(1, lastVerdict - t0) / 1e9)));
    r.put("latencyMsP50", ms(pct(l, 0.50)));
    r.put("latencyMsP95", ms(pct(l, 0.95)));
    r.put("latencyMsP99", ms(pct(l, 0.99)));
    r.put("latencyMsMax", ms(l.length == 0 ? 0 : l[l.length - 1]));
    return r;
  }

  private static String stamped(String body) {
    return body.replace(SUBMITTED_AT, OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS).toString());
  }

  private static long pct(long[] sorted, double p) {
    return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
  }

  private static double ms(long nanos) {
    return round(nanos / 1e6);
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }

  /** Reads the verdicts topic from its end and notes when each submission id's first verdict arrived. */
  static final class Verdicts implements AutoCloseable {
    final Map<String, Long> arrivals = new ConcurrentHashMap<>();
    private final KafkaConsumer<String, String> consumer;
    private final Thread reader;
    private volatile boolean running = true;

    Verdicts(String bootstrapServers) {
      consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
          ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer());
      List<TopicPartition> parts = consumer.partitionsFor("verdicts", Duration.ofSeconds(30)).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(parts);
      consumer.seekToEnd(parts);
      parts.forEach(consumer::position);
      reader = new Thread(() -> {
        while (running) {
          for (ConsumerRecord<String, String> rec : consumer.poll(Duration.ofMillis(50))) {
            arrivals.putIfAbsent(rec.key(), System.nanoTime());
          }
        }
        consumer.close();
      }, "verdicts");
      reader.setDaemon(true);
      reader.start();
    }

    long count(int n) {
      return arrivals.keySet().stream().filter(k -> !k.equals("bench-0")).count();
    }

    @Override
    public void close() throws InterruptedException {
      running = false;
      reader.join(5000);
    }
  }
}
