package org.observatoire.core.quality.bdq;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The standard's {@code *_NOTEMPTY} validations and issues, built from the catalogue: a validation is COMPLIANT when
 * any of the terms it acts upon is not EMPTY (one term for most; any location or taxon term for LOCATION and TAXON,
 * any temporal term for EVENTTEMPORAL); an issue is POTENTIAL_ISSUE when its term is not EMPTY.
 * VALIDATION_COUNTRY_NOTEMPTY also accepts the high seas ({@code dwc:countryCode} "XZ").
 */
public final class NotEmptyTests {

    /** Not a test of a record's terms: it consults an annotation system, which is not bundled. */
    private static final Set<String> NOT_TERM_TESTS = Set.of("ISSUE_ANNOTATION_NOTEMPTY");

    private NotEmptyTests() {
    }

    public static List<BdqTest> all() {
        return Tg2Catalogue.bundled().all().stream()
                .filter(e -> e.label().endsWith("_NOTEMPTY") && !NOT_TERM_TESTS.contains(e.label()))
                .map(NotEmptyTests::of)
                .toList();
    }

    private static BdqTest of(Tg2Catalogue.Entry e) {
        List<String> terms = Arrays.stream(e.actedUpon().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        String names = String.join(", ", terms);
        if (e.type() == TestType.ISSUE) {
            return SimpleBdqTest.of(e.label(), e.guid(), e.type(), terms, t -> {
                boolean any = terms.stream().anyMatch(term -> !t.isEmpty(term));
                return Response.issue(any, names + (any ? " is not EMPTY" : " is EMPTY"));
            });
        }
        boolean country = e.label().equals("VALIDATION_COUNTRY_NOTEMPTY");
        return SimpleBdqTest.of(e.label(), e.guid(), e.type(), terms, t -> {
            if (terms.stream().anyMatch(term -> !t.isEmpty(term))) {
                return Response.compliant(names + (terms.size() == 1 ? " is" : ": at least one is") + " not EMPTY");
            }
            if (country && t.get("countryCode").filter("XZ"::equals).isPresent()) {
                return Response.compliant("dwc:country is EMPTY and dwc:countryCode is XZ (high seas)");
            }
            return Response.notCompliant(names + (terms.size() == 1 ? " is" : " are all") + " EMPTY");
        });
    }
}
