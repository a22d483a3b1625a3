package org.observatoire.cli;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.observatoire.cli.intake.IntakeServer;
import org.observatoire.cli.intake.IntakeSettings;
import org.observatoire.cli.intake.VerdictStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code observatoire intake}: the HTTP door in front of the submissions topic; runs until stopped. */
@Command(
    name = "intake",
    mixinStandardHelpOptions = true,
    subcommands = IntakeKeysCommand.class,
    description = {"Public HTTP intake (docs/intake.md): POST /submissions with an API key (X-Api-Key) → 202 pending;",
        "GET /submissions/{id} → the verdict, to the key that sent it; /health, /ready, /openapi.json, and a",
        "volunteer's page per protocol at /p/<protocol>/. `intake keys` manages the keys."})
public final class IntakeCommand implements Callable<Integer> {
  /** The state folder option, shared by the intake and its keys commands. */
  static final class StateDir {
    @Option(names = "--state-dir", defaultValue = ".observatoire/intake",
        description = "The intake's state: keys.json (API keys, hashed) and owners.log. Default: ${DEFAULT-VALUE}.")
    Path dir;
  }

  @Mixin
  StateDir state;

  @Option(names = "--bootstrap-servers", defaultValue = "127.0.0.1:9092",
      description = "Kafka bootstrap servers. Default: ${DEFAULT-VALUE}.")
  String bootstrapServers;

  @Option(names = "--host", defaultValue = "127.0.0.1",
      description = "Address to listen on (0.0.0.0: every interface). Default: ${DEFAULT-VALUE}.")
  String host;

  @Option(names = "--port", defaultValue = "8080", description = "HTTP port. Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(names = "--submissions-topic", defaultValue = "submissions")
  String submissionsTopic;

  @Option(names = "--verdicts-topic", defaultValue = "verdicts")
  String verdictsTopic;

  @Option(names = "--verdicts-kept", defaultValue = "" + VerdictStore.DEFAULT_MAX_VERDICTS,
      description = "At most this many verdicts are kept in memory for GET, the oldest let go first (about 340 bytes"
          + " of heap each). Default: ${DEFAULT-VALUE}.")
  int verdictsKept;

  @Option(names = "--verdict-days", defaultValue = "" + VerdictStore.DEFAULT_MAX_DAYS,
      description = "Verdicts published this many days before the newest are let go. Default: ${DEFAULT-VALUE}.")
  int verdictDays;

  @Option(names = "--key-rate", defaultValue = "100",
      description = "Submissions per second per API key (a key's own --rate wins). Default: ${DEFAULT-VALUE}.")
  double keyRate;

  @Option(names = "--key-burst", defaultValue = "200", description = "Burst per API key. Default: ${DEFAULT-VALUE}.")
  double keyBurst;

  @Option(names = "--ip-rate", defaultValue = "20",
      description = "API calls per second per client address. Default: ${DEFAULT-VALUE}.")
  double ipRate;

  @Option(names = "--ip-burst", defaultValue = "40", description = "Burst per client address. Default: ${DEFAULT-VALUE}.")
  double ipBurst;

  @Option(names = "--page-rate", defaultValue = "5",
      description = "Submissions per second through each protocol's volunteer page (its public key). Default:"
          + " ${DEFAULT-VALUE}.")
  double pageRate;

  @Option(names = "--max-body-bytes", defaultValue = "" + IntakeSettings.DEFAULT_MAX_BODY_BYTES,
      description = "Largest submission taken (413 above). Default: ${DEFAULT-VALUE}.")
  int maxBodyBytes;

  @Option(names = "--cors-origin", description = "An origin whose web pages may call the intake from a browser, e.g."
      + " https://app.example.org (repeatable; none by default: only the intake's own pages).")
  List<String> corsOrigins = new ArrayList<>();

  @Option(names = "--tls-keystore", description = "PKCS#12 or JKS keystore with the certificate: serve HTTPS.")
  Path tlsKeystore;

  @Option(names = "--tls-password", description = "The keystore's password (else OBSERVATOIRE_TLS_PASSWORD).")
  String tlsPassword;

  @Option(names = "--no-pages", description = "Serve no volunteer pages (and make no page keys).")
  boolean noPages;

  @Option(names = "--access-log", description = "File the access log (JSON lines) is appended to; default: standard"
      + " output; 'off': none.")
  String accessLog;

  @Override
  public Integer call() throws Exception {
    IntakeSettings settings;
    PrintStream log;
    try {
      if (tlsKeystore != null && !Files.isRegularFile(tlsKeystore)) {
        throw new IllegalArgumentException("--tls-keystore: no file at " + tlsKeystore);
      }
      String password = tlsPassword != null ? tlsPassword : System.getenv("OBSERVATOIRE_TLS_PASSWORD");
      log = accessLog == null ? System.out : accessLog.equals("off") ? null
          : new PrintStream(Files.newOutputStream(Path.of(accessLog), java.nio.file.StandardOpenOption.CREATE,
              java.nio.file.StandardOpenOption.APPEND), false, java.nio.charset.StandardCharsets.UTF_8);
      settings = IntakeSettings.defaults(state.dir)
          .withListen(host, port)
          .withTopics(submissionsTopic, verdictsTopic, VerdictStore.keeping(verdictsKept, Duration.ofDays(verdictDays)))
          .withLimits(new IntakeSettings.Limits(keyRate, keyBurst, ipRate, ipBurst, pageRate, maxBodyBytes))
          .withCors(corsOrigins)
          .withTls(tlsKeystore, tlsKeystore == null ? null : password)
          .withPages(!noPages)
          .withAccessLog(log);
    } catch (IllegalArgumentException | UncheckedIOException e) {
      System.err.println(e.getMessage());
      return 2;
    }
    IntakeServer server;
    try {
      server = IntakeServer.start(bootstrapServers, settings);
    } catch (IllegalStateException e) {
      System.err.println(e.getMessage());
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }));
    String scheme = tlsKeystore != null ? "https" : "http";
    System.err.println("intake listening on " + scheme + "://" + host + ":" + server.port() + "/submissions (Kafka "
        + bootstrapServers + "; keys in " + settings.keysFile() + ")");
    stopped.await();
    return 0;
  }
}
