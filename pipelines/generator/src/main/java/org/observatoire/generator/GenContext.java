package org.observatoire.generator;

import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * Mutable state of one generator (random stream, counters, the defect being planted) and the calendar every writer
 * shares: seasons before the reference date, submission days. Not thread-safe, never shared.
 */
final class GenContext {
  static final double METRES_PER_DEGREE = 6_371_000.0 * Math.PI / 180.0;

  final SplittableRandom rnd;
  final ReferenceData ref = ReferenceData.INSTANCE;
  final long refDay;
  final long maxVisitDay;
  final long maxSubmitDay;
  final String seedTag;
  private final int refYear;
  private long counter;
  Defect defect;

  GenContext(long seed, LocalDate referenceDate) {
    this.rnd = new SplittableRandom(seed);
    this.refDay = referenceDate.toEpochDay();
    this.maxVisitDay = refDay - 2;
    this.maxSubmitDay = refDay - 1;
    this.refYear = referenceDate.getYear();
    String hex = Long.toHexString(SiteKeys.mix(seed));
    this.seedTag = hex.substring(0, Math.min(8, hex.length()));
  }

  boolean has(Defect d) {
    return defect == d;
  }

  int between(int lo, int hiInclusive) {
    return lo + rnd.nextInt(hiInclusive - lo + 1);
  }

  /** The next line's number within this generator (1, 2, ...). */
  long nextNumber() {
    return ++counter;
  }

  /** A day between month1/day1 and month2/day2 (inclusive) of a recent season, never after {@link #maxVisitDay}. */
  long dayInWindow(SplittableRandom r, int month1, int day1, int month2, int day2) {
    int year = refYear - r.nextInt(3);
    while (true) {
      long from = LocalDate.of(year, month1, day1).toEpochDay();
      long to = LocalDate.of(year, month2, day2).toEpochDay();
      long day = from + r.nextLong(to - from + 1);
      if (day <= maxVisitDay) {
        return day;
      }
      year--;
    }
  }

  /** A submission day between the visit day + {@code minDelay} and a week later, never after {@link #maxSubmitDay}. */
  long submitDay(long visitDay, int minDelay) {
    long day = visitDay + minDelay + rnd.nextInt(8);
    return Math.min(day, maxSubmitDay);
  }

  /** France's offset from UTC in hours on that day (summer time April to October, as the writers approximate it). */
  static int offsetHours(long epochDay) {
    int month = LocalDate.ofEpochDay(epochDay).getMonthValue();
    return month >= 4 && month <= 10 ? 2 : 1;
  }
}
