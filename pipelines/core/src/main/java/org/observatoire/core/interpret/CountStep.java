package org.observatoire.core.interpret;

import java.util.Objects;
import java.util.Set;
import org.observatoire.core.flags.Flag;
import org.observatoire.core.occurrence.Occurrence;
import org.observatoire.core.quality.counts.CountChecks;

/**
 * Counts step: the individual count checked against its protocol (integers where counted, positive) and against the
 * count expectations of its taxon, région and month. Immutable and thread-safe.
 */
public final class CountStep {
  private final CountChecks checks;

  private CountStep(CountChecks checks) {
    this.checks = Objects.requireNonNull(checks, "checks");
  }

  /** Checks counts with {@code checks} (and their expectations). */
  public static CountStep of(CountChecks checks) {
    return new CountStep(checks);
  }

  /**
   * Adds the row's count flags.
   *
   * @param taxonKey the matched taxon's key, null when unmatched
   * @param regionCode the région of the public point, null when unknown or outside France
   */
  public void interpret(Occurrence raw, String taxonKey, String regionCode, Set<String> flags) {
    for (Flag f : checks.check(raw.protocol(),
        raw.individualCount() == null ? null : raw.individualCount().doubleValue(), taxonKey, regionCode,
        raw.month())) {
      flags.add(f.code());
    }
  }
}
