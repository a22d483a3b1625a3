package org.observatoire.core.quality.bdq;

import static org.observatoire.core.quality.bdq.TestType.AMENDMENT;
import static org.observatoire.core.quality.bdq.TestType.VALIDATION;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.observatoire.core.quality.dates.IsoInterval;
import org.observatoire.core.quality.dates.LenientDates;

/** BDQ TG2 tests on dwc:eventDate, dwc:year, dwc:month, dwc:day and dwc:dateIdentified. */
public final class EventDateTests {

    private EventDateTests() {
    }

    public static List<BdqTest> all(BdqParameters p) {
        return List.of(eventDateStandard(), eventDateInRange(p), yearInRange(p),
                monthStandard(), dayStandard(), dayInRange(), eventDateConsistent(), dateIdentifiedStandard(),
                dateIdentifiedInRange(p), eventDateStandardized(), dateIdentifiedStandardized(), eventDateFromYearMonthDay());
    }

    public static BdqTest eventDateStandard() {
        return standard("VALIDATION_EVENTDATE_STANDARD", "4f2bf8fd-fc5c-493f-a44c-e7b16153c803", "eventDate");
    }

    public static BdqTest dateIdentifiedStandard() {
        return standard("VALIDATION_DATEIDENTIFIED_STANDARD", "66269bdd-9271-4e76-b25c-7ab81eebe1d8", "dateIdentified");
    }

    private static BdqTest standard(String label, String guid, String term) {
        return SimpleBdqTest.of(label, guid, VALIDATION, List.of("dwc:" + term), t -> {
            Optional<String> v = t.get(term);
            if (v.isEmpty()) {
                return Response.internalPrerequisitesNotMet("dwc:" + term + " is EMPTY");
            }
            boolean ok = IsoInterval.parse(v.get()).isPresent();
            return Response.of(ok, "dwc:" + term + (ok ? " is" : " is not") + " a valid ISO 8601 date");
        });
    }

    public static BdqTest eventDateInRange(BdqParameters p) {
        return SimpleBdqTest.of("VALIDATION_EVENTDATE_INRANGE", "3cff4dc4-72e9-4abe-9bf3-8a30f1618432", VALIDATION,
                List.of("dwc:eventDate"), dateParameters(p.earliestValidDate(), p.latestValidDate()), t -> {
                    Optional<String> v = t.get("eventDate");
                    if (v.isEmpty()) {
                        return Response.internalPrerequisitesNotMet("dwc:eventDate is EMPTY");
                    }
                    Optional<IsoInterval> d = IsoInterval.parse(v.get());
                    if (d.isEmpty()) {
                        return Response.internalPrerequisitesNotMet("dwc:eventDate is not a valid ISO 8601 date");
                    }
                    LocalDate earliest = dateParameter(t, "earliestValidDate", p.earliestValidDate());
                    LocalDate latest = dateParameter(t, "latestValidDate", p.latestValidDate());
                    boolean in = !d.get().firstDate().isBefore(earliest) && !d.get().lastDate().isAfter(latest);
                    return Response.of(in, "dwc:eventDate is " + (in ? "" : "not ") + "within " + earliest + "/" + latest);
                });
    }

    public static BdqTest yearInRange(BdqParameters p) {
        return SimpleBdqTest.of("VALIDATION_YEAR_INRANGE", "ad0c8855-de69-4843-a80c-a5387d20fbc8", VALIDATION,
                List.of("dwc:year"), dateParameters(p.earliestValidDate(), p.latestValidDate()), t -> {
                    if (t.isEmpty("year")) {
                        return Response.internalPrerequisitesNotMet("dwc:year is EMPTY");
                    }
                    Optional<Integer> y = t.integer("year");
                    if (y.isEmpty()) {
                        return Response.internalPrerequisitesNotMet("dwc:year is not interpretable as an integer");
                    }
                    int from = dateParameter(t, "earliestValidDate", p.earliestValidDate()).getYear();
                    int to = dateParameter(t, "latestValidDate", p.latestValidDate()).getYear();
                    boolean in = y.get() >= from && y.get() <= to;
                    return Response.of(in, "dwc:year is " + (in ? "" : "not ") + "within " + from + "-" + to);
                });
    }

    public static BdqTest monthStandard() {
        return SimpleBdqTest.of("VALIDATION_MONTH_STANDARD", "01c6dafa-0886-4b7e-9881-2c3018c98bdc", VALIDATION,
                List.of("dwc:month"), t -> integerIn(t, "month", 1, 12));
    }

    public static BdqTest dayStandard() {
        return SimpleBdqTest.of("VALIDATION_DAY_STANDARD", "47ff73ba-0028-4f79-9ce1-ee7008d66498", VALIDATION,
                List.of("dwc:day"), t -> integerIn(t, "day", 1, 31));
    }

    private static Response integerIn(Terms t, String term, int min, int max) {
        if (t.isEmpty(term)) {
            return Response.internalPrerequisitesNotMet("dwc:" + term + " is EMPTY");
        }
        boolean ok = t.integer(term).filter(v -> v >= min && v <= max).isPresent();
        return Response.of(ok, "dwc:" + term + (ok ? " is" : " is not") + " an integer in " + min + "-" + max);
    }

    public static BdqTest dayInRange() {
        return SimpleBdqTest.of("VALIDATION_DAY_INRANGE", "8d787cb5-73e2-4c39-9cd1-67c7361dc02e", VALIDATION,
                List.of("dwc:day", "dwc:month", "dwc:year"), t -> {
                    if (t.isEmpty("day")) {
                        return Response.internalPrerequisitesNotMet("dwc:day is EMPTY");
                    }
                    Optional<Integer> day = t.integer("day");
                    if (day.isEmpty()) {
                        return Response.internalPrerequisitesNotMet("dwc:day is not interpretable as an integer");
                    }
                    Optional<Integer> month = t.integer("month").filter(m -> m >= 1 && m <= 12);
                    Optional<Integer> year = t.integer("year");
                    int max = month.map(m -> year.isPresent() ? YearMonth.of(year.get(), m).lengthOfMonth()
                            : java.time.Month.of(m).maxLength()).orElse(31);
                    boolean ok = day.get() >= 1 && day.get() <= max;
                    return Response.of(ok, "dwc:day is " + (ok ? "" : "not ") + "in range 1-" + max);
                });
    }

    public static BdqTest dateIdentifiedInRange(BdqParameters p) {
        return SimpleBdqTest.of("VALIDATION_DATEIDENTIFIED_INRANGE", "dc8aae4b-134f-4d75-8a71-c4186239178e", VALIDATION,
                List.of("dwc:dateIdentified", "dwc:eventDate"),
                dateParameters(p.earliestValidDateIdentified(), p.latestValidDate()), t -> {
                    Optional<String> v = t.get("dateIdentified");
                    if (v.isEmpty()) {
                        return Response.internalPrerequisitesNotMet("dwc:dateIdentified is EMPTY");
                    }
                    Optional<IsoInterval> d = IsoInterval.parse(v.get());
                    if (d.isEmpty()) {
                        return Response.internalPrerequisitesNotMet("dwc:dateIdentified is not a valid ISO 8601 date");
                    }
                    LocalDate earliest = dateParameter(t, "earliestValidDate", p.earliestValidDateIdentified());
                    LocalDate latest = dateParameter(t, "latestValidDate", p.latestValidDate());
                    if (d.get().firstDate().isBefore(earliest) || d.get().lastDate().isAfter(latest)) {
                        return Response.notCompliant("dwc:dateIdentified is outside " + earliest + "/" + latest);
                    }
                    Optional<IsoInterval> event = t.get("eventDate").flatMap(IsoInterval::parse);
                    if (event.isPresent() && d.get().lastDate().isBefore(event.get().firstDate())) {
                        return Response.notCompliant("dwc:dateIdentified is before dwc:eventDate");
                    }
                    return Response.compliant("dwc:dateIdentified is in range");
                });
    }

    public static BdqTest eventDateConsistent() {
        return SimpleBdqTest.of("VALIDATION_EVENT_CONSISTENT", "5618f083-d55a-4ac2-92b5-b9fb227b832f", VALIDATION,
                List.of("dwc:eventDate", "dwc:year", "dwc:month", "dwc:day", "dwc:startDayOfYear", "dwc:endDayOfYear"),
                EventDateTests::consistent);
    }

    private static Response consistent(Terms t) {
        List<String> parts = List.of("year", "month", "day", "startDayOfYear", "endDayOfYear");
        if (t.isEmpty("eventDate")) {
            return Response.internalPrerequisitesNotMet("dwc:eventDate is EMPTY");
        }
        if (parts.stream().allMatch(t::isEmpty)) {
            return Response.internalPrerequisitesNotMet("dwc:day, dwc:month, dwc:year, dwc:startDayOfYear and "
                    + "dwc:endDayOfYear are EMPTY");
        }
        Optional<IsoInterval> parsed = IsoInterval.parse(t.get("eventDate").orElseThrow());
        if (parsed.isEmpty()) {
            return Response.notCompliant("dwc:eventDate is not a valid ISO 8601 date");
        }
        LocalDate first = parsed.get().firstDate();
        LocalDate last = parsed.get().lastDate();
        if (!t.isEmpty("year") && !t.integer("year").filter(y -> y == first.getYear() && y == last.getYear()).isPresent()) {
            return Response.notCompliant("dwc:year does not match dwc:eventDate");
        }
        boolean oneMonth = YearMonth.from(first).equals(YearMonth.from(last));
        if (!t.isEmpty("month") && !(oneMonth && t.integer("month").filter(m -> m == first.getMonthValue()).isPresent())) {
            return Response.notCompliant("dwc:month does not match dwc:eventDate");
        }
        if (!t.isEmpty("day") && !(parsed.get().isOneDay()
                && t.integer("day").filter(d -> d == first.getDayOfMonth()).isPresent())) {
            return Response.notCompliant("dwc:day does not match dwc:eventDate");
        }
        if (!t.isEmpty("startDayOfYear") && !(parsed.get().start().hasDay()
                && t.integer("startDayOfYear").filter(d -> d == first.getDayOfYear()).isPresent())) {
            return Response.notCompliant("dwc:startDayOfYear does not match dwc:eventDate");
        }
        if (!t.isEmpty("endDayOfYear") && !(parsed.get().end().hasDay()
                && t.integer("endDayOfYear").filter(d -> d == last.getDayOfYear()).isPresent())) {
            return Response.notCompliant("dwc:endDayOfYear does not match dwc:eventDate");
        }
        return Response.compliant("dwc:eventDate, dwc:day, dwc:month, dwc:year, dwc:startDayOfYear and "
                + "dwc:endDayOfYear are consistent");
    }

    public static BdqTest eventDateStandardized() {
        return standardized("AMENDMENT_EVENTDATE_STANDARDIZED", "718dfc3c-cb52-4fca-b8e2-0e722f375da7", "eventDate");
    }

    public static BdqTest dateIdentifiedStandardized() {
        return standardized("AMENDMENT_DATEIDENTIFIED_STANDARDIZED", "39bb2280-1215-447b-9221-fd13bc990641",
                "dateIdentified");
    }

    private static BdqTest standardized(String label, String guid, String term) {
        return SimpleBdqTest.of(label, guid, AMENDMENT, List.of("dwc:" + term), t -> {
            Optional<String> v = t.get(term);
            if (v.isEmpty()) {
                return Response.internalPrerequisitesNotMet("dwc:" + term + " is EMPTY");
            }
            if (IsoInterval.parse(v.get()).isPresent()) {
                return Response.notAmended("dwc:" + term + " is already a valid ISO 8601 date");
            }
            LenientDates.Reading r = LenientDates.read(v.get());
            return r.date().map(d -> Response.amended(Map.of("dwc:" + term, d.toString()), "dwc:" + term + " " + r.note()))
                    .orElseGet(() -> Response.notAmended("dwc:" + term + " is " + r.outcome().name().toLowerCase()
                            + ": " + r.note()));
        });
    }

    public static BdqTest eventDateFromYearMonthDay() {
        return SimpleBdqTest.of("AMENDMENT_EVENTDATE_FROM_YEARMONTHDAY", "3892f432-ddd0-4a0a-b713-f2e2ecbd879d",
                AMENDMENT, List.of("dwc:eventDate", "dwc:year", "dwc:month", "dwc:day"), t -> {
                    if (!t.isEmpty("eventDate")) {
                        return Response.internalPrerequisitesNotMet("dwc:eventDate is not EMPTY");
                    }
                    Optional<Integer> year = t.integer("year");
                    if (year.isEmpty()) {
                        return Response.internalPrerequisitesNotMet("dwc:year is EMPTY or not an integer");
                    }
                    if (year.get() < 1 || year.get() > 9999) {
                        return Response.notAmended("dwc:year " + year.get() + " cannot be written as an ISO 8601 year");
                    }
                    Optional<Integer> month = t.get("month").flatMap(LenientDates::month);
                    String value = String.valueOf(year.get());
                    if (month.isPresent()) {
                        YearMonth ym = YearMonth.of(year.get(), month.get());
                        value = ym.toString();
                        if (!t.isEmpty("day")) {
                            Optional<Integer> day = t.integer("day").filter(d -> d >= 1 && d <= ym.lengthOfMonth());
                            if (day.isEmpty()) {
                                return Response.notAmended("dwc:day is not a day of " + ym);
                            }
                            value = ym.atDay(day.get()).toString();
                        }
                    }
                    return Response.filledIn(Map.of("dwc:eventDate", value),
                            "dwc:eventDate filled in from dwc:year, dwc:month and dwc:day");
                });
    }

    private static Map<String, String> dateParameters(LocalDate earliest, LocalDate latest) {
        return Map.of("bdqval:earliestValidDate", earliest.toString(), "bdqval:latestValidDate", latest.toString());
    }

    /** A parameter given as a column of the record (bdq:earliestValidDate...) overrides the configured one. */
    private static LocalDate dateParameter(Terms t, String name, LocalDate configured) {
        return t.get("bdq:" + name).flatMap(IsoInterval::parse).map(IsoInterval::firstDate).orElse(configured);
    }
}
