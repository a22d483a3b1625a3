package org.observatoire.core.ingest;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
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
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.observatoire.core.protocol.PackageRule;
import org.observatoire.core.protocol.ProtocolPackages;
import org.observatoire.core.samples.SampleData;
import org.observatoire.core.validation.VerdictMessages;

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
      } else if (!v.codes().isEmpty() && !a.occurrences().stream().allMatch(r -> r.flags().containsAll(v.codes()))) {
        mismatches.add(where + ": expected every row flagged " + v.codes());
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
  void everyRuleCodeIsExercisedByTheSamplesAndExplained() throws IOException {
    Set<String> seen = new TreeSet<>();
    for (Outcome o : OUTCOMES.values()) {
      if (o instanceof Outcome.Rejected r) {
        seen.addAll(r.codes());
      } else {
        ((Outcome.Accepted) o).occurrences().forEach(row -> seen.addAll(row.flags()));
      }
    }
    assertThat(seen, hasItems("INVALID_DATE", "DATE_IN_FUTURE", "END_BEFORE_START", "SUBMITTED_IN_FUTURE",
        "MALFORMED_JSON", "INVALID_UTF8", "EMPTY_LINE", "NOT_AN_OBJECT", "UNKNOWN_PROTOCOL",
        "UNKNOWN_PROTOCOL_VERSION"));
    // every rule of the six sample protocols' packages is met by a sample line, rejected or flagged
    for (String protocol : List.of("stoc-eps", "spipoll", "vigie-chiro", "propage", "sauvages-de-ma-rue",
        "oiseaux-des-jardins")) {
      for (PackageRule r : ProtocolPackages.bundled().require(protocol).rules()) {
        assertThat(protocol + " rule " + r.code(), seen, hasItem(r.code()));
        assertThat(r.code(), VerdictMessages.knows(r.code()), is(true));
      }
    }
    assertThat(OUTCOMES.get("bad-input/bad-input.jsonl:1"), instanceOf(Outcome.Rejected.class));
    List<String> documented = documentedCodes();
    Set<String> packaged = new TreeSet<>();
    ProtocolPackages.bundled().all().forEach(p -> p.rules().forEach(r -> packaged.add(r.code())));
    List<String> undocumented = seen.stream()
        .filter(c -> !c.startsWith("SCHEMA_") && !documented.contains(c) && !packaged.contains(c)).toList();
    assertThat("codes neither in protocols/SCHEMAS.md nor in a package's rules", undocumented, equalTo(List.of()));
  }

  /** The codes in the table of protocols/SCHEMAS.md (rows starting with a back-quoted code). */
  private static List<String> documentedCodes() throws IOException {
    return Files.readAllLines(SampleData.root().getParent().resolve("protocols/SCHEMAS.md")).stream()
        .filter(l -> l.matches("\\| `[A-Z0-9_]+` \\|.*"))
        .map(l -> l.substring(3, l.indexOf('`', 3)))
        .toList();
  }
}
