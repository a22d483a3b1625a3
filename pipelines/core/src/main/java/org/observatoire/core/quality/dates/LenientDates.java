package org.observatoire.core.quality.dates;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the non-ISO day-month-year forms volunteers type ({@code 25/12/2012}, {@code 2021/10/28},
 * {@code 2021-28-10}, {@code 15.10.1932}) without guessing: a form where day and month can be swapped
 * ({@code 11/12/2012}) is {@link Outcome#AMBIGUOUS}, never silently read.
 */
public final class LenientDates {

    /** What came out of a reading. */
    public enum Outcome { ISO, INTERPRETED, AMBIGUOUS, UNINTERPRETABLE }

    /** The outcome and, unless ambiguous or uninterpretable, the date. */
    public record Reading(Outcome outcome, Optional<LocalDate> date, String note) {
        static Reading of(LocalDate d, String note) {
            return new Reading(Outcome.INTERPRETED, Optional.of(d), note);
        }

        static Reading failed(Outcome outcome, String note) {
            return new Reading(outcome, Optional.empty(), note);
        }
    }

    private static final Pattern YEAR_FIRST = Pattern.compile("(\\d{4})[-/. ](\\d{1,2})[-/. ](\\d{1,2})");
    private static final Pattern YEAR_LAST = Pattern.compile("(\\d{1,2})[-/. ](\\d{1,2})[-/. ](\\d{4})");

    private LenientDates() {
    }

    public static Reading read(String text) {
        if (text == null || text.isBlank()) {
            return Reading.failed(Outcome.UNINTERPRETABLE, "empty");
        }
        String t = text.trim();
        Matcher m = YEAR_FIRST.matcher(t);
        if (m.matches()) {
            int y = Integer.parseInt(m.group(1));
            int a = Integer.parseInt(m.group(2));
            int b = Integer.parseInt(m.group(3));
            if (a > 12 && b <= 12) {
                return date(y, b, a, "read as year-day-month");
            }
            return date(y, a, b, "read as year-month-day");
        }
        m = YEAR_LAST.matcher(t);
        if (m.matches()) {
            int a = Integer.parseInt(m.group(1));
            int b = Integer.parseInt(m.group(2));
            int y = Integer.parseInt(m.group(3));
            if (a > 12 && b <= 12) {
                return date(y, b, a, "read as day-month-year");
            }
            if (b > 12 && a <= 12) {
                return date(y, a, b, "read as month-day-year");
            }
            if (a == b) {
                return date(y, a, b, "day and month are equal");
            }
            return Reading.failed(Outcome.AMBIGUOUS,
                    String.format(Locale.ROOT, "%s could be day-month or month-day", t));
        }
        return Reading.failed(Outcome.UNINTERPRETABLE, "not a recognised date form: " + t);
    }

    private static Reading date(int y, int month, int day, String note) {
        try {
            return Reading.of(LocalDate.of(y, month, day), note);
        } catch (DateTimeException e) {
            return Reading.failed(Outcome.UNINTERPRETABLE, "no such date: " + e.getMessage());
        }
    }

    /** Month from 1-12 or a Roman numeral I-XII (as some collections write it). */
    public static Optional<Integer> month(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim().toUpperCase(Locale.ROOT);
        if (t.matches("\\d{1,2}")) {
            int m = Integer.parseInt(t);
            return m >= 1 && m <= 12 ? Optional.of(m) : Optional.empty();
        }
        String[] roman = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"};
        for (int i = 0; i < roman.length; i++) {
            if (roman[i].equals(t)) {
                return Optional.of(i + 1);
            }
        }
        return Optional.empty();
    }
}
