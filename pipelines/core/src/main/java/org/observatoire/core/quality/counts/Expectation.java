package org.observatoire.core.quality.counts;

import java.util.Arrays;
import java.util.Objects;

/**
 * The learned upper expectation of counts for one key: at level {@code TAXON_REGION_MONTH}, {@code TAXON_MONTH}
 * (region {@code *}) or {@code TAXON} (region {@code *}, month 0).
 *
 * <p>{@code threshold = max(ceil(quantile), ceil(median + k × 1.4826 × MAD), minimumThreshold)}: a count must be
 * beyond both the empirical upper tail (nearest-rank quantile, default the 99th percentile) and a robust spread bound
 * (median + k scaled median absolute deviations, default k = 5) to be called unusually high; the second term keeps
 * small samples from flagging every count above the sample maximum.
 */
public record Expectation(
    Level level, String taxonKey, String region, int month, int sampleSize, double median, double mad,
    double quantile, int threshold) {

  public enum Level { TAXON_REGION_MONTH, TAXON_MONTH, TAXON }

  public static final String ANY_REGION = "*";

  public Expectation {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(taxonKey, "taxonKey");
    Objects.requireNonNull(region, "region");
    if (level != Level.TAXON_REGION_MONTH && !ANY_REGION.equals(region)) {
      throw new IllegalArgumentException(level + " expectation must have region '*', got " + region);
    }
    if (level == Level.TAXON ? month != 0 : (month < 1 || month > 12)) {
      throw new IllegalArgumentException(level + " expectation has an invalid month " + month);
    }
    if (sampleSize < 1 || threshold < 1) {
      throw new IllegalArgumentException("sampleSize and threshold must be >= 1");
    }
  }

  /** Learns one expectation from the counts of one key (the array is not modified). Usable per key in a pipeline. */
  public static Expectation learn(Level level, String taxonKey, String region, int month, int[] counts,
      ExpectationParameters p) {
    if (counts.length == 0) {
      throw new IllegalArgumentException("no counts for " + taxonKey + "/" + region + "/" + month);
    }
    int[] sorted = counts.clone();
    Arrays.sort(sorted);
    double median = median(sorted);
    double[] deviations = new double[sorted.length];
    for (int i = 0; i < sorted.length; i++) {
      deviations[i] = Math.abs(sorted[i] - median);
    }
    Arrays.sort(deviations);
    double mad = median(deviations);
    int rank = (int) Math.ceil(p.quantile() * sorted.length); // nearest rank, 1-based
    double q = sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    int threshold = (int) Math.max(Math.max(Math.ceil(q), Math.ceil(median + p.k() * 1.4826 * mad)),
        p.minimumThreshold());
    return new Expectation(level, taxonKey, region, month, sorted.length, median, mad, q, threshold);
  }

  private static double median(int[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
  }

  private static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
  }

  /** Human description of where the threshold comes from. */
  public String describe() {
    switch (level) {
      case TAXON_REGION_MONTH:
        return taxonKey + " in région " + region + " in month " + month;
      case TAXON_MONTH:
        return taxonKey + " in month " + month + " (all régions)";
      default:
        return taxonKey + " (all régions, all months)";
    }
  }
}
