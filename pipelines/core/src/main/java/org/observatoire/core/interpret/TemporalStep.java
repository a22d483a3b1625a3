package org.observatoire.core.interpret;

import java.time.ZoneId;
import java.util.Objects;
import org.observatoire.core.occurrence.Occurrence;
import org.observatoire.core.time.IsoTimes;

/**
 * Temporal step: the row's date and time as a UTC instant ({@code eventDateUtc}), as verbatim text, and its
 * uncertainty (a day for a date alone; the sample's duration, else a minute, for a date and time). Thread-safe.
 */
public final class TemporalStep {
  private static final long DAY_SECONDS = 86_400;

  private final ZoneId localZone;

  /** The last date and time turned into UTC, with the result: immutable, so threads may share the field. */
  private record UtcDate(String date, String time, String utc) {}

  private volatile UtcDate lastUtcDate;

  private TemporalStep(ZoneId localZone) {
    this.localZone = Objects.requireNonNull(localZone, "localZone");
  }

  /** Dates without a time start at midnight in {@code localZone} (Europe/Paris for metropolitan France). */
  public static TemporalStep in(ZoneId localZone) {
    return new TemporalStep(localZone);
  }

  /** Writes {@code eventDateUtc}, {@code verbatimEventDate} and {@code temporalUncertaintyInSeconds}. */
  public void interpret(Occurrence raw, Occurrence.Builder b) {
    String time = raw.eventTime();
    if (time == null) {
      b.eventDateUtc(eventDateUtc(raw.eventDate(), null))
          .verbatimEventDate(raw.eventDate())
          .temporalUncertaintyInSeconds(DAY_SECONDS);
      return;
    }
    b.eventDateUtc(eventDateUtc(raw.eventDate(), time))
        .verbatimEventDate(raw.eventDate() + "T" + time)
        .temporalUncertaintyInSeconds(raw.sampleSizeValue() == null ? 60L
            : Math.max(1L, Math.round(raw.sampleSizeValue() * 60)));
  }

  /**
   * The UTC instant of a local date (its start, in the local zone) or of a date and an offset time. The rows of a
   * submission share their date and time, so the last answer is kept: java.time's parsing and formatting were a
   * twentieth of the streaming job's CPU.
   */
  String eventDateUtc(String eventDate, String time) {
    UtcDate last = lastUtcDate;
    if (last != null && last.date().equals(eventDate) && Objects.equals(last.time(), time)) {
      return last.utc();
    }
    String utc = time == null ? IsoTimes.date(eventDate).atStartOfDay(localZone).toInstant().toString()
        : IsoTimes.utcText(eventDate, time);
    lastUtcDate = new UtcDate(eventDate, time, utc);
    return utc;
  }
}
