package org.observatoire.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.observatoire.cli.broker.LocalBroker;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.observatoire.cli.intake.ApiKeys;
import org.observatoire.cli.intake.IntakeServer;
import org.observatoire.cli.intake.IntakeSettings;

/**
 * What the streaming integration tests run against: a real KRaft broker on loopback (topics {@code submissions},
 * two partitions, and {@code verdicts}) and the HTTP intake in front of it. {@link #close()} stops the intake, then
 * the broker, even when the first fails.
 */
final class KafkaAndIntake implements AutoCloseable {
  final LocalBroker broker;
  final IntakeServer intake;
  /** An API key for every protocol, made for the test in the intake's state folder. */
  final String key;

  private KafkaAndIntake(LocalBroker broker, IntakeServer intake) {
    this.broker = broker;
    this.intake = intake;
    this.key = intake.keys().add("integration test", Set.of(ApiKeys.ALL_PROTOCOLS), null);
  }

  static KafkaAndIntake start(Path brokerDir) throws Exception {
    return start(brokerDir, s -> s);
  }

  /**
   * A broker in {@code brokerDir} and an intake on a free loopback port, its state beside the broker's folder,
   * with the settings {@code adjust} makes of the defaults (limits high enough for a test's bursts).
   */
  static KafkaAndIntake start(Path brokerDir, UnaryOperator<IntakeSettings> adjust) throws Exception {
    LocalBroker broker = LocalBroker.start(brokerDir, LocalBroker.freePort(), LocalBroker.defaultLib(), true,
        Duration.ofSeconds(60));
    try {
      LocalBroker.createIngestionTopics(broker.bootstrapServers(), 2);
      return new KafkaAndIntake(broker, IntakeServer.start(broker.bootstrapServers(),
          adjust.apply(testSettings(brokerDir.resolveSibling(brokerDir.getFileName() + "-intake")))));
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

  /** Defaults on port 0 with limits a test's bursts stay under. */
  static IntakeSettings testSettings(Path stateDir) {
    return IntakeSettings.defaults(stateDir).withListen("127.0.0.1", 0)
        .withLimits(new IntakeSettings.Limits(10_000, 10_000, 10_000, 10_000, 100,
            IntakeSettings.DEFAULT_MAX_BODY_BYTES));
  }

  /**
   * The streaming job on the DirectRunner against this broker, writing below {@code output}: 5 s windows, 1 s of
   * out-of-orderness, files flushed every 2 s, the sample pseudonym key, its own consumer group.
   */
  org.apache.beam.sdk.PipelineResult startStreamingJob(Path output, String groupPrefix) {
    org.observatoire.beam.jobs.StreamingJob.Options options =
        org.apache.beam.sdk.options.PipelineOptionsFactory.fromArgs("--bootstrapServers=" + bootstrapServers(),
            "--output=" + output, "--windowSeconds=5", "--maxOutOfOrdernessSeconds=1", "--flushSeconds=2",
            "--groupId=" + groupPrefix + "-" + System.nanoTime(), "--samplePseudonymKey=true")
        .as(org.observatoire.beam.jobs.StreamingJob.Options.class);
    options.setRunner(org.apache.beam.runners.direct.DirectRunner.class);
    options.as(org.apache.beam.runners.direct.DirectOptions.class).setBlockOnRun(false);
    return org.observatoire.beam.jobs.StreamingJob.run(options);
  }

  /** A request to the intake at {@code path}, carrying the test's key. */
  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + intake.port() + path)).header("X-Api-Key", key);
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
