package org.observatoire.core.interpret;

import java.time.LocalDate;
import java.util.Objects;
import org.observatoire.core.privacy.PseudonymKey;
import org.observatoire.core.quality.counts.CountExpectations;

/**
 * What interpretation depends on besides the data: the run's reference date (BDQ's latest valid date), the observer
 * pseudonym key and the count expectations (empty: only the integer and positivity checks run).
 */
public record InterpretationSettings(LocalDate referenceDate, PseudonymKey pseudonymKey,
    CountExpectations countExpectations) {
  public InterpretationSettings {
    Objects.requireNonNull(referenceDate, "referenceDate");
    Objects.requireNonNull(pseudonymKey, "pseudonymKey");
    Objects.requireNonNull(countExpectations, "countExpectations");
  }

  public static InterpretationSettings of(LocalDate referenceDate, PseudonymKey key) {
    return new InterpretationSettings(referenceDate, key, CountExpectations.empty());
  }

  public InterpretationSettings withCountExpectations(CountExpectations expectations) {
    return new InterpretationSettings(referenceDate, pseudonymKey, expectations);
  }
}
