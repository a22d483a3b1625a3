package org.observatoire.benchmarks.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Latency over time: requests grouped by when they were due to be sent, in slices of {@code sliceNanos}, with
 * each slice's count, answered count and percentiles. A tail from JIT warm-up shows in the first slices, one from
 * checkpoints at their period, one from a backlog as latencies growing slice after slice.
 */
public final class LatencySlices {
  /** One slice: requests due in {@code [fromNanos, fromNanos + slice)} after the start. */
  public record Slice(long fromNanos, int requests, int answered, long p50, long p99, long max) {}

  private LatencySlices() {}

  /**
   * @param t0 start of the load
   * @param due when each request was due to be sent
   * @param answered when each request's answer (its verdict) arrived; {@code 0} when it never did
   */
  public static List<Slice> of(long t0, long[] due, long[] answered, long sliceNanos) {
    if (due.length != answered.length) {
      throw new IllegalArgumentException("due and answered differ in length: " + due.length + " vs "
          + answered.length);
    }
    if (sliceNanos <= 0) {
      throw new IllegalArgumentException("slice length must be positive, was " + sliceNanos);
    }
    int slices = 0;
    for (long d : due) {
      slices = Math.max(slices, (int) ((d - t0) / sliceNanos) + 1);
    }
    long[][] latencies = new long[slices][];
    int[] requests = new int[slices];
    int[] known = new int[slices];
    for (long d : due) {
      requests[(int) ((d - t0) / sliceNanos)]++;
    }
    for (int s = 0; s < slices; s++) {
      latencies[s] = new long[requests[s]];
    }
    for (int i = 0; i < due.length; i++) {
      int s = (int) ((due[i] - t0) / sliceNanos);
      if (answered[i] != 0) {
        latencies[s][known[s]++] = answered[i] - due[i];
      }
    }
    List<Slice> out = new ArrayList<>(slices);
    for (int s = 0; s < slices; s++) {
      long[] l = Arrays.copyOf(latencies[s], known[s]);
      Arrays.sort(l);
      out.add(new Slice(s * sliceNanos, requests[s], l.length, percentile(l, 0.50), percentile(l, 0.99),
          l.length == 0 ? 0 : l[l.length - 1]));
    }
    return out;
  }

  /** The nearest-rank percentile of sorted values; 0 for none. */
  public static long percentile(long[] sorted, double p) {
    return sorted.length == 0 ? 0 : sorted[Math.max(0, Math.min(sorted.length - 1,
        (int) Math.ceil(p * sorted.length) - 1))];
  }
}
