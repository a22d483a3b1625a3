package org.observatoire.beam.transforms;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.observatoire.beam.avro.AvroRecords;
import org.observatoire.beam.avro.OccurrencePicker;
import org.observatoire.core.ingest.Outcome;
import org.observatoire.core.ingest.RawLine;
import org.observatoire.core.ingest.SourceRef;
import org.observatoire.core.ingest.SubmissionProcessor;
import org.observatoire.core.occurrence.Occurrence;
import org.observatoire.core.validation.Verdict;
import org.observatoire.generator.SubmissionGenerator;

/**
 * The accepted verdict, read from the occurrence block's flags alone, says what the core's own occurrences say: the
 * row count, and per distinct flag code (in first-seen order) on how many rows it was raised.
 */
class CurateSubmissionStreamTest {
  private static final ProcessingConfig CONFIG =
      ProcessingConfig.live(SubmissionProcessor.DEFAULT_MAX_LINE_BYTES, null, true, null);

  @Test
  void theVerdictCountsTheRowsAndFlagsOfTheCoresOccurrences() {
    OccurrencePicker flags = CurateSubmissionStream.flagsPicker();
    SubmissionGenerator gen = SubmissionGenerator.create(11, 0.0, LocalDate.of(2025, 6, 1));
    int accepted = 0;
    int flagged = 0;
    for (int i = 0; i < 60; i++) {
      Outcome o = CONFIG.processor().process(RawLine.of(SourceRef.of("test", i + 1),
          gen.next().getBytes(StandardCharsets.UTF_8)));
      if (!(o instanceof Outcome.Accepted a)) {
        continue;
      }
      accepted++;
      Map<String, Integer> counts = new LinkedHashMap<>();
      for (Occurrence row : a.occurrences()) {
        row.flags().forEach(code -> counts.merge(code, 1, Integer::sum));
      }
      List<Verdict.Reason> expected = new ArrayList<>();
      counts.forEach((code, n) -> expected.add(Verdict.Reason.of(code, "", "raised on " + n + " of "
          + a.occurrences().size() + " occurrence(s)")));
      Verdict v = CurateSubmissionStream.acceptedVerdict("s" + i, AvroRecords.accepted(a), flags);
      assertThat(v.toJson(), equalTo(Verdict.accepted("s" + i, a.protocol(), a.occurrences().size(), expected)
          .toJson()));
      flagged += expected.isEmpty() ? 0 : 1;
    }
    assertThat("the generator's submissions are accepted", accepted, greaterThan(30));
    assertThat("some carry flags, so the comparison is not vacuous", flagged, greaterThan(0));
  }
}
