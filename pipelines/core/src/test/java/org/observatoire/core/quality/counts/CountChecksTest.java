package org.observatoire.core.quality.counts;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.observatoire.core.flags.Flag;

class CountChecksTest {

  private static final String GREAT_TIT = "taxref:3764";
  private static final String STARLING = "taxref:4516";
  private static List<CountRecord> history;
  private static CountExpectations expectations;

  /** Fixed-seed synthetic history: great tits 1–~12 per point, starlings in flocks (heavier tail). */
  @BeforeAll
  static void learn() {
    Random random = new Random(20240601L);
    history = new ArrayList<>();
    for (String region : List.of("84", "11", "53", "76")) {
      for (int month = 3; month <= 6; month++) {
        for (int i = 0; i < 400; i++) {
          history.add(CountRecord.of(GREAT_TIT, region, month, 1 + poisson(random, 2.5)));
          history.add(CountRecord.of(STARLING, region, month, 1 + (int) Math.floor(-Math.log(1 - random.nextDouble()) * 8)));
        }
      }
    }
    for (int i = 0; i < 5; i++) { // Corse: too few counts for its own expectation
      history.add(CountRecord.of(GREAT_TIT, "94", 5, 2));
    }
    expectations = CountExpectations.learn(history, ExpectationParameters.defaults());
  }

  private static int poisson(Random r, double lambda) {
    double l = Math.exp(-lambda);
    double p = 1;
    int k = 0;
    do {
      k++;
      p *= r.nextDouble();
    } while (p > l);
    return k - 1;
  }

  @Test
  void outlierIsFlaggedWithItsThreshold() {
    CountChecks checks = CountChecks.of(expectations);
    List<Flag> flags = checks.check("stoc-eps", 150.0, GREAT_TIT, "84", 5);
    assertThat(flags, hasSize(1));
    assertThat(flags.get(0).code(), is(CountChecks.COUNT_UNUSUALLY_HIGH));
    int threshold = expectations.lookup(GREAT_TIT, "84", 5).orElseThrow().threshold();
    assertThat(flags.get(0).message(), containsString("expected maximum " + threshold));
    assertThat(flags.get(0).message(), containsString("région 84 in month 5"));
  }

  @Test
  void typicalCountsAreNotFlagged() {
    CountChecks checks = CountChecks.of(expectations);
    int flagged = 0;
    int total = 0;
    for (CountRecord r : history) {
      total++;
      if (!checks.check("stoc-eps", (double) r.count(), r.taxonKey(), r.region(), r.month()).isEmpty()) {
        flagged++;
      }
    }
    assertThat("share of the history itself flagged", flagged / (double) total, lessThan(0.01));
    for (int c = 1; c <= 8; c++) {
      assertThat(checks.check("oiseaux-des-jardins", (double) c, GREAT_TIT, "11", 4), empty());
    }
    assertThat(checks.check("stoc-eps", 25.0, STARLING, "53", 4), empty()); // flocks are normal for starlings
  }

  @Test
  void fallsBackToTaxonMonthThenTaxon() {
    assertThat(expectations.lookup(GREAT_TIT, "94", 5).orElseThrow().level(),
        is(Expectation.Level.TAXON_MONTH));
    assertThat(expectations.lookup(GREAT_TIT, "94", 9).orElseThrow().level(), is(Expectation.Level.TAXON));
    assertThat(expectations.lookup("taxref:999999", "84", 5).isPresent(), is(false));
    assertThat(CountChecks.of(expectations).check("stoc-eps", 1000.0, "taxref:999999", "84", 5), empty());
  }

  @Test
  void formOfTheCount() {
    CountChecks checks = CountChecks.withoutExpectations();
    assertThat(checks.check("stoc-eps", 0.0, GREAT_TIT, "84", 5).get(0).code(), is(CountChecks.COUNT_NOT_POSITIVE));
    assertThat(checks.check("stoc-eps", -3.0, null, null, 5).get(0).code(), is(CountChecks.COUNT_NOT_POSITIVE));
    assertThat(checks.check("propage", 2.5, null, null, 7).get(0).code(), is(CountChecks.COUNT_NOT_INTEGER));
    assertThat(checks.check("vigie-chiro", 2.5, null, null, 7), empty()); // not a count of individuals
    assertThat(checks.check("spipoll", Double.NaN, null, null, 7).get(0).code(), is(CountChecks.COUNT_NOT_FINITE));
    assertThat(checks.check("sauvages-de-ma-rue", null, null, null, 7), empty());
    assertThat(checks.check("stoc-eps", 3.0, GREAT_TIT, "84", 5), empty());
  }

  @Test
  void csvRoundTripIsExactAndDeterministic() {
    StringWriter w = new StringWriter();
    expectations.writeCsv(w);
    String csv = w.toString();
    CountExpectations back = CountExpectations.readCsv(new StringReader(csv));
    assertThat(back, equalTo(expectations));
    StringWriter again = new StringWriter();
    back.writeCsv(again);
    assertThat(again.toString(), is(csv));
    StringWriter relearned = new StringWriter();
    CountExpectations.learn(history, ExpectationParameters.defaults()).writeCsv(relearned);
    assertThat(relearned.toString(), is(csv));
    assertThat(csv.lines().count(), is(2L + expectations.size()));
    assertThrows(IllegalArgumentException.class, () -> CountExpectations.readCsv(new StringReader("a,b\n1,2\n")));
  }

  @Test
  void expectationOfOneKeyIsLearnedFromItsCounts() {
    int[] counts = new int[100];
    for (int i = 0; i < 100; i++) {
      counts[i] = 1 + i % 10; // 1..10 evenly
    }
    Expectation e = Expectation.learn(Expectation.Level.TAXON, GREAT_TIT, "*", 0, counts,
        ExpectationParameters.defaults());
    assertThat(e.median(), is(5.5));
    assertThat(e.quantile(), is(10.0));
    assertThat(e.mad(), is(2.5));
    assertThat(e.threshold(), is((int) Math.ceil(5.5 + 5 * 1.4826 * 2.5)));
  }
}
