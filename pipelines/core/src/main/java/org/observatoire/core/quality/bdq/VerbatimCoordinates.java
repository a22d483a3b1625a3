package org.observatoire.core.quality.bdq;

import static org.observatoire.core.quality.bdq.TestType.AMENDMENT;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AMENDMENT_COORDINATES_FROM_VERBATIM: decimal degrees from dwc:verbatimCoordinates, or dwc:verbatimLatitude and
 * dwc:verbatimLongitude, written in decimal degrees or degrees-minutes-seconds with hemispheres
 * ({@code 23 degrees 42.72 minutes south}, {@code 23°42'43"S}, {@code -23.712}); dwc:geodeticDatum from
 * dwc:verbatimSRS when it is an EPSG geographic code. Grid systems (UTM...) are not converted.
 */
final class VerbatimCoordinates {

    private static final String NUMBER = "(\\d+(?:\\.\\d+)?)";
    /** One coordinate: signed decimal, or degrees [minutes [seconds]] with an optional hemisphere. */
    private static final Pattern ONE = Pattern.compile("([+-])?\\s*" + NUMBER + "\\s*(?:°|d|deg|degrees?)?\\s*(?:"
            + NUMBER + "\\s*(?:'|′|m|min|minutes?)\\s*(?:" + NUMBER + "\\s*(?:\"|″|''|s|sec|seconds?)\\s*)?)?"
            + "([nsew]|north|south|east|west)?", Pattern.CASE_INSENSITIVE);

    private VerbatimCoordinates() {
    }

    /** A latitude or longitude and whether its hemisphere said which. */
    private record Reading(BigDecimal value, Character axis) {
    }

    static BdqTest test() {
        return SimpleBdqTest.of("AMENDMENT_COORDINATES_FROM_VERBATIM", "3c2590c7-af8a-4eb4-af57-5f73ba9d1f8e", AMENDMENT,
                List.of("dwc:decimalLatitude", "dwc:decimalLongitude", "dwc:geodeticDatum"), t -> {
                    if (!t.isEmpty("decimalLatitude") || !t.isEmpty("decimalLongitude")) {
                        return Response.internalPrerequisitesNotMet("dwc:decimalLatitude or dwc:decimalLongitude is not EMPTY");
                    }
                    Optional<String> both = t.get("verbatimCoordinates");
                    if (both.isEmpty() && (t.isEmpty("verbatimLatitude") || t.isEmpty("verbatimLongitude"))) {
                        return Response.internalPrerequisitesNotMet(
                                "dwc:verbatimCoordinates and one of dwc:verbatimLatitude, dwc:verbatimLongitude are EMPTY");
                    }
                    Optional<BigDecimal[]> latLon = both.isPresent() ? pair(both.get())
                            : pair(t.get("verbatimLatitude").orElseThrow(), t.get("verbatimLongitude").orElseThrow());
                    if (latLon.isEmpty()) {
                        return Response.notAmended("the verbatim coordinates are not unambiguous geographic coordinates");
                    }
                    Map<String, String> fill = new LinkedHashMap<>();
                    fill.put("dwc:decimalLatitude", latLon.get()[0].toPlainString());
                    fill.put("dwc:decimalLongitude", latLon.get()[1].toPlainString());
                    Optional<String> srs = t.get("verbatimSRS");
                    if (srs.isPresent()) {
                        Optional<String> datum = GeodeticDatums.standardize(srs.get())
                                .filter(d -> !d.equals(GeodeticDatums.NOT_RECORDED));
                        if (datum.isEmpty()) {
                            return Response.notAmended("dwc:verbatimSRS " + srs.get() + " is not a geographic EPSG code");
                        }
                        fill.put("dwc:geodeticDatum", datum.get());
                    }
                    return Response.filledIn(fill, "decimal coordinates read from the verbatim coordinates");
                });
    }

    private static Optional<Reading> read(String text) {
        Matcher m = ONE.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        BigDecimal v = new BigDecimal(m.group(2));
        if (m.group(3) != null) {
            v = v.add(new BigDecimal(m.group(3)).divide(BigDecimal.valueOf(60), MathContext.DECIMAL64));
        }
        if (m.group(4) != null) {
            v = v.add(new BigDecimal(m.group(4)).divide(BigDecimal.valueOf(3600), MathContext.DECIMAL64));
        }
        Character axis = null;
        if (m.group(5) != null) {
            char h = m.group(5).toLowerCase(Locale.ROOT).charAt(0);
            axis = h == 'n' || h == 's' ? 'y' : 'x';
            if (h == 's' || h == 'w') {
                v = v.negate();
            }
            if (m.group(1) != null) {
                return Optional.empty();
            }
        } else if ("-".equals(m.group(1))) {
            v = v.negate();
        }
        return Optional.of(new Reading(v.stripTrailingZeros(), axis));
    }

    private static Optional<BigDecimal[]> pair(String latitude, String longitude) {
        Optional<Reading> lat = read(latitude);
        Optional<Reading> lon = read(longitude);
        if (lat.isEmpty() || lon.isEmpty() || Character.valueOf('x').equals(lat.get().axis())
                || Character.valueOf('y').equals(lon.get().axis())) {
            return Optional.empty();
        }
        return valid(lat.get().value(), lon.get().value());
    }

    /** Two coordinates in one text: split at a comma or between hemispheres; ordered by hemisphere or magnitude. */
    private static Optional<BigDecimal[]> pair(String both) {
        List<String> parts = new ArrayList<>();
        Matcher hemispheres = Pattern.compile("(?i).*?(?:\\b[nsew]\\b|north|south|east|west)").matcher(both);
        int end = 0;
        while (hemispheres.find()) {
            parts.add(hemispheres.group().replaceFirst("^[\\s,;]+", ""));
            end = hemispheres.end();
        }
        if (parts.size() != 2 || !both.substring(end).isBlank()) {
            parts = List.of(both.split("[,;]"));
        }
        if (parts.size() != 2) {
            return Optional.empty();
        }
        Optional<Reading> a = read(parts.get(0));
        Optional<Reading> b = read(parts.get(1));
        if (a.isEmpty() || b.isEmpty()) {
            return Optional.empty();
        }
        Character ax = a.get().axis();
        Character bx = b.get().axis();
        if (ax != null && bx != null) {
            return ax.equals(bx) ? Optional.empty()
                    : ax == 'y' ? valid(a.get().value(), b.get().value()) : valid(b.get().value(), a.get().value());
        }
        boolean aIsLongitude = a.get().value().abs().compareTo(BigDecimal.valueOf(90)) > 0;
        return aIsLongitude ? valid(b.get().value(), a.get().value()) : valid(a.get().value(), b.get().value());
    }

    private static Optional<BigDecimal[]> valid(BigDecimal lat, BigDecimal lon) {
        return lat.abs().compareTo(BigDecimal.valueOf(90)) <= 0 && lon.abs().compareTo(BigDecimal.valueOf(180)) <= 0
                ? Optional.of(new BigDecimal[] {lat, lon}) : Optional.empty();
    }
}
