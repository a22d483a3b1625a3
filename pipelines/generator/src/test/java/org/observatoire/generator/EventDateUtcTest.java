package org.observatoire.generator;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.observatoire.core.ingest.Outcome;
import org.observatoire.core.ingest.RawLine;
import org.observatoire.core.ingest.SourceRef;
import org.observatoire.core.ingest.SubmissionProcessor;
import org.observatoire.core.interpret.InterpretationSettings;
import org.observatoire.core.interpret.OccurrenceInterpreter;
import org.observatoire.core.occurrence.Occurrence;
import org.observatoire.core.privacy.PseudonymKey;
import org.observatoire.core.samples.SampleData;

/**
 * Every interpreted row's {@code eventDateUtc} is its local date and time in UTC, worked out here with java.time
 * alone: a date without a time is the start of that day in France (summer and winter offsets), a time carries its
 * own offset. Generated submissions alternate with the sample ones of every protocol, so consecutive rows change
 * date and time all the time.
 */
class EventDateUtcTest {
  @Test
  void everyRowsUtcInstantIsItsLocalDateAndTime() throws Exception {
    OccurrenceInterpreter interpreter = OccurrenceInterpreter.create(
        InterpretationSettings.of(LocalDate.of(2026, 11, 1), PseudonymKey.sampleKeyForSampleDataOnly()));
    SubmissionProcessor processor = SubmissionProcessor.create(Instant.parse("2026-11-23T00:00:00Z"),
        SubmissionProcessor.DEFAULT_MAX_LINE_BYTES, interpreter);
    SubmissionGenerator gen = SubmissionGenerator.create(17, 0.0, LocalDate.of(2026, 11, 1));
    Set<String> dates = new HashSet<>();
    int withTime = 0;
    int withoutTime = 0;
    int changes = 0;
    String previous = null;
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.walk(SampleData.root().resolve("submissions"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
        lines.addAll(Files.readAllLines(f));
      }
    }
    for (int i = 0; i < 400; i++) {
      // a generated submission (dates with times), then a sample one (one of them a date without a time)
      String line = i % 2 == 0 || i / 2 >= lines.size() ? gen.next() : lines.get(i / 2);
      Outcome o = processor.process(RawLine.of(SourceRef.of("test", i + 1), line.getBytes(StandardCharsets.UTF_8)));
      if (!(o instanceof Outcome.Accepted a)) {
        continue;
      }
      for (Occurrence row : a.occurrences()) {
        String expected = row.eventTime() == null
            ? LocalDate.parse(row.eventDate()).atStartOfDay(ZoneId.of("Europe/Paris")).toInstant().toString()
            : OffsetDateTime.parse(row.eventDate() + "T" + row.eventTime()).toInstant().toString();
        assertThat(a.submissionId(), row.eventDateUtc(), equalTo(expected));
        String key = row.eventDate() + "T" + row.eventTime();
        changes += previous != null && !previous.equals(key) ? 1 : 0;
        previous = key;
        dates.add(row.eventDate());
        withTime += row.eventTime() == null ? 0 : 1;
        withoutTime += row.eventTime() == null ? 1 : 0;
      }
    }
    assertThat(dates.size(), greaterThan(100));
    assertThat(changes, greaterThan(300));
    assertThat(withTime, greaterThan(100));
    assertThat("the sample's date-only row, between rows with times", withoutTime, greaterThan(0));
  }
}
