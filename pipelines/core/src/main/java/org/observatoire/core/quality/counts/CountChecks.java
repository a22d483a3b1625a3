package org.observatoire.core.quality.counts;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.observatoire.core.flags.Flag;
import org.observatoire.core.protocol.ProtocolPackages;

/**
 * Count quality flags (never drops): a count that is not a finite number, not positive, not an integer where the
 * protocol counts individuals, or above the learned {@link CountExpectations} for its taxon, région and month.
 */
public final class CountChecks {

  public static final String COUNT_NOT_FINITE = "COUNT_NOT_FINITE";
  public static final String COUNT_NOT_POSITIVE = "COUNT_NOT_POSITIVE";
  public static final String COUNT_NOT_INTEGER = "COUNT_NOT_INTEGER";
  public static final String COUNT_UNUSUALLY_HIGH = "COUNT_UNUSUALLY_HIGH";

  private final CountExpectations expectations;

  private CountChecks(CountExpectations expectations) {
    this.expectations = Objects.requireNonNull(expectations, "expectations");
  }

  public static CountChecks of(CountExpectations expectations) {
    return new CountChecks(expectations);
  }

  /** Checks without any learned expectation (only the form of the count). */
  public static CountChecks withoutExpectations() {
    return new CountChecks(CountExpectations.empty());
  }

  /** Whether the protocol's package maps a count of individuals (its occurrences' {@code individualCount}). */
  public static boolean requiresIntegerCounts(String protocol) {
    return ProtocolPackages.bundled().get(protocol)
        .map(p -> p.mapping().occurrences().individualCount() != null).orElse(false);
  }

  /**
   * @param count the submitted count, null when the protocol records presence only (no flag then)
   * @param taxonKey the matched taxon's key ({@code TaxonMatch.taxonKey()}), null when unmatched (no expectation)
   * @param region INSEE région code of the occurrence, null when unknown (falls back to (taxon, month))
   * @param month 1–12
   */
  public List<Flag> check(String protocol, Double count, String taxonKey, String region, int month) {
    if (count == null) {
      return List.of();
    }
    double c = count;
    List<Flag> flags = new ArrayList<>(1);
    if (Double.isNaN(c) || Double.isInfinite(c)) {
      flags.add(Flag.of(COUNT_NOT_FINITE, "count " + count + " is not a finite number"));
      return flags;
    }
    if (c <= 0) {
      flags.add(Flag.of(COUNT_NOT_POSITIVE, "count " + format(c) + " is not positive"));
    }
    if (requiresIntegerCounts(protocol) && c != Math.rint(c)) {
      flags.add(Flag.of(COUNT_NOT_INTEGER, "count " + format(c) + " is not a whole number of individuals ("
          + protocol + " counts individuals)"));
    }
    if (taxonKey != null && c > 0) {
      Optional<Expectation> e = expectations.lookup(taxonKey, region, month);
      if (e.isPresent() && c > e.get().threshold()) {
        Expectation x = e.get();
        flags.add(Flag.of(COUNT_UNUSUALLY_HIGH, "count " + format(c) + " is above the expected maximum "
            + x.threshold() + " for " + x.describe() + " (learned from " + x.sampleSize() + " past counts, median "
            + format(x.median()) + ")"));
      }
    }
    return flags;
  }

  private static String format(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }
}
