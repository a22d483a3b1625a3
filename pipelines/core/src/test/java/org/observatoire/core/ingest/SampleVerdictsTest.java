package org.observatoire.core.ingest;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.observatoire.core.samples.SampleData;

/**
 * Every line of every sample file gets the verdict written by hand in sample-data/expected/verdicts.tsv: accepted
 * (curated or duplicate — duplicates are decided across lines, by the pipeline) with the expected number of rows,
 * or rejected with at least the expected codes. This covers each protocol rule and each bad-input case.
 */
class SampleVerdictsTest {
  static final Instant REFERENCE = Instant.parse("2026-11-23T00:00:00Z");
  private static final Map<String, Outcome> OUTCOMES = new LinkedHashMap<>();

  @BeforeAll
  static void processAllSamples() throws IOException {
    SubmissionProcessor processor = SubmissionProcessor.create(REFERENCE, SubmissionProcessor.DEFAULT_MAX_LINE_BYTES);
    for (String file : SampleData.verdicts().stream().map(SampleData.Verdict::file).distinct().toList()) {
      try (InputStream in = Files.newInputStream(SampleData.root().resolve(file))) {
        LineReader.of(SubmissionProcessor.DEFAULT_MAX_LINE_BYTES)
            .read(in, -1, file, 1, line -> OUTCOMES.put(line.source().toString(), processor.process(line)));
      }
    }
  }

  @Test
  void everyLineIsListedOnceAndEveryListedLineExists() {
    List<String> expected = SampleData.verdicts().stream().map(v -> v.file() + ":" + v.line()).toList();
    assertThat(new TreeSet<>(OUTCOMES.keySet()), equalTo(new TreeSet<>(expected)));
  }

  @Test
  void verdictsMatchTheHandWrittenExpectations() {
    List<String> mismatches = new ArrayList<>();
    for (SampleData.Verdict v : SampleData.verdicts()) {
      Outcome o = OUTCOMES.get(v.file() + ":" + v.line());
      String where = v.file() + ":" + v.line() + " (" + v.submissionId() + ")";
      if (v.verdict().equals("rejected")) {
        if (!(o instanceof Outcome.Rejected r)) {
          mismatches.add(where + ": expected rejected " + v.codes() + ", was accepted");
        } else if (!r.codes().containsAll(v.codes())) {
          mismatches.add(where + ": expected codes " + v.codes() + ", got " + r.codes());
        }
      } else if (!(o instanceof Outcome.Accepted a)) {
        mismatches.add(where + ": expected " + v.verdict() + ", was rejected with " + ((Outcome.Rejected) o).violations());
      } else if (v.verdict().equals("curated") && a.occurrences().size() != v.occurrences()) {
        mismatches.add(where + ": expected " + v.occurrences() + " rows, got " + a.occurrences().size());
      }
    }
    assertThat(String.join("\n", mismatches), mismatches.isEmpty(), is(true));
  }

  @Test
  void acceptedSubmissionsKeepTheirIdAndRejectedOnesKeepWhatCouldBeRead() {
    for (SampleData.Verdict v : SampleData.verdicts()) {
      Outcome o = OUTCOMES.get(v.file() + ":" + v.line());
      if (o instanceof Outcome.Accepted a) {
        assertThat(a.submissionId(), equalTo(v.submissionId()));
      } else if (!v.submissionId().isEmpty()) {
        assertThat(v.file() + ":" + v.line(), ((Outcome.Rejected) o).submissionId(), equalTo(v.submissionId()));
      }
    }
  }

  @Test
  void occurrenceIdsAreUniqueAcrossSubmissions() {
    // one version per submission id: a correction re-uses the ids of the observations it did not change
    Map<String, Long> ids = OUTCOMES.values().stream()
        .filter(o -> o instanceof Outcome.Accepted)
        .map(o -> (Outcome.Accepted) o)
        .collect(Collectors.toMap(Outcome.Accepted::submissionId, a -> a, (x, y) -> x))
        .values().stream()
        .flatMap(a -> a.occurrences().stream())
        .collect(Collectors.groupingBy(occ -> occ.occurrenceID(), Collectors.counting()));
    assertThat(ids.values(), everyItem(equalTo(1L)));
  }

  @Test
  void everyProtocolRuleCodeIsExercisedByTheSamplesAndDocumented() throws IOException {
    List<String> seen = OUTCOMES.values().stream().filter(o -> o instanceof Outcome.Rejected)
        .flatMap(o -> ((Outcome.Rejected) o).codes().stream()).distinct().toList();
    assertThat(seen, hasItems("STOC_VISIT_WINDOW", "STOC_VISIT_SPACING", "STOC_POINT_DUPLICATE",
        "STOC_POINT_UNKNOWN", "STOC_COUNT_DURATION", "STOC_POINTS_TOO_CLOSE", "STOC_POINTS_NOT_SAME_MORNING",
        "SPIPOLL_DURATION", "CHIRO_RECORDING_OUTSIDE_SESSION", "CHIRO_TOO_MANY_POINTS", "PROPAGE_MONTH",
        "PROPAGE_DURATION", "SAUVAGES_SEGMENT_LENGTH", "JARDINS_DURATION", "JARDINS_TAXON_REPEATED",
        "INVALID_DATE", "DATE_IN_FUTURE", "END_BEFORE_START", "SUBMITTED_IN_FUTURE", "MALFORMED_JSON",
        "INVALID_UTF8", "EMPTY_LINE", "NOT_AN_OBJECT", "UNKNOWN_PROTOCOL", "UNKNOWN_PROTOCOL_VERSION"));
    assertThat(OUTCOMES.get("bad-input/bad-input.jsonl:1"), instanceOf(Outcome.Rejected.class));
    List<String> documented = documentedCodes();
    List<String> undocumented = seen.stream()
        .filter(c -> !c.startsWith("SCHEMA_") && !documented.contains(c)).toList();
    assertThat("codes missing from schemas/protocols/README.md", undocumented, equalTo(List.of()));
  }

  /** The codes in the table of schemas/protocols/README.md (rows starting with a back-quoted code). */
  private static List<String> documentedCodes() throws IOException {
    return Files.readAllLines(SampleData.root().getParent().resolve("schemas/protocols/README.md")).stream()
        .filter(l -> l.matches("\\| `[A-Z0-9_]+` \\|.*"))
        .map(l -> l.substring(3, l.indexOf('`', 3)))
        .toList();
  }
}
