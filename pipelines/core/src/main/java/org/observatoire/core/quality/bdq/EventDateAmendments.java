package org.observatoire.core.quality.bdq;

import static org.observatoire.core.quality.bdq.TestType.AMENDMENT;
import static org.observatoire.core.quality.bdq.TestType.MEASURE;
import static org.observatoire.core.quality.bdq.TestType.VALIDATION;

import java.time.Duration;
import java.time.LocalDate;
import java.time.Year;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.observatoire.core.quality.dates.IsoDateTime;
import org.observatoire.core.quality.dates.IsoInterval;

/**
 * BDQ TG2 tests on the parts of an event's date: day-of-year ranges, the duration measure, and the amendments that
 * fill dwc:eventDate from its parts or from dwc:verbatimEventDate, the parts from dwc:eventDate, and standardise
 * dwc:day and dwc:month.
 */
public final class EventDateAmendments {

    private static final Pattern DAY = Pattern.compile("(\\d{1,2})(?:st|nd|rd|th|\\.)?");
    /** {@code 1880-05-08/10}: an interval whose end repeats only the trailing parts of the start. */
    private static final Pattern ABBREVIATED_END = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})/(\\d{2}(?:-\\d{2})?)");

    private EventDateAmendments() {
    }

    public static List<BdqTest> all() {
        return List.of(dayOfYearInRange("VALIDATION_STARTDAYOFYEAR_INRANGE", "85803c7e-2a5a-42e1-b8d3-299a44cafc46",
                        "startDayOfYear", true),
                dayOfYearInRange("VALIDATION_ENDDAYOFYEAR_INRANGE", "9a39d88c-7eee-46df-b32a-c109f9f81fb8",
                        "endDayOfYear", false),
                durationInSeconds(), eventFromEventDate(), eventDateFromYearDaysOfYear(), eventDateFromVerbatim(),
                dayStandardized(), monthStandardized());
    }

    private static BdqTest dayOfYearInRange(String label, String guid, String term, boolean start) {
        return SimpleBdqTest.of(label, guid, VALIDATION, List.of("dwc:" + term, "dwc:eventDate"), t -> {
            if (t.isEmpty(term)) {
                return Response.internalPrerequisitesNotMet("dwc:" + term + " is EMPTY");
            }
            Optional<Integer> day = t.integer(term);
            if (day.isPresent() && day.get() == 366) {
                Optional<IsoInterval> event = t.get("eventDate").flatMap(IsoInterval::parse);
                if (event.isEmpty()) {
                    return Response.internalPrerequisitesNotMet("dwc:" + term + " is 366 and dwc:eventDate gives no year");
                }
                int year = (start ? event.get().firstDate() : event.get().lastDate()).getYear();
                return Response.of(Year.isLeap(year), "dwc:" + term + " is 366 and " + year
                        + (Year.isLeap(year) ? " is" : " is not") + " a leap year");
            }
            boolean ok = day.filter(d -> d >= 1 && d <= 365).isPresent();
            return Response.of(ok, "dwc:" + term + (ok ? " is" : " is not") + " an integer in 1-365");
        });
    }

    /** Strict ISO 8601, or a day-precise start with an abbreviated end ({@code 1880-05-08/10}). */
    static Optional<IsoInterval> parseInterval(String text) {
        Optional<IsoInterval> strict = IsoInterval.parse(text);
        Matcher m = ABBREVIATED_END.matcher(text.trim());
        if (strict.isPresent() || !m.matches()) {
            return strict;
        }
        String start = m.group(1);
        String end = start.substring(0, start.length() - m.group(2).length()) + m.group(2);
        return IsoInterval.parse(start + "/" + end);
    }

    public static BdqTest durationInSeconds() {
        return SimpleBdqTest.of("MEASURE_EVENTDATE_DURATIONINSECONDS", "56b6c695-adf1-418e-95d2-da04cad7be53", MEASURE,
                List.of("dwc:eventDate"), t -> {
                    Optional<IsoInterval> d = t.get("eventDate").flatMap(EventDateAmendments::parseInterval);
                    if (d.isEmpty()) {
                        return Response.measureNotReported("dwc:eventDate is EMPTY or not a valid ISO 8601 date");
                    }
                    IsoDateTime end = d.get().end();
                    long seconds = Duration.between(d.get().start().first(), end.last()).getSeconds()
                            + (end.precision() == org.observatoire.core.quality.dates.Precision.SECOND ? 0 : 1);
                    return Response.measure(Long.toString(seconds), "duration of dwc:eventDate in seconds");
                });
    }

    public static BdqTest eventFromEventDate() {
        return SimpleBdqTest.of("AMENDMENT_EVENT_FROM_EVENTDATE", "710fe118-17e1-440f-b428-88ba3f547d6d", AMENDMENT,
                List.of("dwc:eventDate", "dwc:year", "dwc:month", "dwc:day", "dwc:startDayOfYear", "dwc:endDayOfYear"),
                t -> {
                    Optional<IsoInterval> d = t.get("eventDate").flatMap(IsoInterval::parse);
                    if (d.isEmpty()) {
                        return Response.internalPrerequisitesNotMet("dwc:eventDate is EMPTY or not a valid ISO 8601 date");
                    }
                    LocalDate first = d.get().firstDate();
                    LocalDate last = d.get().lastDate();
                    Map<String, String> fill = new LinkedHashMap<>();
                    if (t.isEmpty("day") && d.get().isOneDay()) {
                        fill.put("dwc:day", Integer.toString(first.getDayOfMonth()));
                    }
                    if (t.isEmpty("month") && YearMonth.from(first).equals(YearMonth.from(last))
                            && d.get().start().precision().compareTo(org.observatoire.core.quality.dates.Precision.MONTH) >= 0) {
                        fill.put("dwc:month", Integer.toString(first.getMonthValue()));
                    }
                    if (t.isEmpty("year") && first.getYear() == last.getYear()) {
                        fill.put("dwc:year", Integer.toString(first.getYear()));
                    }
                    if (t.isEmpty("startDayOfYear") && t.isEmpty("endDayOfYear") && d.get().start().hasDay()
                            && d.get().end().hasDay()) {
                        fill.put("dwc:startDayOfYear", Integer.toString(first.getDayOfYear()));
                        fill.put("dwc:endDayOfYear", Integer.toString(last.getDayOfYear()));
                    }
                    return fill.isEmpty() ? Response.notAmended("nothing to fill in from dwc:eventDate")
                            : Response.filledIn(fill, "filled in from dwc:eventDate");
                });
    }

    public static BdqTest eventDateFromYearDaysOfYear() {
        return SimpleBdqTest.of("AMENDMENT_EVENTDATE_FROM_YEARSTARTDAYOFYEARENDDAYOFYEAR",
                "eb0a44fa-241c-4d64-98df-ad4aa837307b", AMENDMENT,
                List.of("dwc:eventDate", "dwc:year", "dwc:startDayOfYear", "dwc:endDayOfYear"), t -> {
                    if (!t.isEmpty("eventDate")) {
                        return Response.internalPrerequisitesNotMet("dwc:eventDate is not EMPTY");
                    }
                    Optional<Integer> year = t.integer("year");
                    Optional<Integer> start = t.integer("startDayOfYear");
                    Optional<Integer> end = t.integer("endDayOfYear");
                    if (year.isEmpty() || start.isEmpty() || end.isEmpty()) {
                        return Response.internalPrerequisitesNotMet(
                                "dwc:year, dwc:startDayOfYear or dwc:endDayOfYear is EMPTY or not an integer");
                    }
                    int days = Year.of(year.get()).length();
                    if (start.get() < 1 || end.get() > days || start.get() >= end.get()) {
                        return Response.notAmended("dwc:startDayOfYear is not before dwc:endDayOfYear within " + year.get());
                    }
                    Year y = Year.of(year.get());
                    return Response.filledIn(Map.of("dwc:eventDate", y.atDay(start.get()) + "/" + y.atDay(end.get())),
                            "dwc:eventDate filled in from dwc:year, dwc:startDayOfYear and dwc:endDayOfYear");
                });
    }

    public static BdqTest eventDateFromVerbatim() {
        return SimpleBdqTest.of("AMENDMENT_EVENTDATE_FROM_VERBATIM", "6d0a0c10-5e4a-4759-b448-88932f399812", AMENDMENT,
                List.of("dwc:eventDate", "dwc:verbatimEventDate"), t -> {
                    if (!t.isEmpty("eventDate")) {
                        return Response.internalPrerequisitesNotMet("dwc:eventDate is not EMPTY");
                    }
                    Optional<String> verbatim = t.get("verbatimEventDate");
                    if (verbatim.isEmpty()) {
                        return Response.internalPrerequisitesNotMet("dwc:verbatimEventDate is EMPTY");
                    }
                    return VerbatimDates.read(verbatim.get())
                            .map(d -> Response.filledIn(Map.of("dwc:eventDate", d),
                                    "dwc:eventDate read from dwc:verbatimEventDate"))
                            .orElseGet(() -> Response.notAmended("dwc:verbatimEventDate is not an unambiguous date"));
                });
    }

    public static BdqTest dayStandardized() {
        return SimpleBdqTest.of("AMENDMENT_DAY_STANDARDIZED", "b129fa4d-b25b-43f7-9645-5ed4d44b357b", AMENDMENT,
                List.of("dwc:day"), t -> {
                    Optional<String> v = t.get("day");
                    if (v.isEmpty()) {
                        return Response.internalPrerequisitesNotMet("dwc:day is EMPTY");
                    }
                    Matcher m = DAY.matcher(v.get().toLowerCase(java.util.Locale.ROOT));
                    if (!m.matches() || Integer.parseInt(m.group(1)) < 1 || Integer.parseInt(m.group(1)) > 31) {
                        return Response.notAmended("dwc:day is not an unambiguous day of the month");
                    }
                    String day = Integer.toString(Integer.parseInt(m.group(1)));
                    return day.equals(v.get()) ? Response.notAmended("dwc:day is already an integer in 1-31")
                            : Response.amended(Map.of("dwc:day", day), "dwc:day read as " + day);
                });
    }

    public static BdqTest monthStandardized() {
        return SimpleBdqTest.of("AMENDMENT_MONTH_STANDARDIZED", "2e371d57-1eb3-4fe3-8a61-dff43ced50cf", AMENDMENT,
                List.of("dwc:month"), t -> {
                    Optional<String> v = t.get("month");
                    if (v.isEmpty()) {
                        return Response.internalPrerequisitesNotMet("dwc:month is EMPTY");
                    }
                    Optional<Integer> m = VerbatimDates.month(v.get());
                    if (m.isEmpty()) {
                        return Response.notAmended("dwc:month is not an unambiguous month");
                    }
                    String month = Integer.toString(m.get());
                    return month.equals(v.get()) ? Response.notAmended("dwc:month is already an integer in 1-12")
                            : Response.amended(Map.of("dwc:month", month), "dwc:month read as " + month);
                });
    }
}
