package org.observatoire.core.quality.bdq;

import java.text.DateFormatSymbols;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.observatoire.core.quality.dates.LenientDates;

/**
 * Reads the verbatim dates collections write ({@code 18/V/1981}, {@code xi.1996}, {@code 5. juni 1932},
 * {@code Friday 29th Oct. 2021}, {@code 1932年3月5日}, {@code 9.ii-10.iii.2000}, {@code 1980s}) into an ISO 8601 value,
 * only when unambiguous: two numbers that could each be the day or the month are never guessed.
 */
final class VerbatimDates {

    private static final Locale[] LANGUAGES = {Locale.ENGLISH, Locale.FRENCH, Locale.GERMAN, Locale.ITALIAN,
        Locale.forLanguageTag("es"), Locale.forLanguageTag("pt"), Locale.forLanguageTag("nl"),
        Locale.forLanguageTag("sv"), Locale.forLanguageTag("da"), Locale.forLanguageTag("nb")};
    private static final String[] ROMAN = {"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"};
    private static final Map<String, Integer> MONTHS = monthNames();
    private static final Set<String> WEEKDAYS = weekdayNames();
    private static final Pattern DECADE = Pattern.compile("(\\d{3})0s");
    private static final Pattern ORDINAL = Pattern.compile("(\\d+)(st|nd|rd|th|er|e)\\b");
    private static final Pattern RANGE = Pattern.compile("(\\d{1,2})[.\\s]+([a-z]+)\\s*-\\s*(\\d{1,2})[.\\s]+([a-z]+)[.\\s]+(\\d{4})");

    private VerbatimDates() {
    }

    private static Map<String, Integer> monthNames() {
        Map<String, Integer> names = new HashMap<>();
        Set<String> clashing = new HashSet<>();
        for (Locale l : LANGUAGES) {
            DateFormatSymbols s = DateFormatSymbols.getInstance(l);
            for (String[] list : new String[][] {s.getMonths(), s.getShortMonths()}) {
                for (int m = 0; m < 12; m++) {
                    String n = list[m].toLowerCase(l).replace(".", "").trim();
                    if (!n.isEmpty() && names.containsKey(n) && names.get(n) != m + 1) {
                        clashing.add(n);
                    }
                    names.putIfAbsent(n, m + 1);
                }
            }
        }
        for (int m = 0; m < 12; m++) {
            names.put(ROMAN[m], m + 1);
        }
        clashing.forEach(names::remove);
        return Map.copyOf(names);
    }

    private static Set<String> weekdayNames() {
        Set<String> days = new HashSet<>();
        for (Locale l : LANGUAGES) {
            DateFormatSymbols s = DateFormatSymbols.getInstance(l);
            for (String[] list : new String[][] {s.getWeekdays(), s.getShortWeekdays()}) {
                for (String d : list) {
                    if (!d.isEmpty()) {
                        days.add(d.toLowerCase(l).replace(".", ""));
                    }
                }
            }
        }
        return Set.copyOf(days);
    }

    /** A month from its number, Roman numeral or name (full or abbreviated) in a few European languages. */
    static Optional<Integer> month(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
        if (t.matches("\\d{1,2}")) {
            int m = Integer.parseInt(t);
            return m >= 1 && m <= 12 ? Optional.of(m) : Optional.empty();
        }
        return Optional.ofNullable(MONTHS.get(t));
    }

    /** An ISO 8601 date, month or interval, or empty when the text is not an unambiguous date. */
    static Optional<String> read(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT).replace('年', '-').replace('月', '-').replace("日", "");
        t = ORDINAL.matcher(t).replaceAll("$1");
        Matcher decade = DECADE.matcher(t);
        if (decade.matches()) {
            return Optional.of(decade.group(1) + "0-01-01/" + decade.group(1) + "9-12-31");
        }
        Matcher range = RANGE.matcher(t);
        if (range.matches()) {
            Optional<LocalDate> from = date(range.group(5), range.group(2), range.group(1));
            Optional<LocalDate> to = date(range.group(5), range.group(4), range.group(3));
            return from.isPresent() && to.isPresent() && !to.get().isBefore(from.get())
                    ? Optional.of(from.get() + "/" + to.get()) : Optional.empty();
        }
        List<String> tokens = new ArrayList<>();
        for (String s : t.split("[\\s.,/\\-]+")) {
            if (!s.isEmpty() && !WEEKDAYS.contains(s)) {
                tokens.add(s);
            }
        }
        int yearAt = tokens.indexOf(tokens.stream().filter(s -> s.matches("\\d{4}")).findFirst().orElse(""));
        if (yearAt < 0 || (yearAt != 0 && yearAt != tokens.size() - 1)) {
            return Optional.empty();
        }
        String year = tokens.remove(yearAt);
        if (tokens.size() == 1) {
            return MONTHS.containsKey(tokens.get(0))
                    ? Optional.of(YearMonth.of(Integer.parseInt(year), MONTHS.get(tokens.get(0))).toString())
                    : Optional.empty();
        }
        if (tokens.size() != 2) {
            return Optional.empty();
        }
        String a = tokens.get(0);
        String b = tokens.get(1);
        if (a.matches("\\d{1,2}") && b.matches("\\d{1,2}")) {
            return LenientDates.read(yearAt == 0 ? year + "-" + a + "-" + b : a + "-" + b + "-" + year).date()
                    .map(LocalDate::toString);
        }
        String day = MONTHS.containsKey(a) ? b : a;
        String monthText = MONTHS.containsKey(a) ? a : b;
        if (!MONTHS.containsKey(monthText)) {
            return Optional.empty();
        }
        if (day.matches("[x?]+")) {
            return Optional.of(YearMonth.of(Integer.parseInt(year), MONTHS.get(monthText)).toString());
        }
        return date(year, monthText, day).map(LocalDate::toString);
    }

    private static Optional<LocalDate> date(String year, String monthText, String day) {
        Integer m = MONTHS.get(monthText);
        if (m == null || !day.matches("\\d{1,2}")) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.of(Integer.parseInt(year), m, Integer.parseInt(day)));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
