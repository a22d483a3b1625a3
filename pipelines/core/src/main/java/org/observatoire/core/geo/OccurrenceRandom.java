package org.observatoire.core.geo;

/**
 * Reproducible randomness for one occurrence, derived only from (run seed, occurrence id), so any
 * runner, any parallelism and any order of processing gives the same draws.
 *
 * <p>Algorithm (documented so that other tools can reproduce it): the id's UTF-16 code units are
 * hashed with 64-bit FNV-1a (offset basis 0xcbf29ce484222325, prime 0x100000001b3); the stream's
 * initial state is {@code mix64(runSeed) ^ hash}; draws follow SplitMix64 (state += 0x9e3779b97f4a7c15,
 * output mix64(state) with Stafford's variant 13 finaliser, the generator behind
 * {@link java.util.SplittableRandom}); a double in [0, 1) is the top 53 bits times 2^-53. Written
 * out here rather than delegated to the JDK, so the output cannot change with a Java release, and
 * without allocating.
 */
final class OccurrenceRandom {

  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
  private static final double DOUBLE_UNIT = 0x1.0p-53;

  private OccurrenceRandom() {}

  static long initialState(long runSeed, String occurrenceId) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0, n = occurrenceId.length(); i < n; i++) {
      h ^= occurrenceId.charAt(i);
      h *= 0x100000001b3L;
    }
    return mix64(runSeed) ^ h;
  }

  /** The k-th double (k = 1, 2, ...) in [0, 1) of the stream starting at {@code state}. */
  static double nthDouble(long state, int k) {
    return (mix64(state + k * GOLDEN_GAMMA) >>> 11) * DOUBLE_UNIT;
  }

  static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
