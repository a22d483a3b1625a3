package org.observatoire.generator;

/**
 * Deterministic positions derived from a site key, so that a site id always comes with the same coordinates (and a
 * STOC square with the same ten points) whatever the random stream is doing.
 */
final class SiteKeys {
  private SiteKeys() {}

  /** SplitMix64 finaliser: a well-mixed 64-bit hash of {@code x}. */
  static long mix(long x) {
    long z = x + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** A number in [-1, 1) from the key and a salt. */
  static double unit(long key, int salt) {
    return (mix(key * 31 + salt) >>> 11) * 0x1.0p-53 * 2 - 1;
  }

  static double north(double latitude, double metres) {
    return latitude + metres / GenContext.METRES_PER_DEGREE;
  }

  static double east(double latitude, double longitude, double metres) {
    return longitude + metres / (GenContext.METRES_PER_DEGREE * Math.cos(Math.toRadians(latitude)));
  }
}
