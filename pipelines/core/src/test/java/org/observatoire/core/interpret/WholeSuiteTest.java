package org.observatoire.core.interpret;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.observatoire.core.quality.bdq.BdqParameters;
import org.observatoire.core.quality.bdq.BdqRegistry;
import org.observatoire.core.quality.bdq.BdqTest;
import org.observatoire.core.quality.bdq.ResponseTally;
import org.observatoire.core.quality.coordinates.MetropolitanFrance;

/**
 * The whole suite over a long run of rows with distinct dates, as one Flink partition is one bundle: the counts
 * waiting to be handed over stay bounded (they are folded by test and response) and none is lost.
 */
class WholeSuiteTest {
  @Test
  void aLongBundleKeepsItsPendingCountsBoundedAndLosesNone() {
    BdqRegistry registry = BdqRegistry.standard(BdqParameters.defaults(LocalDate.of(2026, 11, 23)),
        Map.of("FR", MetropolitanFrance.load()));
    WholeSuite suite = WholeSuite.of(registry, Map.of(), Set.of());
    int eventDate = WholeSuite.TERMS.indexOf("dwc:eventDate");
    int rows = WholeSuite.MEMO_LIMIT + 4_000;
    int mostPending = 0;
    for (int i = 0; i < rows; i++) {
      String[] terms = new String[WholeSuite.TERMS.size()];
      terms[eventDate] = LocalDate.of(1960, 1, 1).plusDays(i).toString();
      suite.interpret(terms, new HashSet<>());
      mostPending = Math.max(mostPending, suite.pendingAnswers());
    }
    assertThat(mostPending, lessThanOrEqualTo(WholeSuite.MEMO_LIMIT + 1));
    Map<String, Map<String, Long>> byTest = ResponseTally.byTest(suite.drain());
    assertThat(byTest, aMapWithSize(registry.all().size()));
    for (BdqTest t : registry.all()) {
      long answered = byTest.get(t.label()).values().stream().mapToLong(Long::longValue).sum();
      assertThat(t.label() + " answered once per row", answered, is((long) rows));
    }
    assertThat(byTest.get("VALIDATION_EVENTDATE_INRANGE").get("RUN_HAS_RESULT COMPLIANT"), is((long) rows));
  }
}
