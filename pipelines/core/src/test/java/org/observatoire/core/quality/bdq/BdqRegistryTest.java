package org.observatoire.core.quality.bdq;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasEntry;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BdqRegistryTest {

    private final BdqRegistry registry = BdqRegistry.standard(BdqParameters.defaults(LocalDate.of(2026, 11, 23)),
            Map.of("FR", (lat, lon) -> lat > 41 && lat < 51.2 && lon > -5.3 && lon < 9.7));

    @Test
    void findsTestsByLabelGuidUrnAndOldLabel() {
        BdqTest byLabel = registry.byLabel("VALIDATION_COORDINATES_NOTZERO").orElseThrow();
        assertThat(byLabel.guid(), equalTo("1bf0e210-6792-4128-b8cc-ab6828aa4871"));
        assertThat(registry.byGuid("urn:uuid:1bf0e210-6792-4128-b8cc-ab6828aa4871").orElseThrow(), is(byLabel));
        assertThat(registry.find("VALIDATION_COORDINATES_ZERO").orElseThrow(), is(byLabel));
        assertThat(registry.find("NO_SUCH_TEST").isPresent(), is(false));
        assertThat(registry.all().size(), greaterThanOrEqualTo(28));
    }

    @Test
    void exposesTheStandardsParameterDefaultsWithTheGivenLatestDate() {
        BdqTest inRange = registry.byLabel("VALIDATION_EVENTDATE_INRANGE").orElseThrow();
        assertThat(inRange.parameters(), hasEntry("bdqval:earliestValidDate", "1582-11-15"));
        assertThat(inRange.parameters(), hasEntry("bdqval:latestValidDate", "2026-11-23"));
        assertThat(inRange.type(), is(TestType.VALIDATION));
        assertThat(inRange.actedUpon(), equalTo(List.of("dwc:eventDate")));
    }

    @Test
    void aParameterGivenInTheRecordOverridesTheConfiguredOne() {
        BdqTest inRange = registry.byLabel("VALIDATION_EVENTDATE_INRANGE").orElseThrow();
        assertThat(inRange.run(Map.of("dwc:eventDate", "2026-06-01")).result(), equalTo(Response.COMPLIANT));
        assertThat(inRange.run(Map.of("dwc:eventDate", "2026-06-01", "bdq:latestValidDate", "2025-12-31")).result(),
                equalTo(Response.NOT_COMPLIANT));
    }

    @Test
    void countryTestsRunOfflineOnlyWhereABoundaryIsBundled() {
        BdqTest consistent = registry.byLabel("VALIDATION_COORDINATESCOUNTRYCODE_CONSISTENT").orElseThrow();
        Response strasbourg = consistent.run(Map.of("dwc:decimalLatitude", "48.58", "dwc:decimalLongitude", "7.75",
                "dwc:countryCode", "FR"));
        assertThat(strasbourg.result(), equalTo(Response.COMPLIANT));
        Response inverted = consistent.run(Map.of("dwc:decimalLatitude", "48.58", "dwc:decimalLongitude", "-7.75",
                "dwc:countryCode", "FR"));
        assertThat(inverted.result(), equalTo(Response.NOT_COMPLIANT));
        Response chile = consistent.run(Map.of("dwc:decimalLatitude", "-41.05", "dwc:decimalLongitude", "-71.53",
                "dwc:countryCode", "CL"));
        assertThat(chile.status(), is(ResponseStatus.EXTERNAL_PREREQUISITES_NOT_MET));

        Response transposed = registry.byLabel("AMENDMENT_COORDINATES_TRANSPOSED").orElseThrow()
                .run(Map.of("dwc:decimalLatitude", "48.58", "dwc:decimalLongitude", "-7.75", "dwc:countryCode", "FR"));
        assertThat(transposed.status(), is(ResponseStatus.AMENDED));
        assertThat(transposed.amendment(), equalTo(Map.of("dwc:decimalLongitude", "7.75")));
    }

    @Test
    void amendmentResultIsTheStandardsJsonAndInconsistentResponsesAreRejected() {
        Response r = Response.amended(Map.of("dwc:eventDate", "2021-10-28"), "read as year-day-month");
        assertThat(r.resultText(), equalTo("{\"dwc:eventDate\":\"2021-10-28\"}"));
        assertThrows(IllegalArgumentException.class,
                () -> new Response(ResponseStatus.AMENDED, "", Map.of(), "no change"));
        assertThrows(IllegalArgumentException.class, () -> BdqRegistry.of(List.of(
                VocabularyTests.countryCodeStandard(), VocabularyTests.countryCodeStandard())));
    }

    @Test
    void theLatestValidDateIsNeverReadFromAClock() {
        assertThrows(NullPointerException.class, () -> BdqParameters.defaults(null));
    }

    @Test
    void everyTestOfTheStandardIsImplementedUnderItsLabelGuidAndType() {
        for (Tg2Catalogue.Entry e : Tg2Catalogue.bundled().all()) {
            BdqTest t = registry.byLabel(e.label()).orElseThrow(() -> new AssertionError("not implemented: " + e.label()));
            assertThat(e.label(), t.guid(), equalTo(e.guid()));
            assertThat(e.label(), t.type(), is(e.type()));
        }
        assertThat(registry.all().size(), equalTo(Tg2Catalogue.bundled().all().size()));
        registry.all().forEach(t -> assertThat(t.label(), Tg2Catalogue.bundled().find(t.guid()).orElseThrow().label(),
                equalTo(t.label())));
    }

    @Test
    void theAggregateMeasuresCountTheRecordsOtherResponses() {
        Map<String, String> record = Map.of("dwc:year", "2020", "dwc:month", "13");
        int validations = (int) registry.all().stream().filter(t -> t.type() == TestType.VALIDATION).count();
        int compliant = Integer.parseInt(registry.byLabel("MEASURE_VALIDATIONTESTS_COMPLIANT").orElseThrow()
                .run(record).result());
        int notCompliant = Integer.parseInt(registry.byLabel("MEASURE_VALIDATIONTESTS_NOTCOMPLIANT").orElseThrow()
                .run(record).result());
        int notRun = Integer.parseInt(registry.byLabel("MEASURE_VALIDATIONTESTS_PREREQUISITESNOTMET").orElseThrow()
                .run(record).result());
        assertThat(compliant + notCompliant + notRun, equalTo(validations));
        // month 13 is not standard; year 2020 is not empty and in range
        assertThat(registry.byLabel("VALIDATION_MONTH_STANDARD").orElseThrow().run(record).result(),
                equalTo(Response.NOT_COMPLIANT));
        assertThat(registry.byLabel("MEASURE_AMENDMENTS_PROPOSED").orElseThrow().run(record).status(),
                is(ResponseStatus.RUN_HAS_RESULT));
    }
}
