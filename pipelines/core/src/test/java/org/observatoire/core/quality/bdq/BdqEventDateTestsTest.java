package org.observatoire.core.quality.bdq;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cases beyond the standard's data, from volunteers' records. */
class BdqEventDateTestsTest {

    private final BdqParameters p = BdqParameters.defaults(LocalDate.of(2026, 11, 23));

    @Test
    void monthAndDayStandardAcceptOnlyIntegersInRange() {
        assertThat(EventDateTests.monthStandard().run(Map.of("dwc:month", "12")).result(), equalTo(Response.COMPLIANT));
        assertThat(EventDateTests.monthStandard().run(Map.of("dwc:month", "13")).result(), equalTo(Response.NOT_COMPLIANT));
        assertThat(EventDateTests.monthStandard().run(Map.of("dwc:month", "mai")).result(), equalTo(Response.NOT_COMPLIANT));
        assertThat(EventDateTests.monthStandard().run(Map.of()).status(), is(ResponseStatus.INTERNAL_PREREQUISITES_NOT_MET));
        assertThat(EventDateTests.dayStandard().run(Map.of("dwc:day", "31")).result(), equalTo(Response.COMPLIANT));
        assertThat(EventDateTests.dayStandard().run(Map.of("dwc:day", "0")).result(), equalTo(Response.NOT_COMPLIANT));
    }

    @Test
    void dayInRangeKnowsMonthLengthsAndLeapYears() {
        assertThat(EventDateTests.dayInRange().run(Map.of("day", "29", "month", "2", "year", "2024")).result(),
                equalTo(Response.COMPLIANT));
        assertThat(EventDateTests.dayInRange().run(Map.of("day", "29", "month", "2", "year", "2023")).result(),
                equalTo(Response.NOT_COMPLIANT));
        assertThat(EventDateTests.dayInRange().run(Map.of("day", "31", "month", "4")).result(),
                equalTo(Response.NOT_COMPLIANT));
    }

    @Test
    void ambiguousDayMonthIsNotAmended() {
        Response r = EventDateTests.eventDateStandardized().run(Map.of("dwc:eventDate", "11/12/2012"));
        assertThat(r.status(), is(ResponseStatus.NOT_AMENDED));
        Response unambiguous = EventDateTests.eventDateStandardized().run(Map.of("dwc:eventDate", "25/12/2012"));
        assertThat(unambiguous.amendment(), equalTo(Map.of("dwc:eventDate", "2012-12-25")));
    }

    @Test
    void inRangeUsesTheWholeInterval() {
        BdqTest t = EventDateTests.eventDateInRange(p);
        assertThat(t.run(Map.of("dwc:eventDate", "2026-11-20/2026-11-30")).result(), equalTo(Response.NOT_COMPLIANT));
        assertThat(t.run(Map.of("dwc:eventDate", "2024-05-01T06:30+02:00")).result(), equalTo(Response.COMPLIANT));
        assertThat(t.run(Map.of("dwc:eventDate", "1582-11-14")).result(), equalTo(Response.NOT_COMPLIANT));
    }
}
