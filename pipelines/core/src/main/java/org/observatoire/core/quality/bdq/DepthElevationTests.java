package org.observatoire.core.quality.bdq;

import static org.observatoire.core.quality.bdq.TestType.AMENDMENT;
import static org.observatoire.core.quality.bdq.TestType.VALIDATION;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * BDQ TG2 tests on depth and elevation: ranges (parameters {@code bdqval:minimumValidDepthInMeters} 0,
 * {@code bdqval:maximumValidDepthInMeters} 11000, {@code bdqval:minimumValidElevationInMeters} -430,
 * {@code bdqval:maximumValidElevationInMeters} 8850), minimum not above maximum, and both filled in from the verbatim
 * text when it states a unit (m, ft, ftm).
 */
public final class DepthElevationTests {

    private static final String NUMBER = "(\\d+(?:\\.\\d+)?)";
    private static final String UNIT = "\\s*(m|meters?|metres?|ft|feet|foot|ftm|fathoms?)\\.?";
    /** "25.8-34.9m", "1500 to 1800 ft", "100 m", "Minimum Elevation 100m". */
    private static final Pattern RANGE = Pattern.compile("(?:(min|minimum|max|maximum)\\s*(?:depth|elevation)?\\s*[=:]?\\s*)?"
            + NUMBER + "(?:\\s*(?:-|to)\\s*" + NUMBER + ")?" + UNIT, Pattern.CASE_INSENSITIVE);
    /** "Mindepth 10m, maxdepth=100m". */
    private static final Pattern LABELLED = Pattern.compile("min(?:imum)?\\s*(?:depth|elevation)?\\s*[=:]?\\s*" + NUMBER
            + UNIT + "\\s*[,;]?\\s*max(?:imum)?\\s*(?:depth|elevation)?\\s*[=:]?\\s*" + NUMBER + UNIT,
            Pattern.CASE_INSENSITIVE);

    private DepthElevationTests() {
    }

    public static List<BdqTest> all() {
        return List.of(
                inRange("VALIDATION_MINDEPTH_INRANGE", "04b2c8f3-c71b-4e95-8e43-f70374c5fb92", "minimumDepthInMeters",
                        "DepthInMeters", "0", "11000", true),
                inRange("VALIDATION_MAXDEPTH_INRANGE", "3f1db29a-bfa5-40db-9fd1-fde020d81939", "maximumDepthInMeters",
                        "DepthInMeters", "0", "11000", true),
                inRange("VALIDATION_MINELEVATION_INRANGE", "0bb8297d-8f8a-42d2-80c1-558f29efe798",
                        "minimumElevationInMeters", "ElevationInMeters", "-430", "8850", false),
                inRange("VALIDATION_MAXELEVATION_INRANGE", "c971fe3f-84c1-4636-9f44-b1ec31fd63c7",
                        "maximumElevationInMeters", "ElevationInMeters", "-430", "8850", false),
                lessThan("VALIDATION_MINDEPTH_LESSTHAN_MAXDEPTH", "8f1e6e58-544b-4365-a569-fb781341644e", "Depth", true),
                lessThan("VALIDATION_MINELEVATION_LESSTHAN_MAXELEVATION", "d708526b-6561-438e-aa1a-82cd80b06396",
                        "Elevation", false),
                fromVerbatim("AMENDMENT_MINDEPTHMAXDEPTH_FROM_VERBATIM", "c5658b83-4471-4f57-9d94-bf7d0a96900c", "Depth"),
                fromVerbatim("AMENDMENT_MINELEVATIONMAXELEVATION_FROM_VERBATIM", "2d638c8b-4c62-44a0-a14d-fa147bf9823d",
                        "Elevation"));
    }

    private static Optional<Double> value(Terms t, String term, boolean nonNegative) {
        return t.number(term).filter(v -> !nonNegative || v >= 0);
    }

    private static BdqTest inRange(String label, String guid, String term, String parameterSuffix, String min,
            String max, boolean nonNegative) {
        String minParameter = "bdqval:minimumValid" + parameterSuffix;
        String maxParameter = "bdqval:maximumValid" + parameterSuffix;
        return SimpleBdqTest.of(label, guid, VALIDATION, List.of("dwc:" + term),
                Map.of(minParameter, min, maxParameter, max), t -> {
                    Optional<Double> v = value(t, term, nonNegative);
                    if (v.isEmpty()) {
                        return Response.internalPrerequisitesNotMet("dwc:" + term + " is EMPTY or not a number"
                                + (nonNegative ? " greater than or equal to zero" : ""));
                    }
                    double lo = t.number(minParameter).orElse(Double.parseDouble(min));
                    double hi = t.number(maxParameter).orElse(Double.parseDouble(max));
                    boolean ok = v.get() >= lo && v.get() <= hi;
                    return Response.of(ok, "dwc:" + term + " is " + (ok ? "" : "not ") + "within " + lo + " to " + hi);
                });
    }

    private static BdqTest lessThan(String label, String guid, String what, boolean nonNegative) {
        String min = "minimum" + what + "InMeters";
        String max = "maximum" + what + "InMeters";
        return SimpleBdqTest.of(label, guid, VALIDATION, List.of("dwc:" + min, "dwc:" + max), t -> {
            Optional<Double> lo = value(t, min, nonNegative);
            Optional<Double> hi = value(t, max, nonNegative);
            if (lo.isEmpty() || hi.isEmpty()) {
                return Response.internalPrerequisitesNotMet("dwc:" + min + " or dwc:" + max + " is EMPTY or not a "
                        + (nonNegative ? "number greater than or equal to zero" : "number"));
            }
            boolean ok = lo.get() <= hi.get();
            return Response.of(ok, "dwc:" + min + " is " + (ok ? "" : "not ") + "less than or equal to dwc:" + max);
        });
    }

    private static BdqTest fromVerbatim(String label, String guid, String what) {
        String min = "minimum" + what + "InMeters";
        String max = "maximum" + what + "InMeters";
        String verbatim = "verbatim" + what;
        return SimpleBdqTest.of(label, guid, AMENDMENT, List.of("dwc:" + min, "dwc:" + max, "dwc:" + verbatim), t -> {
            if (!t.isEmpty(min) || !t.isEmpty(max)) {
                return Response.internalPrerequisitesNotMet("dwc:" + min + " or dwc:" + max + " is not EMPTY");
            }
            Optional<String> text = t.get(verbatim);
            if (text.isEmpty()) {
                return Response.internalPrerequisitesNotMet("dwc:" + verbatim + " is EMPTY");
            }
            Optional<String[]> read = read(text.get());
            if (read.isEmpty()) {
                return Response.notAmended("dwc:" + verbatim + " does not state an unambiguous value with a unit");
            }
            return Response.filledIn(Map.of("dwc:" + min, read.get()[0], "dwc:" + max, read.get()[1]),
                    "dwc:" + min + " and dwc:" + max + " read from dwc:" + verbatim);
        });
    }

    /** Minimum and maximum in metres, or empty when the text has no unit, no number, or states only a maximum. */
    static Optional<String[]> read(String text) {
        String s = text.trim();
        Matcher labelled = LABELLED.matcher(s);
        if (labelled.matches()) {
            return Optional.of(new String[] {metres(labelled.group(1), labelled.group(2)),
                metres(labelled.group(3), labelled.group(4))});
        }
        Matcher m = RANGE.matcher(s);
        if (!m.matches()) {
            return Optional.empty();
        }
        boolean onlyMaximum = m.group(1) != null && m.group(1).toLowerCase(Locale.ROOT).startsWith("max");
        if (onlyMaximum && m.group(3) == null) {
            return Optional.empty();
        }
        String lo = metres(m.group(2), m.group(4));
        String hi = m.group(3) == null ? lo : metres(m.group(3), m.group(4));
        return Optional.of(new String[] {lo, hi});
    }

    private static String metres(String number, String unit) {
        String u = unit.toLowerCase(Locale.ROOT);
        BigDecimal factor = u.startsWith("ftm") || u.startsWith("fathom") ? new BigDecimal("1.8288")
                : u.startsWith("f") ? new BigDecimal("0.3048") : BigDecimal.ONE;
        return new BigDecimal(number).multiply(factor).stripTrailingZeros().toPlainString();
    }
}
