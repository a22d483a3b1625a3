package org.observatoire.core.interpret;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.observatoire.core.occurrence.Occurrence;

class TemporalStepTest {
  private static final TemporalStep PARIS = TemporalStep.in(ZoneId.of("Europe/Paris"));

  private static Occurrence interpret(TemporalStep step, Occurrence raw) {
    Occurrence.Builder b = raw.toBuilder();
    step.interpret(raw, b);
    return b.build();
  }

  @Test
  void aDateAloneStartsAtLocalMidnightAndIsUncertainByADay() {
    Occurrence out = interpret(PARIS, StepRows.paris().build());
    assertThat(out.eventDateUtc(), equalTo("2025-06-30T22:00:00Z"));
    assertThat(out.verbatimEventDate(), equalTo("2025-07-01"));
    assertThat(out.temporalUncertaintyInSeconds(), equalTo(86_400L));
  }

  @Test
  void theLocalZoneIsGiven() {
    assertThat(interpret(TemporalStep.in(ZoneOffset.UTC), StepRows.paris().build()).eventDateUtc(),
        equalTo("2025-07-01T00:00:00Z"));
    assertThat(interpret(PARIS, StepRows.paris().eventDate("2025-01-15").month(1).day(15).build()).eventDateUtc(),
        equalTo("2025-01-14T23:00:00Z"));
  }

  @Test
  void aTimeCarriesItsOffsetAndTheSampleDuration() {
    Occurrence out = interpret(PARIS, StepRows.paris().eventTime("06:05:00+02:00").sampleSizeValue(5.0).build());
    assertThat(out.eventDateUtc(), equalTo("2025-07-01T04:05:00Z"));
    assertThat(out.verbatimEventDate(), equalTo("2025-07-01T06:05:00+02:00"));
    assertThat(out.temporalUncertaintyInSeconds(), equalTo(300L));
    Occurrence noDuration = interpret(PARIS, StepRows.paris().eventTime("06:05:00+02:00").build());
    assertThat(noDuration.temporalUncertaintyInSeconds(), equalTo(60L));
  }

  @Test
  void theLastAnswerIsReusedOnlyForTheSameDateAndTime() {
    TemporalStep step = TemporalStep.in(ZoneId.of("Europe/Paris"));
    assertThat(step.eventDateUtc("2025-07-01", null), equalTo("2025-06-30T22:00:00Z"));
    assertThat(step.eventDateUtc("2025-07-01", "10:00:00+00:00"), equalTo("2025-07-01T10:00:00Z"));
    assertThat(step.eventDateUtc("2025-07-02", "10:00:00+00:00"), equalTo("2025-07-02T10:00:00Z"));
    assertThat(step.eventDateUtc("2025-07-02", null), equalTo("2025-07-01T22:00:00Z"));
  }
}
