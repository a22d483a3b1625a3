package org.observatoire.core.quality.counts;

import java.util.Objects;

/**
 * One past count used to learn expectations: a taxon key (e.g. {@code TaxonMatch.taxonKey()}, {@code taxref:3764}),
 * a région code (INSEE, e.g. {@code 84}), a month 1–12 and a positive count.
 */
public record CountRecord(String taxonKey, String region, int month, int count) {

  public CountRecord {
    Objects.requireNonNull(taxonKey, "taxonKey");
    Objects.requireNonNull(region, "region");
    if (month < 1 || month > 12) {
      throw new IllegalArgumentException("month must be 1-12, got " + month);
    }
    if (count < 1) {
      throw new IllegalArgumentException("a learned count must be >= 1, got " + count);
    }
  }

  public static CountRecord of(String taxonKey, String region, int month, int count) {
    return new CountRecord(taxonKey, region, month, count);
  }
}
