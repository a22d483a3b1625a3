package org.observatoire.core.interpret;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasEntry;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.observatoire.core.ingest.Outcome;
import org.observatoire.core.ingest.RawLine;
import org.observatoire.core.ingest.SourceRef;
import org.observatoire.core.ingest.SubmissionProcessor;
import org.observatoire.core.occurrence.Occurrence;
import org.observatoire.core.privacy.PseudonymKey;
import org.observatoire.core.quality.bdq.BdqParameters;
import org.observatoire.core.quality.bdq.BdqRegistry;
import org.observatoire.core.quality.bdq.BdqTest;
import org.observatoire.core.quality.bdq.ResponseTally;
import org.observatoire.core.quality.coordinates.MetropolitanFrance;
import org.observatoire.core.samples.SampleData;

/** The BDQ tests on the curated rows of the sample submissions: the default validations, and the whole suite. */
class BdqOnCuratedRowsTest {
  private static final Instant REFERENCE = Instant.parse("2026-11-23T00:00:00Z");
  private static final BdqRegistry REGISTRY = BdqRegistry.standard(
      BdqParameters.defaults(LocalDate.of(2026, 11, 23)), Map.of("FR", MetropolitanFrance.load()));
  private static Run core;
  private static Run all;

  /** The curated rows of the sample submission files, in file and line order, and what the interpreter counted. */
  record Run(List<Occurrence> rows, Map<String, Long> tally) {}

  @BeforeAll
  static void runBoth() {
    core = run(BdqOptions.DEFAULT, sampleFiles());
    all = run(BdqOptions.parse("all", List.of()), sampleFiles());
  }

  static Run run(BdqOptions bdq, List<Path> files) {
    OccurrenceInterpreter interpreter = OccurrenceInterpreter.create(InterpretationSettings
        .of(LocalDate.of(2026, 11, 23), PseudonymKey.sampleKeyForSampleDataOnly()).withBdq(bdq));
    SubmissionProcessor processor =
        SubmissionProcessor.create(REFERENCE, SubmissionProcessor.FILE_MAX_LINE_BYTES, interpreter);
    List<Occurrence> rows = new ArrayList<>();
    for (Path file : files) {
      List<String> lines = SampleData.readLines(file);
      for (int i = 0; i < lines.size(); i++) {
        Outcome o = processor.process(RawLine.of(SourceRef.of(file.getFileName().toString(), i + 1),
            lines.get(i).getBytes(StandardCharsets.UTF_8)));
        if (o instanceof Outcome.Accepted a) {
          rows.addAll(a.occurrences());
        }
      }
    }
    return new Run(rows, interpreter.drainBdqTally());
  }

  private static List<Path> sampleFiles() {
    try (Stream<Path> s = Files.walk(SampleData.root().resolve("submissions"))) {
      return s.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The first line of the STOC-EPS sample: one visit in the Loiret, 2025-04-12. */
  private static Run firstStocVisit(BdqOptions bdq) throws IOException {
    Path one = Files.createTempFile("stoc-first", ".jsonl");
    try {
      String first = SampleData.readLines(SampleData.root().resolve("submissions/stoc-eps/valid.jsonl")).get(0);
      Files.writeString(one, first + "\n", StandardCharsets.UTF_8);
      return run(bdq, List.of(one));
    } finally {
      Files.delete(one);
    }
  }

  @Test
  void theWholeSuiteAnswersEveryRegisteredTestOnEveryCuratedRow() {
    Map<String, Map<String, Long>> byTest = ResponseTally.byTest(all.tally());
    assertThat(byTest, aMapWithSize(REGISTRY.all().size()));
    for (BdqTest t : REGISTRY.all()) {
      long rows = byTest.get(t.label()).values().stream().mapToLong(Long::longValue).sum();
      assertThat(t.label() + " answered once per row", rows, is((long) all.rows().size()));
    }
  }

  @Test
  void aCuratedRowCarriesTheResultsOfTheWholeSuite() throws IOException {
    Run visit = firstStocVisit(BdqOptions.parse("all", List.of()));
    long rows = visit.rows().size();
    // one response per test and row: dates, coordinates, an amendment, as the standard words them
    assertThat(visit.tally(), hasEntry("VALIDATION_EVENTDATE_INRANGE RUN_HAS_RESULT COMPLIANT", rows));
    assertThat(visit.tally(), hasEntry("VALIDATION_YEAR_INRANGE RUN_HAS_RESULT COMPLIANT", rows));
    assertThat(visit.tally(), hasEntry("VALIDATION_DECIMALLATITUDE_INRANGE RUN_HAS_RESULT COMPLIANT", rows));
    assertThat(visit.tally(), hasEntry("VALIDATION_COORDINATESCOUNTRYCODE_CONSISTENT RUN_HAS_RESULT COMPLIANT", rows));
    assertThat(visit.tally(), hasEntry("VALIDATION_LICENSE_NOTEMPTY RUN_HAS_RESULT NOT_COMPLIANT", rows));
    assertThat(visit.tally(), hasEntry("AMENDMENT_EVENT_FROM_EVENTDATE FILLED_IN", rows));
    assertThat(visit.tally(), hasEntry("AMENDMENT_EVENTDATE_STANDARDIZED NOT_AMENDED", rows));
    assertThat(visit.tally(), hasEntry("MEASURE_VALIDATIONTESTS_NOTCOMPLIANT RUN_HAS_RESULT", rows));
    // the flags: a NOT_COMPLIANT validation, an amendment proposing a change; never a COMPLIANT test's label
    for (Occurrence r : visit.rows()) {
      assertThat(r.flags(), hasItems("VALIDATION_LICENSE_NOTEMPTY", "AMENDMENT_EVENT_FROM_EVENTDATE"));
      assertThat(r.flags(), not(hasItem("VALIDATION_EVENTDATE_INRANGE")));
      assertThat(r.flags(), not(hasItem("AMENDMENT_EVENTDATE_STANDARDIZED")));
      assertThat(r.flags(), not(hasItem("MEASURE_VALIDATIONTESTS_NOTCOMPLIANT")));
    }
  }

  @Test
  void theRunsParametersReachTheTests() throws IOException {
    Run visit = firstStocVisit(BdqOptions.parse("all", List.of("latestValidDate=2020-12-31")));
    long rows = visit.rows().size();
    assertThat(visit.tally(), hasEntry("VALIDATION_EVENTDATE_INRANGE RUN_HAS_RESULT NOT_COMPLIANT", rows));
    assertThat(visit.tally(), hasEntry("VALIDATION_YEAR_INRANGE RUN_HAS_RESULT NOT_COMPLIANT", rows));
    assertThat(visit.rows().stream().map(Occurrence::flags).toList(),
        everyItem(hasItems("VALIDATION_EVENTDATE_INRANGE", "VALIDATION_YEAR_INRANGE")));
  }

  @Test
  void theDefaultRunsTheFourRowValidationsOnly() {
    Map<String, Map<String, Long>> byTest = ResponseTally.byTest(core.tally());
    assertThat(byTest.keySet(), is(Set.copyOf(QualityStep.ROW_VALIDATIONS)));
    for (String label : QualityStep.ROW_VALIDATIONS) {
      assertThat(byTest.get(label).values().stream().mapToLong(Long::longValue).sum(), is((long) core.rows().size()));
    }
  }

  @Test
  void theWholeSuiteOnlyAddsFlagsToTheDefaultRows() {
    Set<String> added = new HashSet<>();
    REGISTRY.all().forEach(t -> added.add(t.label()));
    added.removeAll(QualityStep.ROW_VALIDATIONS);
    added.removeAll(QualityStep.FLAGGED_BY_LOCATION);
    assertThat(all.rows().size(), is(core.rows().size()));
    for (int i = 0; i < core.rows().size(); i++) {
      Occurrence whole = all.rows().get(i);
      List<String> without = whole.flags().stream().filter(f -> !added.contains(f)).toList();
      assertThat(whole.toBuilder().flags(without).build(), is(core.rows().get(i)));
    }
  }

  @Test
  void theSuiteInPartsAnswersAsTheWholeSuiteOnAllTerms() {
    QualityStep step = QualityStep.of(REGISTRY, BdqOptions.parse("all", List.of()));
    org.observatoire.core.quality.bdq.BdqSuite whole = org.observatoire.core.quality.bdq.BdqSuite.all(REGISTRY);
    Map<String, Long> expected = new java.util.TreeMap<>();
    for (Occurrence row : all.rows()) {
      Map<String, String> terms = step.wholeTerms(row, null);
      Set<String> expectedFlags = new java.util.TreeSet<>();
      for (org.observatoire.core.quality.bdq.BdqSuite.Answer a
          : whole.run(org.observatoire.core.quality.bdq.Terms.of(terms))) {
        expected.merge(ResponseTally.key(a.test(), a.response()), 1L, Long::sum);
        if (QualityStep.flags(a.test(), a.response()) && !QualityStep.FLAGGED_BY_LOCATION.contains(a.test().label())) {
          expectedFlags.add(a.test().label());
        }
      }
      Set<String> flags = new java.util.TreeSet<>();
      step.interpret(row, null, flags);
      assertThat(row.occurrenceID(), flags, is(expectedFlags));
    }
    assertThat(step.drainTally(), is(expected));
  }
}
