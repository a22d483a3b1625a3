package org.observatoire.core.quality.dates;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One ISO 8601 calendar date or date-time with reduced precision allowed ({@code 1963},
 * {@code 1963-03}, {@code 1963-03-08}, {@code 1963-03-08T14}, {@code 1963-03-08T14:07Z},
 * {@code 1963-03-08T14:07:30.5-0600}...). {@link #first()} and {@link #last()} are the local
 * date-times the value covers; {@link #offset()} is present only when the text stated one.
 */
public record IsoDateTime(Precision precision, LocalDateTime first, LocalDateTime last, ZoneOffset offset) {

    private static final Pattern ISO = Pattern.compile(
            "(\\d{4})(?:-(\\d{2})(?:-(\\d{2})(?:T(\\d{2})(?::(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?)?"
                    + "(Z|[+-]\\d{2}(?::?\\d{2})?)?)?)?)?");

    public IsoDateTime {
        Objects.requireNonNull(precision, "precision");
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
        if (last.isBefore(first)) {
            throw new IllegalArgumentException("last " + last + " before first " + first);
        }
    }

    /** Parses strict ISO 8601 (the forms above); empty when the text is not one. */
    public static Optional<IsoDateTime> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = ISO.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            int year = Integer.parseInt(m.group(1));
            ZoneOffset offset = m.group(8) == null ? null : parseOffset(m.group(8));
            if (m.group(2) == null) {
                return Optional.of(new IsoDateTime(Precision.YEAR, LocalDate.of(year, 1, 1).atStartOfDay(),
                        LocalDate.of(year, 12, 31).atTime(23, 59, 59), offset));
            }
            YearMonth ym = YearMonth.of(year, Integer.parseInt(m.group(2)));
            if (m.group(3) == null) {
                return Optional.of(new IsoDateTime(Precision.MONTH, ym.atDay(1).atStartOfDay(),
                        ym.atEndOfMonth().atTime(23, 59, 59), offset));
            }
            LocalDate day = ym.atDay(Integer.parseInt(m.group(3)));
            if (m.group(4) == null) {
                return Optional.of(new IsoDateTime(Precision.DAY, day.atStartOfDay(), day.atTime(23, 59, 59), offset));
            }
            int hour = Integer.parseInt(m.group(4));
            if (m.group(5) == null) {
                LocalDateTime h = day.atTime(hour, 0);
                return Optional.of(new IsoDateTime(Precision.HOUR, h, h.plusMinutes(59).plusSeconds(59), offset));
            }
            int minute = Integer.parseInt(m.group(5));
            if (m.group(6) == null) {
                LocalDateTime mm = day.atTime(hour, minute);
                return Optional.of(new IsoDateTime(Precision.MINUTE, mm, mm.plusSeconds(59), offset));
            }
            int nanos = m.group(7) == null ? 0 : Integer.parseInt((m.group(7) + "00000000").substring(0, 9));
            LocalDateTime s = day.atTime(hour, minute, Integer.parseInt(m.group(6)), nanos);
            return Optional.of(new IsoDateTime(Precision.SECOND, s, s, offset));
        } catch (DateTimeException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static ZoneOffset parseOffset(String text) {
        if ("Z".equals(text)) {
            return ZoneOffset.UTC;
        }
        String digits = text.substring(1).replace(":", "");
        int hours = Integer.parseInt(digits.substring(0, 2));
        int minutes = digits.length() > 2 ? Integer.parseInt(digits.substring(2)) : 0;
        if (minutes > 59) {
            throw new DateTimeException("bad offset " + text);
        }
        int sign = text.charAt(0) == '-' ? -1 : 1;
        return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
    }

    public Optional<ZoneOffset> statedOffset() {
        return Optional.ofNullable(offset);
    }

    public LocalDate firstDate() {
        return first.toLocalDate();
    }

    public LocalDate lastDate() {
        return last.toLocalDate();
    }

    public boolean hasDay() {
        return precision.compareTo(Precision.DAY) >= 0;
    }
}
