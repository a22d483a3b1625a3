package org.observatoire.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.observatoire.cli.broker.LocalBroker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code observatoire broker start|stop}: a local single-node Kafka (KRaft) on the loopback interface. */
@Command(
    name = "broker",
    mixinStandardHelpOptions = true,
    description = "Start or stop a local Kafka broker (KRaft, 127.0.0.1) with the submissions and verdicts topics.",
    subcommands = {BrokerCommand.Start.class, BrokerCommand.Stop.class})
public final class BrokerCommand implements Runnable {
  static final String DEFAULT_DIR = ".observatoire/broker";

  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  @Command(name = "start", mixinStandardHelpOptions = true,
      description = "Start the broker in the background; its data, log and pid file stay under --dir.")
  static final class Start implements Callable<Integer> {
    @Option(names = "--dir", defaultValue = DEFAULT_DIR, description = "Broker folder. Default: ${DEFAULT-VALUE}.")
    Path dir;

    @Option(names = "--port", defaultValue = "9092", description = "Client port. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--lib", description = "Folder of the broker's jars. Default: pipelines/broker/target/broker-lib.")
    Path lib;

    @Option(names = "--partitions", defaultValue = "2",
        description = "Partitions of the submissions topic. Default: ${DEFAULT-VALUE}.")
    int partitions;

    @Override
    public Integer call() throws Exception {
      long t0 = System.nanoTime();
      LocalBroker broker;
      try {
        broker = LocalBroker.start(dir, port, lib != null ? lib : LocalBroker.defaultLib(), false,
            Duration.ofSeconds(60));
      } catch (IllegalStateException | IllegalArgumentException e) {
        System.err.println(e.getMessage());
        return 1;
      }
      LocalBroker.createIngestionTopics(broker.bootstrapServers(), partitions);
      System.out.printf("broker up on %s (pid %d) in %.1f s; data and log in %s%n", broker.bootstrapServers(),
          broker.pid(), (System.nanoTime() - t0) / 1e9, dir.toAbsolutePath());
      return 0;
    }
  }

  @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop the broker started from --dir.")
  static final class Stop implements Callable<Integer> {
    @Option(names = "--dir", defaultValue = DEFAULT_DIR, description = "Broker folder. Default: ${DEFAULT-VALUE}.")
    Path dir;

    @Override
    public Integer call() throws Exception {
      if (LocalBroker.stop(dir, Duration.ofSeconds(20))) {
        System.out.println("broker stopped");
        return 0;
      }
      System.out.println("no broker running from " + dir.toAbsolutePath());
      return 1;
    }
  }
}
