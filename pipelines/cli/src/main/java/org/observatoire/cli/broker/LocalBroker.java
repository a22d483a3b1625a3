package org.observatoire.cli.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.observatoire.beam.io.KafkaTopics;
import org.observatoire.cli.intake.VerdictStore;

/**
 * A single-node Kafka broker (KRaft, broker and controller in one process) on the loopback interface, run as a
 * child JVM over the jars of {@code pipelines/broker/target/broker-lib}. Keeps its configuration, data, log and
 * pid file under one folder, so {@code broker stop} can find it from another process.
 */
public final class LocalBroker implements AutoCloseable {
  public static final String PID_FILE = "broker.pid";
  public static final String LOG_FILE = "broker.log";
  private static final String HOST = "127.0.0.1";

  private final Path dir;
  private final int port;
  private final Process process;

  private LocalBroker(Path dir, int port, Process process) {
    this.dir = dir;
    this.port = port;
    this.process = process;
  }

  public String bootstrapServers() {
    return HOST + ":" + port;
  }

  public long pid() {
    return process.pid();
  }

  public Path dir() {
    return dir;
  }

  /**
   * Formats (first time) and starts a broker, waiting until its port answers.
   *
   * @param tiedToParent the broker stops when this JVM ends (for tests); otherwise it outlives it (the CLI)
   */
  public static LocalBroker start(Path dir, int port, Path lib, boolean tiedToParent, Duration timeout)
      throws IOException, InterruptedException {
    if (!Files.isDirectory(lib) || list(lib).isEmpty()) {
      throw new IllegalArgumentException("no broker jars in " + lib + "; build them with "
          + "`mvn -q -pl pipelines/broker generate-resources` (or any build of the reactor)");
    }
    Optional<Long> running = runningPid(dir);
    if (running.isPresent()) {
      throw new IllegalStateException("a broker is already running from " + dir + " (pid " + running.get() + ")");
    }
    Files.createDirectories(dir);
    Path config = dir.resolve("server.properties");
    Files.writeString(config, properties(dir, port, freePort()), StandardCharsets.UTF_8);
    String classpath = lib.toAbsolutePath() + "/*";
    if (!Files.exists(dir.resolve("data/meta.properties"))) {
      Process format = new ProcessBuilder(java(), "-cp", classpath, "kafka.tools.StorageTool", "format",
          "-t", clusterId(), "-c", config.toString())
          .redirectErrorStream(true).redirectOutput(dir.resolve("format.log").toFile()).start();
      if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
        format.destroyForcibly();
        throw new IllegalStateException("formatting the broker storage failed; see " + dir.resolve("format.log"));
      }
    }
    List<String> cmd = new ArrayList<>(List.of(java(), "-Xms128m", "-Xmx512m", "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1", "-Dlog4j2.level=WARN"));
    if (tiedToParent) {
      String self = Path.of(WatchedBroker.class.getProtectionDomain().getCodeSource().getLocation().getPath())
          .toString();
      cmd.addAll(List.of("-cp", classpath + java.io.File.pathSeparator + self, WatchedBroker.class.getName()));
    } else {
      cmd.addAll(List.of("-cp", classpath, "kafka.Kafka"));
    }
    cmd.add(config.toString());
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(LOG_FILE).toFile()));
    if (!tiedToParent) {
      pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    }
    Process p = pb.start();
    LocalBroker broker = new LocalBroker(dir, port, p);
    Files.writeString(dir.resolve(PID_FILE), Long.toString(p.pid()), StandardCharsets.UTF_8);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!answers(port)) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        broker.close();
        throw new IllegalStateException("the broker did not come up on port " + port + " within " + timeout
            + "; see " + dir.resolve(LOG_FILE));
      }
      Thread.sleep(100);
    }
    return broker;
  }

  /** Creates the topics that do not exist yet. */
  public static void createTopics(String bootstrapServers, Map<String, Integer> partitions) {
    KafkaTopics.create(bootstrapServers, partitions);
  }

  /**
   * Creates the intake's two topics when missing: {@code submissions} with {@code submissionPartitions} partitions,
   * and {@code verdicts} with one, compacted (a replayed verdict replaces the first) and deleted after the time the
   * intake keeps verdicts, so that a restarted intake reads a month of verdicts, not the whole history.
   */
  public static void createIngestionTopics(String bootstrapServers, int submissionPartitions) {
    KafkaTopics.create(bootstrapServers, Map.of("submissions", submissionPartitions, "verdicts", 1),
        Map.of("verdicts", Map.of(
            "cleanup.policy", "compact,delete",
            "retention.ms", Long.toString(VerdictStore.DEFAULT_MAX_AGE.toMillis()))));
  }

  /** Stops the broker started from {@code dir} (by this or another process). False when none was running. */
  public static boolean stop(Path dir, Duration timeout) throws IOException {
    Optional<Long> pid = runningPid(dir);
    Files.deleteIfExists(dir.resolve(PID_FILE));
    if (pid.isEmpty()) {
      return false;
    }
    Optional<ProcessHandle> handle = ProcessHandle.of(pid.get());
    if (handle.isPresent()) {
      stop(handle.get(), timeout);
    }
    return true;
  }

  private static void stop(ProcessHandle h, Duration timeout) {
    h.destroy();
    try {
      h.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      h.destroyForcibly();
      h.onExit().join();
    }
  }

  /** The pid recorded under {@code dir}, if that process is still alive. */
  public static Optional<Long> runningPid(Path dir) throws IOException {
    Path f = dir.resolve(PID_FILE);
    if (!Files.exists(f)) {
      return Optional.empty();
    }
    long pid = Long.parseLong(Files.readString(f, StandardCharsets.UTF_8).trim());
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(h -> pid);
  }

  /** Stops the broker (SIGTERM, then SIGKILL after 10 s) and removes its pid file. */
  @Override
  public void close() {
    stop(process.toHandle(), Duration.ofSeconds(10));
    try {
      Files.deleteIfExists(dir.resolve(PID_FILE));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Where the broker's jars are: {@code -Dobservatoire.broker.lib}, {@code $OBSERVATOIRE_BROKER_LIB}, else
   * {@code pipelines/broker/target/broker-lib} in the first enclosing folder that has it.
   */
  public static Path defaultLib() {
    String configured = System.getProperty("observatoire.broker.lib", System.getenv("OBSERVATOIRE_BROKER_LIB"));
    if (configured != null) {
      return Path.of(configured);
    }
    String root = System.getProperty("observatoire.root");
    for (Path d = Path.of(root != null ? root : ".").toAbsolutePath(); d != null; d = d.getParent()) {
      Path lib = d.resolve("pipelines/broker/target/broker-lib");
      if (Files.isDirectory(lib)) {
        return lib;
      }
    }
    return Path.of("pipelines/broker/target/broker-lib");
  }

  /** A free TCP port on the loopback interface. */
  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      return s.getLocalPort();
    }
  }

  static boolean answers(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(HOST, port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static String properties(Path dir, int port, int controllerPort) {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put("controller.quorum.voters", "1@" + HOST + ":" + controllerPort);
    p.put("listeners", "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("log.dirs", dir.toAbsolutePath().resolve("data").toString());
    p.put("num.partitions", "2");
    // topics are created by name (createTopics): a client that names one that does not exist fails, instead of
    // silently creating an empty topic nothing else reads or writes
    p.put("auto.create.topics.enable", "false");
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "4");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    StringBuilder out = new StringBuilder("# written by observatoire broker start\n");
    p.stringPropertyNames().stream().sorted().forEach(k -> out.append(k).append('=').append(p.get(k)).append('\n'));
    return out.toString();
  }

  /** A random cluster id; never one starting with '-', which kafka-storage would take for an option (1 in 64). */
  private static String clusterId() {
    while (true) {
      UUID u = UUID.randomUUID();
      ByteBuffer b = ByteBuffer.allocate(16).putLong(u.getMostSignificantBits())
          .putLong(u.getLeastSignificantBits());
      String id = Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
      if (!id.startsWith("-")) {
        return id;
      }
    }
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static List<Path> list(Path lib) throws IOException {
    try (var s = Files.list(lib)) {
      return s.filter(f -> f.getFileName().toString().endsWith(".jar")).toList();
    }
  }
}
