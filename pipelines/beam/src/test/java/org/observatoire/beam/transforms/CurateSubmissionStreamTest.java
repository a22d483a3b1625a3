package org.observatoire.beam.transforms;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.observatoire.beam.avro.AvroRecords;
import org.observatoire.core.generate.SubmissionGenerator;
import org.observatoire.core.ingest.Outcome;
import org.observatoire.core.ingest.RawLine;
import org.observatoire.core.ingest.SourceRef;
import org.observatoire.core.ingest.SubmissionProcessor;
import org.observatoire.core.validation.Verdict;

/** The verdict's flags-only read of an accepted record says what a full decode of its rows says. */
class CurateSubmissionStreamTest {
  private static final ProcessingConfig CONFIG =
      ProcessingConfig.live(SubmissionProcessor.DEFAULT_MAX_LINE_BYTES, null, true, null);

  @Test
  void flagsOnlyReadGivesTheRowCountAndFlagsOfTheFullRows() {
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
      GenericRecord record = AvroRecords.accepted(a);
      List<GenericRecord> full = CurateSubmissionStream.rows(record);
      List<GenericRecord> light = CurateSubmissionStream.flagsOnly(record);
      assertThat(light.size(), equalTo(a.occurrences().size()));
      List<Verdict.Reason> expected = CurateSubmissionStream.flags(full);
      assertThat(CurateSubmissionStream.flags(light).toString(), equalTo(expected.toString()));
      flagged += expected.isEmpty() ? 0 : 1;
    }
    assertThat("the generator's submissions are accepted", accepted, greaterThan(30));
    assertThat("some carry flags, so the comparison is not vacuous", flagged, greaterThan(0));
  }
}
