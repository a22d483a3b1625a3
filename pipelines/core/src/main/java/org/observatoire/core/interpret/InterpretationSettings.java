package org.observatoire.core.interpret;

import java.time.LocalDate;
import java.util.Objects;
import org.observatoire.core.privacy.PseudonymKey;
import org.observatoire.core.quality.counts.CountExpectations;

/**
 * What interpretation depends on besides the data: the run's reference date (BDQ's latest valid date), the observer
 * pseudonym key, the count expectations (empty: only the integer and positivity checks run) and the release scope of
 * the opaque ids of generalised events (the run id; by default the reference date) and the BDQ tests run on rows.
 */
public record InterpretationSettings(LocalDate referenceDate, PseudonymKey pseudonymKey,
    CountExpectations countExpectations, String releaseScope, BdqOptions bdq) {
  public InterpretationSettings {
    Objects.requireNonNull(referenceDate, "referenceDate");
    Objects.requireNonNull(pseudonymKey, "pseudonymKey");
    Objects.requireNonNull(countExpectations, "countExpectations");
    releaseScope = releaseScope == null || releaseScope.isBlank() ? "release:" + referenceDate : releaseScope;
    bdq = bdq == null ? BdqOptions.DEFAULT : bdq;
  }

  public static InterpretationSettings of(LocalDate referenceDate, PseudonymKey key) {
    return new InterpretationSettings(referenceDate, key, CountExpectations.empty(), null, BdqOptions.DEFAULT);
  }

  public InterpretationSettings withCountExpectations(CountExpectations expectations) {
    return new InterpretationSettings(referenceDate, pseudonymKey, expectations, releaseScope, bdq);
  }

  /** Opaque ids scoped to {@code scope} (a release's run id). */
  public InterpretationSettings withReleaseScope(String scope) {
    return new InterpretationSettings(referenceDate, pseudonymKey, countExpectations, scope, bdq);
  }

  /** The BDQ tests run on curated rows and their parameters ({@link BdqOptions#DEFAULT}: the row validations). */
  public InterpretationSettings withBdq(BdqOptions options) {
    return new InterpretationSettings(referenceDate, pseudonymKey, countExpectations, releaseScope, options);
  }
}
