package org.observatoire.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.observatoire.cli.broker.LocalBroker;
import org.observatoire.cli.intake.IntakeServer;

/**
 * What the streaming integration tests run against: a real KRaft broker on loopback (topics {@code submissions},
 * two partitions, and {@code verdicts}) and the HTTP intake in front of it. {@link #close()} stops the intake, then
 * the broker, even when the first fails.
 */
final class KafkaAndIntake implements AutoCloseable {
  final LocalBroker broker;
  final IntakeServer intake;

  private KafkaAndIntake(LocalBroker broker, IntakeServer intake) {
    this.broker = broker;
    this.intake = intake;
  }

  static KafkaAndIntake start(Path brokerDir) throws Exception {
    LocalBroker broker = LocalBroker.start(brokerDir, LocalBroker.freePort(), LocalBroker.defaultLib(), true,
        Duration.ofSeconds(60));
    try {
      LocalBroker.createTopics(broker.bootstrapServers(), Map.of("submissions", 2, "verdicts", 1));
      return new KafkaAndIntake(broker, IntakeServer.start(broker.bootstrapServers(), 0, "submissions", "verdicts"));
    } catch (Exception | Error e) {
      broker.close();
      throw e;
    }
  }

  String bootstrapServers() {
    return broker.bootstrapServers();
  }

  @Override
  public void close() throws Exception {
    try {
      intake.close();
    } finally {
      broker.close();
    }
  }
}
