package org.observatoire.core.quality.counts;

/**
 * How expectations are learned: nearest-rank {@code quantile}, robust multiplier {@code k}, a floor for the
 * threshold, and the minimum number of past counts at each level before that level is trusted (otherwise the
 * lookup falls back to (taxon, month), then to (taxon), then to no expectation at all).
 */
public record ExpectationParameters(
    double quantile, double k, int minimumThreshold, int minSamplesRegionMonth, int minSamplesMonth,
    int minSamplesTaxon) {

  public ExpectationParameters {
    if (!(quantile > 0.5 && quantile <= 1.0)) {
      throw new IllegalArgumentException("quantile must be in (0.5, 1], got " + quantile);
    }
    if (!(k >= 0)) {
      throw new IllegalArgumentException("k must be >= 0, got " + k);
    }
    if (minimumThreshold < 1 || minSamplesRegionMonth < 1 || minSamplesMonth < 1 || minSamplesTaxon < 1) {
      throw new IllegalArgumentException("minimum threshold and sample sizes must be >= 1");
    }
  }

  /** 99th percentile, k = 5, floor 5 individuals, at least 30 / 30 / 50 past counts. */
  public static ExpectationParameters defaults() {
    return new ExpectationParameters(0.99, 5.0, 5, 30, 30, 50);
  }
}
