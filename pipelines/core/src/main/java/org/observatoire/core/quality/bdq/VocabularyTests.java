package org.observatoire.core.quality.bdq;

import static org.observatoire.core.quality.bdq.TestType.AMENDMENT;
import static org.observatoire.core.quality.bdq.TestType.VALIDATION;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** BDQ TG2 tests of terms with a controlled vocabulary, each vocabulary bundled for offline use. */
public final class VocabularyTests {

    /** Darwin Core basisOfRecord classes (the bdq:sourceAuthority default). */
    public static final List<String> BASIS_OF_RECORD = List.of("PreservedSpecimen", "FossilSpecimen", "LivingSpecimen",
            "MaterialSample", "MaterialEntity", "MaterialCitation", "Event", "HumanObservation", "MachineObservation",
            "Occurrence", "Taxon");
    /** Darwin Core occurrenceStatus vocabulary. */
    public static final Set<String> OCCURRENCE_STATUS = Set.of("present", "absent");
    /** ISO 3166-1 alpha-2, as the JDK bundles it. */
    public static final Set<String> COUNTRY_CODES = Set.of(Locale.getISOCountries());

    private VocabularyTests() {
    }

    public static List<BdqTest> all() {
        return List.of(notEmpty("VALIDATION_BASISOFRECORD_NOTEMPTY", "ac2b7648-d5f9-48ca-9b07-8ad5879a2536", "basisOfRecord"),
                basisOfRecordStandard(), basisOfRecordStandardized(),
                notEmpty("VALIDATION_OCCURRENCESTATUS_NOTEMPTY", "eb4a17f6-6bea-4cdd-93dd-d5a7e9d1eccf", "occurrenceStatus"),
                occurrenceStatusStandard(),
                notEmpty("VALIDATION_COUNTRYCODE_NOTEMPTY", "853b79a2-b314-44a2-ae46-34a1e7ed85e4", "countryCode"),
                countryCodeStandard(),
                notEmpty("VALIDATION_GEODETICDATUM_NOTEMPTY", "239ec40e-a729-4a8e-ba69-e0bf03ac1c44", "geodeticDatum"),
                geodeticDatumStandard());
    }

    static BdqTest notEmpty(String label, String guid, String term) {
        return SimpleBdqTest.of(label, guid, VALIDATION, List.of("dwc:" + term), t -> Response.of(!t.isEmpty(term),
                "dwc:" + term + (t.isEmpty(term) ? " is EMPTY" : " is not EMPTY")));
    }

    public static BdqTest basisOfRecordStandard() {
        return member("VALIDATION_BASISOFRECORD_STANDARD", "42408a00-bf71-4892-a399-4325e2bc1fb8", "basisOfRecord",
                "Darwin Core basisOfRecord", v -> BASIS_OF_RECORD.contains(v) || BASIS_OF_RECORD.contains(v.replace(" ", ""))
                        && v.matches("([A-Z][a-z]+ ?)+"));
    }

    public static BdqTest occurrenceStatusStandard() {
        return member("VALIDATION_OCCURRENCESTATUS_STANDARD", "7af25f1e-a4e2-4ff4-b161-d1f25a5c3e47", "occurrenceStatus",
                "Darwin Core occurrenceStatus", OCCURRENCE_STATUS::contains);
    }

    public static BdqTest countryCodeStandard() {
        return member("VALIDATION_COUNTRYCODE_STANDARD", "0493bcfb-652e-4d17-815b-b0cce0742fbe", "countryCode",
                "ISO 3166-1-alpha-2", COUNTRY_CODES::contains);
    }

    public static BdqTest geodeticDatumStandard() {
        return member("VALIDATION_GEODETICDATUM_STANDARD", "7e0c0418-fe16-4a39-98bd-80e19d95b9d1", "geodeticDatum",
                "EPSG", GeodeticDatums::isKnown);
    }

    private static BdqTest member(String label, String guid, String term, String authority,
            java.util.function.Predicate<String> inVocabulary) {
        return SimpleBdqTest.of(label, guid, VALIDATION, List.of("dwc:" + term),
                Map.of("bdq:sourceAuthority", authority), t -> {
                    Optional<String> v = t.get(term);
                    if (v.isEmpty()) {
                        return Response.internalPrerequisitesNotMet("dwc:" + term + " is EMPTY");
                    }
                    if (t.asksForOtherAuthority(authority)) {
                        return Response.externalPrerequisitesNotMet("bdq:sourceAuthority "
                                + t.get("bdq:sourceAuthority").orElseThrow() + " is not available offline");
                    }
                    boolean ok = inVocabulary.test(v.get());
                    return Response.of(ok, "dwc:" + term + (ok ? " matches " : " does not match ") + authority);
                });
    }

    public static BdqTest basisOfRecordStandardized() {
        return SimpleBdqTest.of("AMENDMENT_BASISOFRECORD_STANDARDIZED", "07c28ace-561a-476e-a9b9-3d5ad6e35933", AMENDMENT,
                List.of("dwc:basisOfRecord"), Map.of("bdq:sourceAuthority", "Darwin Core basisOfRecord"), t -> {
                    Optional<String> v = t.get("basisOfRecord");
                    if (v.isEmpty()) {
                        return Response.internalPrerequisitesNotMet("dwc:basisOfRecord is EMPTY");
                    }
                    if (t.asksForOtherAuthority("Darwin Core basisOfRecord")) {
                        return Response.externalPrerequisitesNotMet("bdq:sourceAuthority is not available offline");
                    }
                    if (BASIS_OF_RECORD.contains(v.get())) {
                        return Response.notAmended("dwc:basisOfRecord already matches the vocabulary");
                    }
                    List<String> matches = basisOfRecordCandidates(v.get());
                    if (matches.size() == 1) {
                        return Response.amended(Map.of("dwc:basisOfRecord", matches.get(0)),
                                "dwc:basisOfRecord interpreted as " + matches.get(0));
                    }
                    return Response.notAmended(matches.isEmpty() ? "dwc:basisOfRecord is uninterpretable"
                            : "dwc:basisOfRecord is ambiguous: " + matches);
                });
    }

    /** Vocabulary values whose words start with the value's words, in order ("Pres.spec" → PreservedSpecimen). */
    static List<String> basisOfRecordCandidates(String value) {
        List<String> given = new ArrayList<>();
        for (String w : value.split("[^A-Za-z]+|(?<=[a-z])(?=[A-Z])")) {
            if (!w.isEmpty()) {
                given.add(w.toLowerCase(Locale.ROOT));
            }
        }
        List<String> out = new ArrayList<>();
        for (String candidate : BASIS_OF_RECORD) {
            String[] parts = candidate.split("(?<=[a-z])(?=[A-Z])");
            if (parts.length != given.size()) {
                continue;
            }
            boolean all = true;
            for (int i = 0; i < parts.length && all; i++) {
                all = given.get(i).length() >= 2 && parts[i].toLowerCase(Locale.ROOT).startsWith(given.get(i));
            }
            if (all) {
                out.add(candidate);
            }
        }
        return out;
    }
}
