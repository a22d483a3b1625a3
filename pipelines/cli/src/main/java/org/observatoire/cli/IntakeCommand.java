package org.observatoire.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.observatoire.cli.intake.IntakeServer;
import org.observatoire.cli.intake.VerdictStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code observatoire intake}: the HTTP door in front of the submissions topic; runs until stopped. */
@Command(
    name = "intake",
    mixinStandardHelpOptions = true,
    description = {"HTTP intake on 127.0.0.1: POST /submissions (JSON, at most 1 MiB) → 202 pending;",
        "GET /submissions/{id} → the verdict once the streaming job has given it, 404 before."})
public final class IntakeCommand implements Callable<Integer> {
  @Option(names = "--bootstrap-servers", defaultValue = "127.0.0.1:9092",
      description = "Kafka bootstrap servers. Default: ${DEFAULT-VALUE}.")
  String bootstrapServers;

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

  @Override
  public Integer call() throws Exception {
    VerdictStore store;
    try {
      store = VerdictStore.keeping(verdictsKept, Duration.ofDays(verdictDays));
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      return 2;
    }
    IntakeServer server = IntakeServer.start(bootstrapServers, port, submissionsTopic, verdictsTopic, store);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }));
    System.out.println("intake listening on http://127.0.0.1:" + server.port() + "/submissions (Kafka "
        + bootstrapServers + ")");
    stopped.await();
    return 0;
  }
}
