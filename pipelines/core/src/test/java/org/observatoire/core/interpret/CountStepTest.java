package org.observatoire.core.interpret;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.observatoire.core.occurrence.Occurrence;
import org.observatoire.core.quality.counts.CountChecks;

class CountStepTest {
  private static final CountStep STEP = CountStep.of(CountChecks.withoutExpectations());

  private static Set<String> flags(Occurrence raw) {
    Set<String> flags = new LinkedHashSet<>();
    STEP.interpret(raw, "stoc-eps:agapornis-roseicollis", "11", flags);
    return flags;
  }

  @Test
  void aPositiveCountOrNoCountIsClean() {
    assertThat(flags(StepRows.paris().individualCount(3).build()), is(empty()));
    assertThat(flags(StepRows.paris().individualCount(null).build()), is(empty()));
  }

  @Test
  void aCountOfZeroIsFlagged() {
    assertThat(flags(StepRows.paris().individualCount(0).build()), contains(CountChecks.COUNT_NOT_POSITIVE));
  }
}
