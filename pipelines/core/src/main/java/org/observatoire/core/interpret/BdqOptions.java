package org.observatoire.core.interpret;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Which TDWG BDQ tests run on every curated row, and the standard's parameters for the run.
 *
 * @param tests {@link Tests#CORE}: the row validations run by default; {@link Tests#ALL}: every registered test
 * @param parameters parameter terms ({@code bdqval:earliestValidDate}, {@code bdqval:latestValidDate},
 *     {@code bdqval:sourceAuthority}...) given to every row; {@code bdqval:latestValidDate} defaults to the run's
 *     reference date
 */
public record BdqOptions(Tests tests, Map<String, String> parameters) implements Serializable {

    /** The tests run on curated rows. */
    public enum Tests {
        /** The row validations of {@link QualityStep#ROW_VALIDATIONS}. */
        CORE,
        /** Every test of the registry that can run on a row: validations, amendments, measures and issues. */
        ALL;

        /** {@code core} or {@code all} (any case). */
        public static Tests parse(String text) {
            for (Tests t : values()) {
                if (t.name().equalsIgnoreCase(Objects.requireNonNull(text, "tests").trim())) {
                    return t;
                }
            }
            throw new IllegalArgumentException("unknown BDQ test set '" + text + "': give core or all");
        }
    }

    public static final BdqOptions DEFAULT = new BdqOptions(Tests.CORE, Map.of());

    public BdqOptions {
        Objects.requireNonNull(tests, "tests");
        TreeMap<String, String> p = new TreeMap<>();
        Objects.requireNonNull(parameters, "parameters").forEach((k, v) -> p.put(parameterTerm(k), v));
        for (String date : new String[] {"bdqval:earliestValidDate", "bdqval:latestValidDate"}) {
            if (p.containsKey(date)) {
                try {
                    LocalDate.parse(p.get(date).trim());
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException(date + " is not an ISO date (yyyy-mm-dd): " + p.get(date));
                }
            }
        }
        parameters = java.util.Collections.unmodifiableMap(p);
    }

    /**
     * Options from the command line's words: {@code tests} is {@code core} or {@code all}, each parameter
     * {@code name=value} (the name with or without its {@code bdqval:}/{@code bdq:} prefix).
     */
    public static BdqOptions parse(String tests, Collection<String> parameters) {
        Map<String, String> p = new TreeMap<>();
        for (String nv : parameters == null ? java.util.List.<String>of() : parameters) {
            int eq = nv.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("a BDQ parameter is name=value, e.g. earliestValidDate=1900-01-01;"
                    + " got '" + nv + "'");
            }
            p.put(nv.substring(0, eq).trim(), nv.substring(eq + 1).trim());
        }
        return new BdqOptions(tests == null ? Tests.CORE : Tests.parse(tests), p);
    }

    /** The parameters as {@code name=value} words, the form {@link #parse} reads. */
    public java.util.List<String> parameterWords() {
        return parameters.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    }

    public String testsName() {
        return tests.name().toLowerCase(Locale.ROOT);
    }

    private static String parameterTerm(String name) {
        return "bdqval:" + name.trim().replaceFirst("^(bdqval|bdq):", "");
    }
}
