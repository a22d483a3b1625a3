package org.observatoire.beam.transforms;

import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.observatoire.core.ingest.SubmissionProcessor;
import org.observatoire.core.interpret.BdqOptions;
import org.observatoire.core.interpret.InterpretationSettings;
import org.observatoire.core.interpret.OccurrenceInterpreter;
import org.observatoire.core.privacy.PseudonymKey;
import org.observatoire.core.quality.counts.CountExpectations;

/**
 * The plain values a worker needs to build its {@link SubmissionProcessor}. The pseudonym key itself never travels
 * in the pipeline: each worker reads it from its environment or key file (or uses the public sample key when the
 * run says so explicitly).
 *
 * @param referenceTimeMillis the run's fixed "now", or {@link #LIVE} to read the wall clock for every line (streaming)
 * @param pseudonymKeyFile a key file outside the repository, or null to use the environment variable only
 * @param sampleKey use the public sample key (sample data only)
 * @param countExpectationsFile a CSV written by {@code CountExpectations.writeCsv}, or null
 * @param releaseScope scope of the opaque ids of generalised events (a release's run id); null: the reference date
 *     (streaming: the literal {@code stream})
 * @param bdq the BDQ tests run on curated rows and their parameters; null: {@link BdqOptions#DEFAULT}
 */
public record ProcessingConfig(long referenceTimeMillis, int maxLineBytes, String pseudonymKeyFile, boolean sampleKey,
    String countExpectationsFile, String releaseScope, BdqOptions bdq) implements Serializable {

  /** Marks a live (streaming) configuration. */
  public static final long LIVE = Long.MIN_VALUE;
  private static final Map<ProcessingConfig, SubmissionProcessor> PROCESSORS = new ConcurrentHashMap<>();

  public ProcessingConfig {
    bdq = bdq == null ? BdqOptions.DEFAULT : bdq;
  }

  /** A streaming configuration: each submission is judged against the wall clock when it is processed. */
  public static ProcessingConfig live(int maxLineBytes, String pseudonymKeyFile, boolean sampleKey,
      String countExpectationsFile) {
    return new ProcessingConfig(LIVE, maxLineBytes, pseudonymKeyFile, sampleKey, countExpectationsFile, "stream",
        null);
  }

  public static ProcessingConfig of(Instant referenceTime, int maxLineBytes, String pseudonymKeyFile,
      boolean sampleKey, String countExpectationsFile) {
    return new ProcessingConfig(referenceTime.toEpochMilli(), maxLineBytes, pseudonymKeyFile, sampleKey,
        countExpectationsFile, null, null);
  }

  /** The same configuration with opaque ids scoped to {@code scope} (the release's run id). */
  public ProcessingConfig withReleaseScope(String scope) {
    return new ProcessingConfig(referenceTimeMillis, maxLineBytes, pseudonymKeyFile, sampleKey, countExpectationsFile,
        scope, bdq);
  }

  /** The same configuration running the BDQ tests {@code options} choose on curated rows. */
  public ProcessingConfig withBdq(BdqOptions options) {
    return new ProcessingConfig(referenceTimeMillis, maxLineBytes, pseudonymKeyFile, sampleKey, countExpectationsFile,
        releaseScope, options);
  }

  /** The key this configuration names; fails with a clear message when there is none. */
  public PseudonymKey pseudonymKey() {
    return sampleKey ? PseudonymKey.sampleKeyForSampleDataOnly()
        : PseudonymKey.fromEnvironmentOrFile(System.getenv(), pseudonymKeyFile == null ? null : Path.of(pseudonymKeyFile));
  }

  /** One processor per configuration and JVM: building one loads the checklist, boundaries and EPSG database. */
  public SubmissionProcessor processor() {
    return PROCESSORS.computeIfAbsent(this, ProcessingConfig::build);
  }

  private SubmissionProcessor build() {
    boolean live = referenceTimeMillis == LIVE;
    Instant reference = live ? java.time.Clock.systemUTC().instant() : Instant.ofEpochMilli(referenceTimeMillis);
    InterpretationSettings settings = InterpretationSettings.of(
        reference.atOffset(ZoneOffset.UTC).toLocalDate(), pseudonymKey()).withReleaseScope(releaseScope).withBdq(bdq);
    if (countExpectationsFile != null) {
      try (Reader r = Files.newBufferedReader(Path.of(countExpectationsFile), StandardCharsets.UTF_8)) {
        settings = settings.withCountExpectations(CountExpectations.readCsv(r));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the count expectations " + countExpectationsFile, e);
      }
    }
    OccurrenceInterpreter interpreter = OccurrenceInterpreter.create(settings);
    return live ? SubmissionProcessor.create(java.time.Clock.systemUTC(), maxLineBytes, interpreter)
        : SubmissionProcessor.create(reference, maxLineBytes, interpreter);
  }
}
