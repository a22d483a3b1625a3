package org.observatoire.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.observatoire.benchmarks.load.LatencySlices;
import org.observatoire.benchmarks.load.LoadGenerator;
import org.observatoire.benchmarks.load.PreparedBodies;
import org.observatoire.benchmarks.load.WindowFiles;
import org.observatoire.cli.broker.LocalBroker;
import org.observatoire.cli.intake.ApiKeys;
import org.observatoire.cli.stream.CliProcess;
import org.observatoire.generator.SubmissionGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code observatoire bench-stream}: the streaming path under a fixed load. Starts a broker, the intake and the
 * streaming job (child JVMs), posts seeded synthetic submissions over HTTP at a fixed rate (open loop: each POST is
 * due at its time whether or not earlier ones were answered, {@link LoadGenerator}), times each one from the moment
 * its POST was due to the moment its verdict appears on the verdicts topic (read directly), and reports the achieved
 * rate, latency percentiles overall and per slice of time ({@link LatencySlices}) and the children's peak RSS.
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

  @Option(names = "--warm-up", defaultValue = "20",
      description = "Seconds of load at the same rate before the measured load, reported apart (the JIT compiles"
          + " the hot paths then); the measured load starts once its verdicts are in. Default: ${DEFAULT-VALUE}.")
  int warmUp;

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

  @Option(names = "--stream-jvm-arg", description = "An extra option of the streaming job's JVM (repeatable), e.g."
      + " --stream-jvm-arg=-XX:StartFlightRecording=filename=stream.jfr,settings=profile.")
  List<String> streamJvmArgs = new ArrayList<>();

  // each connection carries one POST at a time, answered once Kafka has the submission: with 32 the load generator
  // itself capped the rate near 32 / (time to answer), ~650-700/s here, where volunteers' phones are each a client
  @Option(names = "--connections", defaultValue = "128",
      description = "Keep-alive HTTP connections the load is posted over (one POST in flight on each). Default:"
          + " ${DEFAULT-VALUE}.")
  int connections;

  @Option(names = "--slice", defaultValue = "5",
      description = "Seconds per slice of the latency-over-time report. Default: ${DEFAULT-VALUE}.")
  int slice;

  @Option(names = "--intake-jvm-arg", description = "An extra option of the intake's JVM (repeatable).")
  List<String> intakeJvmArgs = new ArrayList<>();

  /** The key the bench's intake was given for the load (made in the work folder's intake state). */
  private String apiKey;

  private static final java.time.format.DateTimeFormatter STAMP = java.time.format.DateTimeFormatter
      .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  @Override
  public Integer call() throws Exception {
    if (Files.exists(workDir)) {
      org.observatoire.beam.io.Folders.deleteTree(workDir);
    }
    Files.createDirectories(workDir);
    Path jar = CliProcess.ownJar(Path.of("pipelines/cli/target/observatoire.jar"));
    int total = rate * (warmUp + duration) + 1;
    System.out.printf("preparing %d submissions (seed %d), at most %d ahead of the load%n", total, seed, AHEAD);
    Process intake = null;
    Process stream = null;
    // a bench stopped by a signal takes its intake and streaming job with it (the broker watches its stdin)
    List<Process> children = new java.util.concurrent.CopyOnWriteArrayList<>();
    Thread reaper = new Thread(() -> children.forEach(Process::destroyForcibly), "stop-children");
    Runtime.getRuntime().addShutdownHook(reaper);
    try (PreparedBodies bodies = PreparedBodies.start(generator(), total, AHEAD, SUBMITTED_AT);
        LocalBroker broker = LocalBroker.start(workDir.resolve("broker"), LocalBroker.freePort(),
        LocalBroker.defaultLib(), true, Duration.ofSeconds(60))) {
      LocalBroker.createIngestionTopics(broker.bootstrapServers(), 2);
      int port = LocalBroker.freePort();
      // the intake as deployed: an API key checked on every POST, per-key and per-address limits on (set above the
      // load's rate, so they cost their work but refuse nothing), the access log written
      Path intakeState = workDir.resolve("intake-state");
      apiKey = ApiKeys.open(intakeState.resolve("keys.json"))
          .add("bench-stream", java.util.Set.of(ApiKeys.ALL_PROTOCOLS), null);
      String limit = Integer.toString(4 * rate);
      List<String> intakeJvm = new ArrayList<>(List.of("-Xmx1g"));
      intakeJvm.addAll(intakeJvmArgs);
      intake = CliProcess.start(jar, intakeJvm, List.of("intake", "--bootstrap-servers",
          broker.bootstrapServers(), "--port", Integer.toString(port), "--state-dir", intakeState.toString(),
          "--key-rate", limit, "--key-burst", limit, "--ip-rate", limit, "--ip-burst", limit,
          "--access-log", workDir.resolve("intake-access.log").toString()), workDir.resolve("intake.log"));
      children.add(intake);
      List<String> args = new ArrayList<>(List.of("stream", "--bootstrap-servers", broker.bootstrapServers(),
          "--output", workDir.resolve("out").toString(), "--sample-pseudonym-key"));
      args.addAll(streamArgs);
      List<String> jvm = new ArrayList<>(List.of("-Xmx3g"));
      jvm.addAll(streamJvmArgs);
      stream = CliProcess.start(jar, jvm, args, workDir.resolve("stream.log"));
      children.add(stream);
      try (Verdicts verdicts = new Verdicts(broker.bootstrapServers())) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
        URI uri = URI.create("http://127.0.0.1:" + port + "/submissions");
        warmUp(http, uri, bodies.take(0), verdicts);
        ObjectNode cold = warmUp > 0 ? load(uri, bodies, 1, rate * warmUp, verdicts, 120) : null;
        if (cold != null) {
          System.out.println("warm-up done: " + cold.get("verdicts") + " verdicts, p99 " + cold.get("latencyMsP99")
              + " ms; starting the measured load");
        }
        long[] pids = {stream.pid(), intake.pid(), broker.pid(), ProcessHandle.current().pid()};
        double[] cpu0 = Arrays.stream(pids).mapToDouble(CliProcess::cpuSeconds).toArray();
        Instant loadStart = Instant.now();
        ObjectNode result = load(uri, bodies, 1 + rate * warmUp, rate * duration, verdicts, 60);
        // CPU seconds each process used from the start of the load to the last verdict (or the wait's end):
        // the two cores are shared, so this says who took them
        ObjectNode cpu = result.putObject("cpuSecondsDuringLoad");
        String[] names = {"stream", "intake", "broker", "loadGenerator"};
        for (int k = 0; k < pids.length; k++) {
          cpu.put(names[k], round(CliProcess.cpuSeconds(pids[k]) - cpu0[k]));
        }
        cpu.put("uptimeLoadAverage", Files.readString(Path.of("/proc/loadavg")).trim());
        curatedDelays(result, loadStart, loadStart.plusSeconds(duration));
        if (cold != null) {
          result.set("warmUp", cold);
        }
        result.put("streamPeakRssBytes", CliProcess.peakRss(stream.pid()));
        result.put("intakePeakRssBytes", CliProcess.peakRss(intake.pid()));
        result.put("brokerPeakRssBytes", CliProcess.peakRss(broker.pid()));
        result.put("streamArgs", String.join(" ", streamArgs));
        result.put("streamJvmArgs", String.join(" ", streamJvmArgs));
        result.put("cores", Runtime.getRuntime().availableProcessors());
        String text = result.toPrettyString();
        System.out.println(text);
        if (output != null) {
          Files.writeString(output, text + "\n");
        }
      }
    } finally {
      if (stream != null) {
        // SIGTERM first so a flight recording (--stream-jvm-arg) is dumped on exit
        stream.destroy();
        if (!stream.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
          stream.destroyForcibly().waitFor();
        }
      }
      if (intake != null) {
        intake.destroy();
        intake.waitFor();
      }
      Runtime.getRuntime().removeShutdownHook(reaper);
    }
    return 0;
  }

  /**
   * Waits (up to {@value #CURATED_WAIT_SECONDS} s) until the curated occurrences have a window ending at or after
   * {@code to}, then records how long after its end each window ending in {@code (from, to]} had all its on-time
   * files written: the verdicts are only half of the stream's work.
   */
  private void curatedDelays(ObjectNode result, Instant from, Instant to)
      throws InterruptedException {
    Path occurrences = workDir.resolve("out").resolve(org.observatoire.beam.jobs.StreamingJob.OCCURRENCES);
    long deadline = System.nanoTime() + Duration.ofSeconds(CURATED_WAIT_SECONDS).toNanos();
    Map<Instant, Instant> written = WindowFiles.onTimeWritten(occurrences);
    while (written.keySet().stream().noneMatch(end -> !end.isBefore(to)) && System.nanoTime() < deadline) {
      Thread.sleep(1000);
      written = WindowFiles.onTimeWritten(occurrences);
    }
    ArrayNode windows = result.putArray("curatedWindows");
    double max = 0;
    for (Map.Entry<Instant, Duration> w : WindowFiles.delays(written).entrySet()) {
      if (w.getKey().isAfter(from) && !w.getKey().isAfter(to)) {
        double s = round(w.getValue().toMillis() / 1e3);
        windows.addObject().put("windowEnd", w.getKey().toString()).put("writtenAfterSeconds", s);
        max = Math.max(max, s);
      }
    }
    result.put("curatedCaughtUp", written.keySet().stream().anyMatch(end -> !end.isBefore(to)));
    result.put("curatedDelaySecondsMax", max);
    System.out.printf("curated windows ending during the load, seconds from their end to their files: %s%n",
        windows);
  }

  private static final int CURATED_WAIT_SECONDS = 240;

  private static final String SUBMITTED_AT = "__SUBMITTED_AT__";

  /**
   * Bodies made ahead of the load, at most this many at a time (about 0.9 GB of 4.3 KB submissions): every body of a
   * run of up to 200,000 submissions is made before its load starts, as the job and intake start; a longer run's
   * bodies are made during its load, one thread's work kept well ahead of the posts.
   */
  private static final int AHEAD = 200_000;

  /**
   * Seeded valid submissions with ids of their own ({@link #id}); submittedAt is set when each is sent, as
   * an online app does (event time ≈ arrival time: on-time panes, as in production).
   */
  private Supplier<String> generator() {
    SubmissionGenerator gen = SubmissionGenerator.create(seed, 0.0, LocalDate.now(ZoneOffset.UTC).minusDays(1));
    int[] next = {0};
    return () -> {
      while (true) {
        JsonNode n;
        try {
          n = JSON.readTree(gen.next());
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
        if (n instanceof ObjectNode o) {
          o.put("submissionId", id(next[0]++));
          o.put("submittedAt", SUBMITTED_AT);
          return o.toString();
        }
      }
    };
  }

  /**
   * The id of the bench's {@code n}-th submission: {@code bench-000000001}, of the envelope's id form (at least 8
   * characters), the key its verdict is published under.
   */
  static String id(int n) {
    String digits = Integer.toString(n); // the wait loops look ids up by the thousand: no String.format there
    return "bench-" + "000000000".substring(Math.min(9, digits.length())) + digits;
  }

  private static byte[] stamp() {
    return STAMP.format(Instant.now()).getBytes(StandardCharsets.US_ASCII);
  }

  private void warmUp(HttpClient http, URI uri, byte[][] body, Verdicts verdicts) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        byte[] stamped = PreparedBodies.fill(body, stamp());
        http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json").header("X-Api-Key", apiKey)
            .POST(HttpRequest.BodyPublishers.ofByteArray(stamped)).build(),
            HttpResponse.BodyHandlers.discarding());
        break;
      } catch (IOException e) {
        Thread.sleep(500); // the intake is starting
      }
    }
    while (System.nanoTime() < deadline && verdicts.arrivals.get(id(0)) == null) {
      Thread.sleep(200);
    }
    if (verdicts.arrivals.get(id(0)) == null) {
      throw new IllegalStateException("no verdict within 180 s: is the streaming job running? see its log");
    }
    System.out.println("streaming job warm; starting the load");
  }

  /** Posts bodies {@code first .. first + n - 1} and waits up to {@code waitSeconds} after for their verdicts. */
  private ObjectNode load(URI uri, PreparedBodies bodies, int first, int n, Verdicts verdicts, int waitSeconds)
      throws Exception {
    LoadGenerator gen = LoadGenerator.of(new InetSocketAddress(uri.getHost(), uri.getPort()), uri.getPath(),
        connections, Duration.ofSeconds(30), apiKey);
    System.out.printf("posting %s..%s from %s%n", id(first), id(first + n - 1), java.time.LocalTime.now());
    LoadGenerator.Result sent = gen.post(n, rate, i -> {
      try {
        return PreparedBodies.fill(bodies.take(first + i), stamp());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for body " + (first + i), e);
      }
    });
    long deadline = System.nanoTime() + Duration.ofSeconds(waitSeconds).toNanos();
    int answered = first; // every id below this one has its verdict: an hour's load is not rescanned each time
    while (System.nanoTime() < deadline) {
      while (answered < first + n && verdicts.arrivals.containsKey(id(answered))) {
        answered++;
      }
      if (answered - first + verdicts.count(answered, first + n - answered) >= sent.accepted()) {
        break;
      }
      Thread.sleep(100);
    }
    System.out.printf("verdicts in (or given up) at %s%n", java.time.LocalTime.now());
    long t0 = sent.t0();
    long[] arrived = new long[n];
    long[] latencies = new long[n];
    int known = 0;
    long lastVerdict = 0;
    for (int i = 0; i < n; i++) {
      Long at = verdicts.arrivals.get(id(first + i));
      if (at != null) {
        arrived[i] = at;
        latencies[known++] = at - sent.due()[i];
        lastVerdict = Math.max(lastVerdict, at);
      }
    }
    long[] l = Arrays.copyOf(latencies, known);
    Arrays.sort(l);
    ObjectNode r = JSON.createObjectNode();
    r.put("targetRate", rate);
    r.put("durationSeconds", n / rate);
    r.put("connections", connections);
    r.put("posted", n);
    r.put("accepted202", sent.accepted());
    r.put("failed", sent.failed());
    if (sent.firstFailure() != null) {
      r.put("firstFailure", sent.firstFailure());
    }
    r.put("postRate", round(n / ((sent.sendEnd() - t0) / 1e9)));
    r.put("maxSendLagMs", ms(sent.maxLagNanos()));
    r.put("verdicts", known);
    r.put("verdictRate", round(known / (Math.max(1, lastVerdict - t0) / 1e9)));
    r.put("latencyMsP50", ms(LatencySlices.percentile(l, 0.50)));
    r.put("latencyMsP95", ms(LatencySlices.percentile(l, 0.95)));
    r.put("latencyMsP99", ms(LatencySlices.percentile(l, 0.99)));
    r.put("latencyMsMax", ms(l.length == 0 ? 0 : l[l.length - 1]));
    ArrayNode slices = r.putArray("latencyBySlice");
    System.out.println("  from    due  verdicts    p50 ms    p99 ms    max ms");
    for (LatencySlices.Slice s : LatencySlices.of(t0, sent.due(), arrived, Duration.ofSeconds(slice).toNanos())) {
      slices.addObject().put("fromSecond", s.fromNanos() / 1_000_000_000L).put("due", s.requests())
          .put("verdicts", s.answered()).put("p50Ms", ms(s.p50())).put("p99Ms", ms(s.p99()))
          .put("maxMs", ms(s.max()));
      System.out.printf("%5ds %6d %9d %9.1f %9.1f %9.1f%n", s.fromNanos() / 1_000_000_000L, s.requests(),
          s.answered(), ms(s.p50()), ms(s.p99()), ms(s.max()));
    }
    return r;
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
          ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 16 << 10,
          ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10), new StringDeserializer(), new StringDeserializer());
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

    /** How many of the submissions {@code first .. first + n - 1} have a verdict. */
    long count(int first, int n) {
      long c = 0;
      for (int i = first; i < first + n; i++) {
        c += arrivals.containsKey(id(i)) ? 1 : 0;
      }
      return c;
    }

    @Override
    public void close() throws InterruptedException {
      running = false;
      reader.join(5000);
    }
  }
}
