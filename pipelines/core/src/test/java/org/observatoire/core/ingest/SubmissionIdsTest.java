package org.observatoire.core.ingest;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.observatoire.core.samples.SampleData;

class SubmissionIdsTest {
  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void readsTheTopLevelStringOnly() {
    assertThat(SubmissionIds.peek(utf8("{\"app\":{\"submissionId\":\"inner\"},\"submissionId\":\"s-1\",\"x\":[1]}")),
        equalTo(Optional.of("s-1")));
    assertThat(SubmissionIds.peek(utf8("{\"submissionId\":12}")), equalTo(Optional.empty()));
    assertThat(SubmissionIds.peek(utf8("{\"protocol\":\"spipoll\"}")), equalTo(Optional.empty()));
    assertThat(SubmissionIds.peek(utf8("[\"submissionId\"]")), equalTo(Optional.empty()));
    assertThat(SubmissionIds.peek(utf8("{not json")), equalTo(Optional.empty()));
    assertThat(SubmissionIds.peek(null), equalTo(Optional.empty()));
  }

  /** The id the processor keeps for every accepted sample line, edge files included, is the one peeked. */
  @Test
  void agreesWithTheProcessorOnEveryAcceptedSampleLine() throws IOException {
    SubmissionProcessor processor = SubmissionProcessor.create(Instant.parse("2026-11-23T00:00:00Z"),
        SubmissionProcessor.DEFAULT_MAX_LINE_BYTES);
    List<String> mismatches = new ArrayList<>();
    int[] accepted = {0};
    for (String file : SampleData.verdicts().stream().map(SampleData.Verdict::file).distinct().sorted().toList()) {
      try (InputStream in = Files.newInputStream(SampleData.root().resolve(file))) {
        LineReader.of(SubmissionProcessor.DEFAULT_MAX_LINE_BYTES).read(in, -1, file, 1, line -> {
          if (processor.process(line) instanceof Outcome.Accepted a) {
            accepted[0]++;
            Optional<String> peeked = SubmissionIds.peek(line.bytes());
            if (!peeked.equals(Optional.of(a.submissionId()))) {
              mismatches.add(line.source() + ": " + peeked + " vs " + a.submissionId());
            }
          }
        });
      }
    }
    assertThat(accepted[0], greaterThan(50));
    assertThat(mismatches, equalTo(List.of()));
  }

  @Test
  void keysAreStableAndSpreadOut() {
    assertThat(SubmissionIds.key("stoc-eps.2025.450123.v1"), equalTo(SubmissionIds.key("stoc-eps.2025.450123.v1")));
    assertThat(SubmissionIds.key("a"), not(equalTo(SubmissionIds.key("b"))));
    // SHA-256 of "a" starts ca978112ca1bbdca
    assertThat(SubmissionIds.key("a"), equalTo(0xca978112ca1bbdcaL));
  }

  @Test
  void repeatedIdsHoldEachKeyOnceAndFindExactlyThose() {
    Random random = new Random(7);
    Map<Long, Integer> seen = new HashMap<>();
    long[] keys = new long[5_000];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = random.nextInt(3) == 0 && i > 0 ? keys[random.nextInt(i)] : random.nextLong();
      seen.merge(keys[i], 1, Integer::sum);
    }
    RepeatedIds r = RepeatedIds.ofKeys(keys, keys.length);
    assertThat(r.size(), equalTo(seen.size()));
    for (long k : seen.keySet()) {
      assertThat(r.containsKey(k), is(true));
    }
    for (int i = 0; i < 1_000; i++) {
      long k = random.nextLong();
      assertThat(r.containsKey(k), is(seen.containsKey(k)));
    }
    long[] sorted = r.keys();
    for (int i = 1; i < sorted.length; i++) {
      assertThat(sorted[i - 1] < sorted[i], is(true));
    }
    assertThat(RepeatedIds.ofKeys(keys, 10).size(), equalTo(RepeatedIds.ofKeys(java.util.Arrays.copyOf(keys, 10), 10)
        .size()));
    assertThat(RepeatedIds.none().mayRepeat("x"), is(false));
    assertThat(RepeatedIds.ofKeys(new long[] {SubmissionIds.key("x")}, 1).mayRepeat("x"), is(true));
    assertThat(RepeatedIds.ofKeys(new long[] {SubmissionIds.key("x")}, 1).mayRepeat("y"), is(false));
  }
}
