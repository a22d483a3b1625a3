package org.observatoire.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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
      LocalBroker.createIngestionTopics(broker.bootstrapServers(), 2);
      return new KafkaAndIntake(broker, IntakeServer.start(broker.bootstrapServers(), 0, "submissions", "verdicts"));
    } catch (Exception | Error e) {
      broker.close();
      throw e;
    }
  }

  /**
   * "Now" as a volunteer's app stamps {@code submittedAt}: RFC 3339 with seconds always written. Not
   * {@code OffsetDateTime.toString()}, which drops ":00" seconds, so that one run in sixty sent a date-time the
   * schema rightly rejects and every submission of the test was refused.
   */
  static String appNow(ZoneOffset offset) {
    return OffsetDateTime.now(offset).format(APP_STAMP);
  }

  private static final DateTimeFormatter APP_STAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

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
