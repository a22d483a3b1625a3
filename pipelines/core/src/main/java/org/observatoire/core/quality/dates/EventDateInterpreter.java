package org.observatoire.core.quality.dates;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.observatoire.core.quality.bdq.BdqParameters;

/**
 * Interprets the dates volunteers send: ISO 8601 dates, date-times with or without offset, ranges
 * ({@code 2024-05-01/2024-05-03}), a separate time, and unambiguous non-ISO forms ({@code 25/12/2012}).
 * Deterministic: the reference date ("today") and the zone of offset-less times are parameters.
 * Immutable; {@code with...} methods return a new interpreter.
 */
public final class EventDateInterpreter {

    private final LocalDate referenceDate;
    private final LocalDate earliestValidDate;
    private final ZoneId defaultZone;
    private final MonthDay windowStart;
    private final MonthDay windowEnd;

    private EventDateInterpreter(LocalDate referenceDate, LocalDate earliestValidDate, ZoneId defaultZone,
            MonthDay windowStart, MonthDay windowEnd) {
        this.referenceDate = Objects.requireNonNull(referenceDate, "referenceDate");
        this.earliestValidDate = Objects.requireNonNull(earliestValidDate, "earliestValidDate");
        this.defaultZone = Objects.requireNonNull(defaultZone, "defaultZone");
        if ((windowStart == null) != (windowEnd == null)) {
            throw new IllegalArgumentException("a protocol window needs both a start and an end");
        }
        this.windowStart = windowStart;
        this.windowEnd = windowEnd;
    }

    /** Dates after {@code referenceDate} are in the future; offset-less times are local to {@code defaultZone}. */
    public static EventDateInterpreter of(LocalDate referenceDate, ZoneId defaultZone) {
        return new EventDateInterpreter(referenceDate, BdqParameters.DEFAULT_EARLIEST_VALID_DATE, defaultZone, null, null);
    }

    /** Flags dates outside {@code [from, to]} every year (the window may wrap over the new year). */
    public EventDateInterpreter withProtocolWindow(MonthDay from, MonthDay to) {
        return new EventDateInterpreter(referenceDate, earliestValidDate, defaultZone,
                Objects.requireNonNull(from, "from"), Objects.requireNonNull(to, "to"));
    }

    public EventDateInterpreter withEarliestValidDate(LocalDate earliest) {
        return new EventDateInterpreter(referenceDate, earliest, defaultZone, windowStart, windowEnd);
    }

    /** Interprets a date and a separate time (e.g. dwc:eventTime {@code 06:30} or {@code 06:30+02:00}). */
    public InterpretedDate interpret(String date, String time) {
        if (time == null || time.isBlank() || date == null || !date.trim().matches("\\d{4}-\\d{2}-\\d{2}")) {
            return interpret(date);
        }
        String t = time.trim();
        if (t.matches("\\d{2}(:\\d{2}){0,2}([.,]\\d+)?(Z|[+-]\\d{2}(:?\\d{2})?)?")) {
            InterpretedDate joined = interpret(date.trim() + "T" + t);
            return new InterpretedDate(date.trim() + " " + t, joined.utcStart(), joined.utcEnd(), joined.eventDate(),
                    joined.year(), joined.month(), joined.day(), joined.flags());
        }
        InterpretedDate d = interpret(date);
        Set<DateFlag> flags = EnumSet.of(DateFlag.DATE_UNPARSEABLE);
        flags.addAll(d.flags());
        return new InterpretedDate(date + " " + time, d.utcStart(), d.utcEnd(), d.eventDate(), d.year(), d.month(),
                d.day(), flags);
    }

    public InterpretedDate interpret(String text) {
        String original = text == null ? "" : text;
        if (original.isBlank()) {
            return InterpretedDate.uninterpreted(original, EnumSet.of(DateFlag.VALIDATION_EVENTDATE_NOTEMPTY));
        }
        Set<DateFlag> flags = EnumSet.noneOf(DateFlag.class);
        Optional<IsoInterval> iso = IsoInterval.parse(original);
        if (iso.isEmpty()) {
            flags.add(DateFlag.VALIDATION_EVENTDATE_STANDARD);
            LenientDates.Reading r = LenientDates.read(original);
            if (r.outcome() == LenientDates.Outcome.AMBIGUOUS) {
                flags.add(DateFlag.DATE_AMBIGUOUS_DAY_MONTH);
                return InterpretedDate.uninterpreted(original, flags);
            }
            if (r.date().isEmpty()) {
                flags.add(DateFlag.DATE_UNPARSEABLE);
                return InterpretedDate.uninterpreted(original, flags);
            }
            flags.add(DateFlag.AMENDMENT_EVENTDATE_STANDARDIZED);
            iso = IsoInterval.parse(r.date().get().toString());
        }
        IsoInterval interval = iso.orElseThrow();
        Instant start = toUtc(interval.start(), interval.start().first(), flags);
        Instant end = toUtc(interval.end(), interval.end().last(), flags).plus(1, ChronoUnit.SECONDS)
                .truncatedTo(ChronoUnit.SECONDS);
        checkRange(interval, end, flags);
        checkWindow(interval, flags);
        LocalDate first = interval.firstDate();
        LocalDate last = interval.lastDate();
        return new InterpretedDate(original, Optional.of(start), Optional.of(end),
                Optional.of(normalise(interval, original, flags)),
                first.getYear() == last.getYear() ? Optional.of(first.getYear()) : Optional.empty(),
                first.getYear() == last.getYear() && first.getMonth() == last.getMonth()
                        ? Optional.of(first.getMonthValue()) : Optional.empty(),
                interval.isOneDay() ? Optional.of(first.getDayOfMonth()) : Optional.empty(), flags);
    }

    private Instant toUtc(IsoDateTime value, LocalDateTime local, Set<DateFlag> flags) {
        if (value.statedOffset().isPresent()) {
            return local.toInstant(value.statedOffset().get());
        }
        if (value.precision().compareTo(Precision.DAY) > 0) {
            flags.add(DateFlag.DATE_TIMEZONE_ASSUMED);
        }
        return local.atZone(defaultZone).toInstant();
    }

    /** Date-times with a time part are written in UTC; dates stay calendar dates (ISO 8601). */
    private static String normalise(IsoInterval interval, String original, Set<DateFlag> flags) {
        if (flags.contains(DateFlag.AMENDMENT_EVENTDATE_STANDARDIZED)) {
            return interval.firstDate().toString();
        }
        boolean hasTime = interval.start().precision().compareTo(Precision.DAY) > 0;
        if (!hasTime || interval.start().statedOffset().isEmpty()) {
            return original.trim();
        }
        String a = utc(interval.start());
        return interval.isSingle() ? a : a + "/" + utc(interval.end());
    }

    private static String utc(IsoDateTime d) {
        LocalDateTime u = d.first().atOffset(d.statedOffset().orElse(ZoneOffset.UTC)).withOffsetSameInstant(ZoneOffset.UTC)
                .toLocalDateTime();
        String pattern = switch (d.precision()) {
            case HOUR -> "yyyy-MM-dd'T'HH";
            case MINUTE -> "yyyy-MM-dd'T'HH:mm";
            default -> "yyyy-MM-dd'T'HH:mm:ss";
        };
        return u.format(DateTimeFormatter.ofPattern(pattern)) + "Z";
    }

    private void checkRange(IsoInterval interval, Instant utcEnd, Set<DateFlag> flags) {
        Instant endOfReferenceDay = referenceDate.plusDays(1).atStartOfDay(defaultZone).toInstant();
        if (interval.firstDate().isAfter(referenceDate) || utcEnd.isAfter(endOfReferenceDay)
                && interval.lastDate().isAfter(referenceDate)) {
            flags.add(DateFlag.DATE_IN_FUTURE);
            flags.add(DateFlag.VALIDATION_EVENTDATE_INRANGE);
        }
        if (interval.firstDate().isBefore(earliestValidDate)) {
            flags.add(DateFlag.VALIDATION_EVENTDATE_INRANGE);
        }
    }

    private void checkWindow(IsoInterval interval, Set<DateFlag> flags) {
        if (windowStart == null) {
            return;
        }
        if (!inWindow(MonthDay.from(interval.firstDate())) || !inWindow(MonthDay.from(interval.lastDate()))
                || interval.lastDate().toEpochDay() - interval.firstDate().toEpochDay() > 366) {
            flags.add(DateFlag.DATE_OUTSIDE_PROTOCOL_WINDOW);
        }
    }

    private boolean inWindow(MonthDay d) {
        return windowStart.isAfter(windowEnd)
                ? !d.isBefore(windowStart) || !d.isAfter(windowEnd)
                : !d.isBefore(windowStart) && !d.isAfter(windowEnd);
    }
}
