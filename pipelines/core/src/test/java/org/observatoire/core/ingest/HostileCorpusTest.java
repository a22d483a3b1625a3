package org.observatoire.core.ingest;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.observatoire.core.samples.HostileCorpus;
import org.observatoire.core.validation.Violation;

/**
 * Every case of the hostile corpus through the core processor (what {@code observatoire validate} runs): no exception
 * escapes, every must-reject case is rejected with its codes, every must-curate case is accepted.
 */
class HostileCorpusTest {
  static final Instant REFERENCE = Instant.parse("2026-11-23T00:00:00Z");

  @Test
  void everyCaseGetsItsExpectedOutcome() {
    List<HostileCorpus.Case> cases = HostileCorpus.load();
    assertThat(cases.size(), greaterThanOrEqualTo(300));
    SubmissionProcessor processor =
        SubmissionProcessor.create(REFERENCE, SubmissionProcessor.FILE_MAX_LINE_BYTES);
    List<String> mismatches = new ArrayList<>();
    Map<String, int[]> byCategory = new TreeMap<>();
    for (HostileCorpus.Case c : cases) {
      Outcome o;
      try {
        o = processor.process(RawLine.of(SourceRef.of("hostile-cases.txt", 1), c.line()));
      } catch (RuntimeException | StackOverflowError e) {
        mismatches.add(c.name() + ": threw " + e);
        continue;
      }
      byCategory.computeIfAbsent(c.category(), k -> new int[2])[o instanceof Outcome.Accepted ? 0 : 1]++;
      if (c.expect() == HostileCorpus.Expect.CURATED) {
        if (o instanceof Outcome.Rejected r) {
          mismatches.add(c.name() + ": expected curated, rejected with " + codes(r));
        }
      } else if (o instanceof Outcome.Rejected r) {
        if (!codes(r).containsAll(c.codes())) {
          mismatches.add(c.name() + ": expected codes " + c.codes() + ", got " + codes(r));
        }
      } else {
        mismatches.add(c.name() + ": expected rejected " + c.codes() + ", accepted");
      }
    }
    System.out.println("hostile corpus, accepted/rejected per category: " + byCategory.entrySet().stream()
        .map(e -> e.getKey() + " " + e.getValue()[0] + "/" + e.getValue()[1]).toList());
    assertThat(String.join("\n", mismatches), mismatches, empty());
  }

  private static List<String> codes(Outcome.Rejected r) {
    return r.violations().stream().map(Violation::code).distinct().toList();
  }
}
