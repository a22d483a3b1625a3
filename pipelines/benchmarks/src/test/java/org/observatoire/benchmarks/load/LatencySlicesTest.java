package org.observatoire.benchmarks.load;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Requests are sliced by when they were due; unanswered ones count as due but not in the percentiles. */
class LatencySlicesTest {
  private static final long S = 1_000_000_000L;

  @Test
  void slicesByDueTimeWithNearestRankPercentiles() {
    long t0 = 5 * S;
    // slice 0: latencies 10, 20, 30, 40 ms and one never answered; slice 1: one of 7 ms
    long[] due = {t0, t0 + S, t0 + 2 * S, t0 + 3 * S, t0 + 4 * S, t0 + 5 * S};
    long[] lat = {40, 10, 30, 20, -1, 7};
    long[] answered = new long[due.length];
    for (int i = 0; i < due.length; i++) {
      answered[i] = lat[i] < 0 ? 0 : due[i] + lat[i] * 1_000_000;
    }
    List<LatencySlices.Slice> slices = LatencySlices.of(t0, due, answered, 5 * S);
    assertThat(slices.stream().map(LatencySlices.Slice::requests).toList(), contains(5, 1));
    assertThat(slices.stream().map(LatencySlices.Slice::answered).toList(), contains(4, 1));
    LatencySlices.Slice first = slices.get(0);
    assertThat(first.fromNanos(), equalTo(0L));
    assertThat(first.p50(), equalTo(20_000_000L));
    assertThat(first.p99(), equalTo(40_000_000L));
    assertThat(first.max(), equalTo(40_000_000L));
    assertThat(slices.get(1).fromNanos(), equalTo(5 * S));
    assertThat(slices.get(1).p99(), equalTo(7_000_000L));
  }

  @Test
  void percentileOfNothingIsZero() {
    assertThat(LatencySlices.percentile(new long[0], 0.99), equalTo(0L));
  }
}
