package org.observatoire.core.quality.bdq;

import static org.observatoire.core.quality.bdq.TestType.AMENDMENT;
import static org.observatoire.core.quality.bdq.TestType.ISSUE;
import static org.observatoire.core.quality.bdq.TestType.VALIDATION;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.observatoire.core.quality.coordinates.Territory;

/**
 * BDQ TG2 tests on countries, states and provinces, offline: country names are ISO 3166 names as the JDK gives them
 * (see {@link Places}), states and provinces are the régions and départements of metropolitan France, and the only
 * boundaries are the bundled ones ({@code FR}). Where the answer needs an authority we do not bundle (another country's
 * subdivisions or boundary, the centroids catalogue, a marine/land authority) the response is
 * EXTERNAL_PREREQUISITES_NOT_MET, as the standard prescribes.
 */
public final class GeographyTests {

    static final String COUNTRY_NAMES = "ISO 3166 country names (JDK)";
    static final String FRANCE = "régions and départements of metropolitan France (IGN)";

    private GeographyTests() {
    }

    public static List<BdqTest> all(Map<String, Territory> boundaries) {
        return List.of(countryFound(), countryCountryCodeConsistent(), stateProvinceFound(),
                countryStateProvinceUnambiguous(), coordinatesStateProvinceConsistent(),
                countryCodeFromCoordinates(Map.copyOf(boundaries)), centerOfCountry(), terrestrialMarine(Map.copyOf(boundaries)),
                annotationNotEmpty(), VerbatimCoordinates.test());
    }

    private static Optional<Response> otherAuthority(Terms t, String... ours) {
        for (String a : ours) {
            if (!t.asksForOtherAuthority(a)) {
                return Optional.empty();
            }
        }
        return Optional.of(Response.externalPrerequisitesNotMet("bdqval:sourceAuthority "
                + t.get("bdqval:sourceAuthority").orElseThrow() + " is not available offline"));
    }

    public static BdqTest countryFound() {
        return SimpleBdqTest.of("VALIDATION_COUNTRY_FOUND", "69b2efdc-6269-45a4-aecb-4cb99c2ae134", VALIDATION,
                List.of("dwc:country"), Map.of("bdqval:sourceAuthority", COUNTRY_NAMES), t -> {
                    Optional<Response> other = otherAuthority(t, "3166", "jdk");
                    if (other.isPresent()) {
                        return other.get();
                    }
                    if (t.isEmpty("country")) {
                        return Response.internalPrerequisitesNotMet("dwc:country is EMPTY");
                    }
                    boolean ok = Places.countryCode(t.get("country").orElseThrow()).isPresent();
                    return Response.of(ok, "dwc:country " + (ok ? "is" : "is not") + " a country in " + COUNTRY_NAMES);
                });
    }

    public static BdqTest countryCountryCodeConsistent() {
        return SimpleBdqTest.of("VALIDATION_COUNTRYCOUNTRYCODE_CONSISTENT", "b23110e7-1be7-444a-a677-cdee0cf4330c",
                VALIDATION, List.of("dwc:country", "dwc:countryCode"), Map.of("bdqval:sourceAuthority", COUNTRY_NAMES),
                t -> {
                    Optional<Response> other = otherAuthority(t, "3166", "jdk");
                    if (other.isPresent()) {
                        return other.get();
                    }
                    if (t.isEmpty("country") || t.isEmpty("countryCode")) {
                        return Response.internalPrerequisitesNotMet("dwc:country or dwc:countryCode is EMPTY");
                    }
                    String code = t.get("countryCode").orElseThrow();
                    boolean ok = Places.countryCode(t.get("country").orElseThrow()).filter(code::equals).isPresent();
                    return Response.of(ok, "dwc:country " + (ok ? "is" : "is not") + " the country of " + code);
                });
    }

    public static BdqTest stateProvinceFound() {
        return SimpleBdqTest.of("VALIDATION_STATEPROVINCE_FOUND", "4daa7986-d9b0-4dd5-ad17-2d7a771ea71a", VALIDATION,
                List.of("dwc:stateProvince"), Map.of("bdqval:sourceAuthority", FRANCE), t -> {
                    Optional<Response> other = otherAuthority(t, "ign", "france");
                    if (other.isPresent()) {
                        return other.get();
                    }
                    if (t.isEmpty("stateProvince")) {
                        return Response.internalPrerequisitesNotMet("dwc:stateProvince is EMPTY");
                    }
                    return Places.France.get().hasSubdivision(t.get("stateProvince").orElseThrow())
                            ? Response.compliant("dwc:stateProvince is a région or département of France")
                            : Response.externalPrerequisitesNotMet("dwc:stateProvince is not a région or département of "
                                    + "France, the only subdivisions bundled");
                });
    }

    public static BdqTest countryStateProvinceUnambiguous() {
        return SimpleBdqTest.of("VALIDATION_COUNTRYSTATEPROVINCE_UNAMBIGUOUS", "d257eb98-27cb-48e5-8d3c-ab9fca4edd11",
                VALIDATION, List.of("dwc:country", "dwc:stateProvince"),
                Map.of("bdqval:sourceAuthority", COUNTRY_NAMES + " and " + FRANCE), t -> {
                    Optional<Response> other = otherAuthority(t, "3166", "jdk", "ign", "france");
                    if (other.isPresent()) {
                        return other.get();
                    }
                    if (t.isEmpty("country") && t.isEmpty("stateProvince")) {
                        return Response.internalPrerequisitesNotMet("dwc:country and dwc:stateProvince are EMPTY");
                    }
                    Optional<String> country = t.get("country");
                    Optional<String> state = t.get("stateProvince");
                    if (country.isPresent() && Places.countryCode(country.get()).isEmpty()) {
                        return Response.notCompliant("dwc:country is not a country in " + COUNTRY_NAMES);
                    }
                    if (state.isEmpty()) {
                        return Response.compliant("dwc:country is a country");
                    }
                    boolean french = Places.France.get().hasSubdivision(state.get());
                    if (country.isPresent() && Places.isFrance(country.get())) {
                        return Response.of(french, "dwc:stateProvince " + (french ? "is" : "is not")
                                + " a région or département of France");
                    }
                    if (country.isEmpty() && french) {
                        return Response.compliant("dwc:stateProvince is a région or département of France");
                    }
                    return Response.externalPrerequisitesNotMet("subdivisions are bundled for France only");
                });
    }

    public static BdqTest coordinatesStateProvinceConsistent() {
        return SimpleBdqTest.of("VALIDATION_COORDINATESSTATEPROVINCE_CONSISTENT", "f18a470b-3fe1-4aae-9c65-a6d3db6b550c",
                VALIDATION, List.of("dwc:decimalLatitude", "dwc:decimalLongitude", "dwc:stateProvince"),
                Map.of("bdqval:sourceAuthority", FRANCE), t -> {
                    Optional<Response> other = otherAuthority(t, "ign", "france");
                    if (other.isPresent()) {
                        return other.get();
                    }
                    Optional<Double> lat = t.number("decimalLatitude").filter(v -> Math.abs(v) <= 90);
                    Optional<Double> lon = t.number("decimalLongitude").filter(v -> Math.abs(v) <= 180);
                    if (lat.isEmpty() || lon.isEmpty() || t.isEmpty("stateProvince")) {
                        return Response.internalPrerequisitesNotMet(
                                "dwc:decimalLatitude, dwc:decimalLongitude or dwc:stateProvince is EMPTY or invalid");
                    }
                    String state = t.get("stateProvince").orElseThrow();
                    if (!Places.France.get().hasSubdivision(state)) {
                        return Response.externalPrerequisitesNotMet("dwc:stateProvince is not a région or département "
                                + "of France, the only subdivisions bundled");
                    }
                    boolean in = Places.France.get().contains(state, lat.get(), lon.get());
                    return Response.of(in, "the coordinates are " + (in ? "" : "not ") + "in " + state);
                });
    }

    public static BdqTest countryCodeFromCoordinates(Map<String, Territory> boundaries) {
        return SimpleBdqTest.of("AMENDMENT_COUNTRYCODE_FROM_COORDINATES", "8c5fe9c9-4ba9-49ef-b15a-9ccd0424e6ae",
                AMENDMENT, List.of("dwc:countryCode", "dwc:decimalLatitude", "dwc:decimalLongitude"),
                Map.of("bdqval:sourceAuthority", "bundled boundaries " + boundaries.keySet()), t -> {
                    Optional<Response> other = otherAuthority(t, "bundled");
                    if (other.isPresent()) {
                        return other.get();
                    }
                    if (t.isEmpty("decimalLatitude") || t.isEmpty("decimalLongitude") || !t.isEmpty("countryCode")) {
                        return Response.internalPrerequisitesNotMet(
                                "dwc:decimalLatitude or dwc:decimalLongitude is EMPTY, or dwc:countryCode is not EMPTY");
                    }
                    Optional<Double> lat = t.number("decimalLatitude").filter(v -> Math.abs(v) <= 90);
                    Optional<Double> lon = t.number("decimalLongitude").filter(v -> Math.abs(v) <= 180);
                    if (lat.isEmpty() || lon.isEmpty()) {
                        return Response.notAmended("dwc:decimalLatitude or dwc:decimalLongitude is not a valid coordinate");
                    }
                    for (Map.Entry<String, Territory> b : boundaries.entrySet()) {
                        if (b.getValue().contains(lat.get(), lon.get())) {
                            return Response.filledIn(Map.of("dwc:countryCode", b.getKey()),
                                    "the coordinates fall in the bundled boundary of " + b.getKey());
                        }
                    }
                    return Response.externalPrerequisitesNotMet("the coordinates fall outside the bundled boundaries "
                            + boundaries.keySet());
                });
    }

    public static BdqTest centerOfCountry() {
        return SimpleBdqTest.of("ISSUE_COORDINATES_CENTEROFCOUNTRY", "256e51b3-1e08-4349-bb7e-5186631c3f8e", ISSUE,
                List.of("dwc:countryCode", "dwc:decimalLatitude", "dwc:decimalLongitude"),
                Map.of("bdqval:sourceAuthority", "GBIF Catalogue of Country Centroids (not bundled)"), t -> {
                    if (t.isEmpty("countryCode") || t.isEmpty("decimalLatitude") || t.isEmpty("decimalLongitude")) {
                        return Response.internalPrerequisitesNotMet(
                                "dwc:countryCode, dwc:decimalLatitude or dwc:decimalLongitude is EMPTY");
                    }
                    return Response.externalPrerequisitesNotMet("no catalogue of country centroids is bundled");
                });
    }

    /**
     * No marine/non-marine authority for taxa is bundled, so the taxon's biome is never known: with
     * {@code bdqval:assumptionOnUnknownBiome} "marine" or "nonmarine" the point's biome decides, known offline only inside
     * the bundled (land) boundaries; anything else needs the authority.
     */
    public static BdqTest terrestrialMarine(Map<String, Territory> boundaries) {
        return SimpleBdqTest.of("VALIDATION_COORDINATESTERRESTRIALMARINE_CONSISTENT",
                "b9c184ce-a859-410c-9d12-71a338200380", VALIDATION,
                List.of("dwc:decimalLatitude", "dwc:decimalLongitude", "dwc:scientificName"),
                Map.of("bdqval:taxonIsMarine", "World Register of Marine Species (not bundled)",
                        "bdqval:geospatialLand", "bundled boundaries " + boundaries.keySet(),
                        "bdqval:assumptionOnUnknownBiome", "noassumption"), t -> {
                    if (!t.isEmpty("bdqval:taxonIsMarine") || !t.isEmpty("bdqval:geospatialLand")) {
                        return Response.externalPrerequisitesNotMet(
                                "bdqval:taxonIsMarine and bdqval:geospatialLand name authorities not available offline");
                    }
                    Optional<Double> lat = t.number("decimalLatitude").filter(v -> Math.abs(v) <= 90);
                    Optional<Double> lon = t.number("decimalLongitude").filter(v -> Math.abs(v) <= 180);
                    if (t.isEmpty("scientificName") || lat.isEmpty() || lon.isEmpty()) {
                        return Response.internalPrerequisitesNotMet(
                                "dwc:scientificName, dwc:decimalLatitude or dwc:decimalLongitude is EMPTY or invalid");
                    }
                    String assumption = t.get("bdqval:assumptionOnUnknownBiome").orElse("noassumption");
                    boolean onLand = boundaries.values().stream().anyMatch(b -> b.contains(lat.get(), lon.get()));
                    if (!onLand || !(assumption.equals("marine") || assumption.equals("nonmarine"))) {
                        return Response.externalPrerequisitesNotMet("no marine/non-marine authority for taxa is bundled, "
                                + "and land is known offline only within " + boundaries.keySet());
                    }
                    boolean ok = assumption.equals("nonmarine");
                    return Response.of(ok, "the point is on land and the taxon is assumed " + assumption);
                });
    }

    /** Annotations travel in the record here ({@code bdqval:annotation}, {@code bdqval:annotationAlertIf}). */
    public static BdqTest annotationNotEmpty() {
        return SimpleBdqTest.of("ISSUE_ANNOTATION_NOTEMPTY", "fecaa8a3-bbd8-4c5a-a424-13c37c4bb7b1", ISSUE, List.of(),
                Map.of("bdqval:annotationSystem", "annotations carried in the record"), t -> {
                    boolean any = !t.isEmpty("bdqval:annotation") || !t.isEmpty("bdqval:annotationAlertIf")
                            || !t.isEmpty("bdqval:annotationAlertif");
                    return Response.issue(any, any ? "the record carries an annotation" : "no annotation");
                });
    }
}
