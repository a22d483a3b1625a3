package org.observatoire.core.quality.bdq;

import static org.observatoire.core.quality.bdq.TestType.AMENDMENT;
import static org.observatoire.core.quality.bdq.TestType.VALIDATION;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.observatoire.core.quality.coordinates.Territory;

/**
 * BDQ TG2 tests on dwc:decimalLatitude, dwc:decimalLongitude, dwc:coordinateUncertaintyInMeters and,
 * offline, the country tests that need boundaries: those run only for countries whose boundary is
 * bundled (metropolitan France, {@code FR}); other countries get EXTERNAL_PREREQUISITES_NOT_MET.
 */
public final class CoordinateTests {

    /** Largest uncertainty the standard accepts (half the Earth's circumference, metres). */
    public static final double MAX_UNCERTAINTY_METERS = 20_037_509;

    private CoordinateTests() {
    }

    public static List<BdqTest> all(Map<String, Territory> boundaries) {
        return List.of(coordinatesNotZero(), latitudeInRange(), longitudeInRange(), uncertaintyInRange(),
                coordinatesCountryCodeConsistent(boundaries), coordinatesTransposed(boundaries));
    }

    public static BdqTest coordinatesNotZero() {
        return SimpleBdqTest.of("VALIDATION_COORDINATES_NOTZERO", "1bf0e210-6792-4128-b8cc-ab6828aa4871", VALIDATION,
                List.of("dwc:decimalLatitude", "dwc:decimalLongitude"), t -> {
                    if (t.isEmpty("decimalLatitude") && t.isEmpty("decimalLongitude")) {
                        return Response.internalPrerequisitesNotMet("dwc:decimalLatitude and dwc:decimalLongitude are EMPTY");
                    }
                    Optional<Double> lat = t.number("decimalLatitude");
                    Optional<Double> lon = t.number("decimalLongitude");
                    if (lat.isEmpty() || lon.isEmpty()) {
                        return Response.internalPrerequisitesNotMet("dwc:decimalLatitude or dwc:decimalLongitude is not a number");
                    }
                    boolean zero = lat.get() == 0 && lon.get() == 0;
                    return Response.of(!zero, zero ? "dwc:decimalLatitude and dwc:decimalLongitude are zero"
                            : "dwc:decimalLatitude and dwc:decimalLongitude are not both zero");
                });
    }

    public static BdqTest latitudeInRange() {
        return inRange("VALIDATION_DECIMALLATITUDE_INRANGE", "b6ecda2a-ce36-437a-b515-3ae94948fe83", "decimalLatitude", 90);
    }

    public static BdqTest longitudeInRange() {
        return inRange("VALIDATION_DECIMALLONGITUDE_INRANGE", "0949110d-c06b-450e-9649-7c1374d940d1", "decimalLongitude", 180);
    }

    private static BdqTest inRange(String label, String guid, String term, double limit) {
        return SimpleBdqTest.of(label, guid, VALIDATION, List.of("dwc:" + term), t -> {
            if (t.isEmpty(term)) {
                return Response.internalPrerequisitesNotMet("dwc:" + term + " is EMPTY");
            }
            Optional<Double> v = t.number(term);
            if (v.isEmpty()) {
                return Response.internalPrerequisitesNotMet("dwc:" + term + " is not a number");
            }
            boolean ok = v.get() >= -limit && v.get() <= limit;
            return Response.of(ok, "dwc:" + term + " is " + (ok ? "" : "not ") + "within -" + limit + "/" + limit);
        });
    }

    public static BdqTest uncertaintyInRange() {
        return SimpleBdqTest.of("VALIDATION_COORDINATEUNCERTAINTY_INRANGE", "c6adf2ea-3051-4498-97f4-4b2f8a105f57",
                VALIDATION, List.of("dwc:coordinateUncertaintyInMeters"), t -> {
                    if (t.isEmpty("coordinateUncertaintyInMeters")) {
                        return Response.internalPrerequisitesNotMet("dwc:coordinateUncertaintyInMeters is EMPTY");
                    }
                    Optional<Double> v = t.number("coordinateUncertaintyInMeters");
                    if (v.isEmpty()) {
                        return Response.internalPrerequisitesNotMet("dwc:coordinateUncertaintyInMeters is not a number");
                    }
                    boolean ok = v.get() > 0 && v.get() <= MAX_UNCERTAINTY_METERS;
                    return Response.of(ok, "dwc:coordinateUncertaintyInMeters is " + (ok ? "" : "not ")
                            + "in (0, " + (long) MAX_UNCERTAINTY_METERS + "]");
                });
    }

    public static BdqTest coordinatesCountryCodeConsistent(Map<String, Territory> boundaries) {
        Map<String, Territory> b = Map.copyOf(boundaries);
        return SimpleBdqTest.of("VALIDATION_COORDINATESCOUNTRYCODE_CONSISTENT", "adb27d29-9f0d-4d52-b760-a77ba57a69c9",
                VALIDATION, List.of("dwc:decimalLatitude", "dwc:decimalLongitude", "dwc:countryCode"), t -> {
                    Optional<Response> pre = countryPrerequisites(t, b);
                    if (pre.isPresent()) {
                        return pre.get();
                    }
                    String cc = t.get("countryCode").orElseThrow();
                    boolean in = b.get(cc).contains(t.number("decimalLatitude").orElseThrow(),
                            t.number("decimalLongitude").orElseThrow());
                    return Response.of(in, "coordinates are " + (in ? "" : "not ") + "inside the bundled boundary of " + cc);
                });
    }

    public static BdqTest coordinatesTransposed(Map<String, Territory> boundaries) {
        Map<String, Territory> b = Map.copyOf(boundaries);
        return SimpleBdqTest.of("AMENDMENT_COORDINATES_TRANSPOSED", "f2b4a50a-6b2f-4930-b9df-da87b6a21082", AMENDMENT,
                List.of("dwc:decimalLatitude", "dwc:decimalLongitude", "dwc:countryCode"), t -> {
                    Optional<Response> pre = countryPrerequisites(t, b);
                    if (pre.isPresent()) {
                        // present but not numbers: the standard asks only for non-EMPTY terms, so nothing to amend
                        boolean invalid = pre.get().status() == ResponseStatus.INTERNAL_PREREQUISITES_NOT_MET
                                && !t.isEmpty("countryCode") && !t.isEmpty("decimalLatitude")
                                && !t.isEmpty("decimalLongitude");
                        return invalid ? Response.notAmended(pre.get().comment()) : pre.get();
                    }
                    String cc = t.get("countryCode").orElseThrow();
                    double lat = t.number("decimalLatitude").orElseThrow();
                    double lon = t.number("decimalLongitude").orElseThrow();
                    Territory territory = b.get(cc);
                    if (territory.contains(lat, lon)) {
                        return Response.notAmended("coordinates already fall in " + cc);
                    }
                    Optional<double[]> fix = CoordinateCandidates.firstInside(territory, lat, lon);
                    if (fix.isEmpty()) {
                        return Response.notAmended("no sign change or swap puts the coordinates in " + cc);
                    }
                    Map<String, String> changes = new LinkedHashMap<>();
                    if (fix.get()[0] != lat) {
                        changes.put("dwc:decimalLatitude", Double.toString(fix.get()[0]));
                    }
                    if (fix.get()[1] != lon) {
                        changes.put("dwc:decimalLongitude", Double.toString(fix.get()[1]));
                    }
                    return Response.amended(changes, "transposed or sign-reversed coordinates fall in " + cc);
                });
    }

    /** Empty when the country test can run; otherwise the response that says why not. */
    private static Optional<Response> countryPrerequisites(Terms t, Map<String, Territory> b) {
        if (t.isEmpty("countryCode")) {
            return Optional.of(Response.internalPrerequisitesNotMet("dwc:countryCode is EMPTY"));
        }
        if (t.isEmpty("decimalLatitude") || t.isEmpty("decimalLongitude")) {
            return Optional.of(Response.internalPrerequisitesNotMet("dwc:decimalLatitude or dwc:decimalLongitude is EMPTY"));
        }
        Optional<Double> lat = t.number("decimalLatitude").filter(v -> Math.abs(v) <= 90);
        Optional<Double> lon = t.number("decimalLongitude").filter(v -> Math.abs(v) <= 180);
        if (lat.isEmpty() || lon.isEmpty()) {
            return Optional.of(Response.internalPrerequisitesNotMet(
                    "dwc:decimalLatitude or dwc:decimalLongitude is not a valid number"));
        }
        String cc = t.get("countryCode").orElseThrow();
        if (!b.containsKey(cc) || t.asksForOtherAuthority("bundled")) {
            return Optional.of(Response.externalPrerequisitesNotMet("no offline boundary for dwc:countryCode " + cc
                    + " (bundled: " + b.keySet() + ")"));
        }
        return Optional.empty();
    }
}
