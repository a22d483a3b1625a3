package org.observatoire.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.observatoire.core.validation.Violation;

/**
 * Rules every protocol shares, on the envelope and on the event fields the package's manifest names: dates that
 * exist, nothing submitted after the run's reference time, no visit after its submission (one day of tolerance for
 * time zones), no visit or submission before {@link #EARLIEST_DATE} ({@code DATE_TOO_EARLY}: a year 0 or 1 is a
 * data error, not a record to publish). Everything else a protocol requires is in its package's {@code rules.json}.
 */
public final class CommonRules {
  /** The earliest date a visit or a submission may carry: the Gregorian calendar's first day (BDQ's default). */
  public static final LocalDate EARLIEST_DATE = LocalDate.of(1582, 10, 15);

  private final Clock clock;

  private CommonRules(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** @param referenceTime the run's "now", passed in so that a rerun judges the same way */
  public static CommonRules at(Instant referenceTime) {
    return new CommonRules(Clock.fixed(Objects.requireNonNull(referenceTime, "referenceTime"), ZoneOffset.UTC));
  }

  /** Judges "now" by {@code clock}: for streaming, where each submission is judged when it arrives. */
  public static CommonRules withClock(Clock clock) {
    return new CommonRules(clock);
  }

  /**
   * @param datePointer where the event's date is (the manifest's {@code event.date})
   * @param timePointer where its local start time is, or null
   */
  public List<Violation> check(JsonNode s, String datePointer, String timePointer) {
    List<Violation> out = new ArrayList<>();
    Instant referenceTime = clock.instant();
    Optional<OffsetDateTime> submittedAt = Fields.dateTime(s, "/submittedAt", out);
    submittedAt.ifPresent(t -> {
      tooEarly(t.toLocalDate(), "/submittedAt", out);
      if (t.toInstant().isAfter(referenceTime)) {
        out.add(Violation.of("SUBMITTED_IN_FUTURE", "/submittedAt",
            "submitted at " + t + ", after this run's reference time " + referenceTime));
      }
    });
    LocalDate latestVisitDate = submittedAt
        .map(t -> t.toLocalDate())
        .orElse(referenceTime.atOffset(ZoneOffset.UTC).toLocalDate())
        .plusDays(1);
    Fields.date(s, datePointer, out).ifPresent(d -> {
      tooEarly(d, datePointer, out);
      if (d.isAfter(latestVisitDate)) {
        out.add(Violation.of("DATE_IN_FUTURE", datePointer,
            "the visit date " + d + " is after the submission date (" + latestVisitDate.minusDays(1) + ")"));
      }
    });
    if (timePointer != null) {
      Fields.time(s, timePointer, out);
    }
    return out;
  }

  private static void tooEarly(LocalDate d, String pointer, List<Violation> out) {
    if (d.isBefore(EARLIEST_DATE)) {
      out.add(Violation.of("DATE_TOO_EARLY", pointer, "the date " + d + " is before " + EARLIEST_DATE
          + ", the first day of the Gregorian calendar"));
    }
  }
}
