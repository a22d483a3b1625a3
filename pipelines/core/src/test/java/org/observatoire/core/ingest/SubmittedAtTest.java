package org.observatoire.core.ingest;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SubmittedAtTest {
  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void readsTheTopLevelFieldOnlySkippingNestedOnes() {
    assertThat(SubmittedAt.peek(utf8("{\"a\":{\"submittedAt\":\"2020-01-01T00:00:00Z\"},"
            + "\"submittedAt\":\"2025-04-17T13:00:47+02:00\"}")),
        equalTo(Optional.of(Instant.parse("2025-04-17T11:00:47Z"))));
  }

  @Test
  void emptyWhenMissingMalformedOrNotAnObject() {
    assertThat(SubmittedAt.peek(utf8("{\"protocol\":\"spipoll\"}")), equalTo(Optional.empty()));
    assertThat(SubmittedAt.peek(utf8("{\"submittedAt\":\"yesterday\"}")), equalTo(Optional.empty()));
    assertThat(SubmittedAt.peek(utf8("{\"submittedAt\":12}")), equalTo(Optional.empty()));
    assertThat(SubmittedAt.peek(utf8("[1,2]")), equalTo(Optional.empty()));
    assertThat(SubmittedAt.peek(utf8("{not json")), equalTo(Optional.empty()));
  }

  @Test
  void aClockedProcessorJudgesTheFutureByItsClockAtEachLine() throws Exception {
    Path root = Path.of(System.getProperty("observatoire.root", "../.."));
    byte[] line = Files.readAllLines(root.resolve("sample-data/submissions/stoc-eps/valid.jsonl")).get(0)
        .getBytes(StandardCharsets.UTF_8);
    Instant submitted = SubmittedAt.peek(line).orElseThrow();
    RawLine raw = RawLine.of(SourceRef.of("kafka:submissions/0", 1), line);
    SubmissionProcessor before = SubmissionProcessor.create(
        Clock.fixed(submitted.minusSeconds(60), ZoneOffset.UTC), SubmissionProcessor.DEFAULT_MAX_LINE_BYTES);
    SubmissionProcessor after = SubmissionProcessor.create(
        Clock.fixed(submitted.plusSeconds(60), ZoneOffset.UTC), SubmissionProcessor.DEFAULT_MAX_LINE_BYTES);
    assertThat(((Outcome.Rejected) before.process(raw)).codes().contains("SUBMITTED_IN_FUTURE"), equalTo(true));
    assertThat(after.process(raw) instanceof Outcome.Accepted, equalTo(true));
  }
}
