package org.observatoire.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.observatoire.core.validation.Violation;

/**
 * Rules every protocol shares: dates that exist, nothing submitted after the run's reference time, no visit
 * after its submission (one day of tolerance for time zones), ends after starts.
 */
public final class CommonRules implements ProtocolRules {
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

  @Override
  public List<Violation> check(JsonNode s) {
    List<Violation> out = new ArrayList<>();
    Instant referenceTime = clock.instant();
    Optional<OffsetDateTime> submittedAt = Fields.dateTime(s, "/submittedAt", out);
    submittedAt.ifPresent(t -> {
      if (t.toInstant().isAfter(referenceTime)) {
        out.add(Violation.of("SUBMITTED_IN_FUTURE", "/submittedAt",
            "submitted at " + t + ", after this run's reference time " + referenceTime));
      }
    });
    LocalDate latestVisitDate = submittedAt
        .map(t -> t.toLocalDate())
        .orElse(referenceTime.atOffset(ZoneOffset.UTC).toLocalDate())
        .plusDays(1);
    Fields.date(s, "/visit/date", out).ifPresent(d -> {
      if (d.isAfter(latestVisitDate)) {
        out.add(Violation.of("DATE_IN_FUTURE", "/visit/date",
            "the visit date " + d + " is after the submission date (" + latestVisitDate.minusDays(1) + ")"));
      }
    });
    Optional<LocalTime> start = Fields.time(s, "/visit/startTime", out);
    Optional<LocalTime> end = Fields.time(s, "/visit/endTime", out);
    if (start.isPresent() && end.isPresent() && !end.get().isAfter(start.get())) {
      out.add(Violation.of("END_BEFORE_START", "/visit/endTime",
          "the visit ends at " + end.get() + ", not after its start at " + start.get()));
    }
    return out;
  }
}
