package org.observatoire.core.interpret;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.sameInstance;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.observatoire.core.occurrence.Occurrence;
import org.observatoire.core.quality.bdq.BdqParameters;
import org.observatoire.core.quality.bdq.BdqRegistry;
import org.observatoire.core.quality.coordinates.MetropolitanFrance;

class QualityStepTest {
  private static final QualityStep STEP = QualityStep.rowValidations(BdqRegistry.standard(
      BdqParameters.defaults(LocalDate.of(2026, 6, 1)), Map.of("FR", MetropolitanFrance.load())));

  private static Set<String> flags(QualityStep step, Occurrence raw) {
    Set<String> flags = new LinkedHashSet<>();
    step.interpret(raw, flags);
    return flags;
  }

  @Test
  void aStandardRowPassesEveryValidation() {
    assertThat(flags(STEP, StepRows.paris().build()), is(empty()));
  }

  @Test
  void eachFailedValidationIsAFlagNamedAfterItsTest() {
    assertThat(flags(STEP, StepRows.paris().countryCode("XX").build()),
        contains("VALIDATION_COUNTRYCODE_STANDARD"));
    assertThat(flags(STEP, StepRows.paris().basisOfRecord("Sighting").occurrenceStatus("here").build()),
        contains("VALIDATION_BASISOFRECORD_STANDARD", "VALIDATION_OCCURRENCESTATUS_STANDARD"));
    assertThat(flags(STEP, StepRows.paris().eventDate("2027-01-01").year(2027).month(1).build()),
        contains("VALIDATION_EVENTDATE_INRANGE"));
  }

  @Test
  void theValidationsAreGiven() {
    assertThat(flags(QualityStep.of(List.of()), StepRows.paris().countryCode("XX").build()), is(empty()));
  }

  @Test
  void rowsSharingTheFourTermsShareTheirAnswer() {
    QualityStep step = QualityStep.rowValidations(BdqRegistry.standard(
        BdqParameters.defaults(LocalDate.of(2026, 6, 1)), Map.of("FR", MetropolitanFrance.load())));
    List<String> first = step.failed(StepRows.paris().countryCode("XX").build());
    assertThat(step.failed(StepRows.paris().countryCode("XX").occurrenceID("occ-2").build()), sameInstance(first));
  }
}
