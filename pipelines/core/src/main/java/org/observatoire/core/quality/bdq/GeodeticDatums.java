package org.observatoire.core.quality.bdq;

import static org.observatoire.core.quality.bdq.TestType.AMENDMENT;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.sis.referencing.CRS;
import org.opengis.referencing.crs.CRSAuthorityFactory;
import org.opengis.referencing.crs.GeographicCRS;
import org.opengis.referencing.datum.DatumAuthorityFactory;
import org.opengis.util.FactoryException;

/**
 * dwc:geodeticDatum against the EPSG database bundled with Apache SIS: as the standard says, a value is valid when it
 * is "not recorded" or an {@code EPSG:n} code of a geodetic datum, an ellipsoid or a two-dimensional geographic CRS
 * (so {@code EPSG:23032}, projected, is not; neither is a bare {@code 6326} or a name like {@code WGS84}, which
 * AMENDMENT_GEODETICDATUM_STANDARDIZED turns into a code).
 */
final class GeodeticDatums {

    static final String NOT_RECORDED = "not recorded";
    private static final Pattern CODE = Pattern.compile("(?i)epsg\\s*:\\s*(\\d{4,5})");
    private static final Map<String, String> NAMES = Map.ofEntries(Map.entry("WGS84", "EPSG:4326"),
            Map.entry("WGS1984", "EPSG:4326"), Map.entry("WORLDGEODETICSYSTEM1984", "EPSG:4326"),
            Map.entry("NAD83", "EPSG:4269"), Map.entry("NAD27", "EPSG:4267"), Map.entry("ED50", "EPSG:4230"),
            Map.entry("ETRS89", "EPSG:4258"), Map.entry("GDA94", "EPSG:4283"), Map.entry("GDA2020", "EPSG:7844"),
            Map.entry("RGF93", "EPSG:4171"), Map.entry("NTF", "EPSG:4275"), Map.entry("AGD66", "EPSG:4202"),
            Map.entry("AGD84", "EPSG:4203"));
    private static final Map<Integer, Boolean> KNOWN = new ConcurrentHashMap<>();

    private GeodeticDatums() {
    }

    /** Valid as the standard defines it; the raw value, so surrounding white space is not valid. */
    static boolean isValid(String value) {
        if (NOT_RECORDED.equals(value)) {
            return true;
        }
        Matcher m = CODE.matcher(value);
        return m.matches() && value.startsWith("EPSG:") && isDatumOrGeographic(Integer.parseInt(m.group(1)));
    }

    /** Whether the EPSG code names a geodetic datum, an ellipsoid or a 2D geographic CRS (memoised). */
    static boolean isDatumOrGeographic(int code) {
        return KNOWN.computeIfAbsent(code, c -> {
            Object epsg;
            try {
                epsg = CRS.getAuthorityFactory("EPSG");
            } catch (FactoryException e) {
                throw new IllegalStateException("the EPSG database bundled with Apache SIS is not available", e);
            }
            String id = "EPSG:" + c;
            return found(() -> ((CRSAuthorityFactory) epsg).createCoordinateReferenceSystem(id) instanceof GeographicCRS g
                    && g.getCoordinateSystem().getDimension() == 2)
                    || found(() -> ((DatumAuthorityFactory) epsg).createGeodeticDatum(id) != null)
                    || found(() -> ((DatumAuthorityFactory) epsg).createEllipsoid(id) != null);
        });
    }

    /** A lookup that throws when the code is not of the kind asked. */
    private interface Lookup {
        boolean test() throws FactoryException;
    }

    private static boolean found(Lookup lookup) {
        try {
            return lookup.test();
        } catch (FactoryException | RuntimeException e) {
            return false;
        }
    }

    /** The {@code EPSG:n} code a value stands for: a code in another spelling, a bare code, or a common name. */
    static Optional<String> standardize(String value) {
        String v = value.trim();
        if (v.equalsIgnoreCase(NOT_RECORDED)) {
            return Optional.of(NOT_RECORDED);
        }
        Matcher m = CODE.matcher(v);
        String digits = m.matches() ? m.group(1) : v.matches("\\d{4,5}") ? v : null;
        if (digits != null) {
            return isDatumOrGeographic(Integer.parseInt(digits)) ? Optional.of("EPSG:" + digits) : Optional.empty();
        }
        return Optional.ofNullable(NAMES.get(v.toUpperCase(Locale.ROOT).replaceAll("[\\s\\-_]", "")));
    }

    static BdqTest standardized() {
        return VocabularyTests.standardized("AMENDMENT_GEODETICDATUM_STANDARDIZED", "0345b325-836d-4235-96d0-3b5caf150fc0",
                "dwc:geodeticDatum", new String[] {"epsg"}, GeodeticDatums::standardize);
    }

    static BdqTest assumedDefault() {
        return SimpleBdqTest.of("AMENDMENT_GEODETICDATUM_ASSUMEDDEFAULT", "7498ca76-c4d4-42e2-8103-acacccbdffa7", AMENDMENT,
                List.of("dwc:geodeticDatum", "dwc:coordinateUncertaintyInMeters"),
                Map.of("bdqval:defaultGeodeticDatum", "EPSG:4326"), t -> {
                    if (!t.isEmpty("geodeticDatum")) {
                        return Response.notAmended("dwc:geodeticDatum is not EMPTY");
                    }
                    String datum = t.get("bdqval:defaultGeodeticDatum").orElse("EPSG:4326");
                    return Response.filledIn(Map.of("dwc:geodeticDatum", datum),
                            "dwc:geodeticDatum filled in with the default " + datum);
                });
    }
}
