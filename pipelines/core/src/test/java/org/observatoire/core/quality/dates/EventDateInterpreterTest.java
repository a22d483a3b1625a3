package org.observatoire.core.quality.dates;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventDateInterpreterTest {

    private final EventDateInterpreter interpreter =
            EventDateInterpreter.of(LocalDate.of(2026, 11, 23), ZoneId.of("Europe/Paris"));

    @Test
    void anIsoDateCoversTheLocalDay() {
        InterpretedDate d = interpreter.interpret("2024-05-01");
        assertThat(d.utcStart(), equalTo(Optional.of(Instant.parse("2024-04-30T22:00:00Z"))));
        assertThat(d.utcEnd(), equalTo(Optional.of(Instant.parse("2024-05-01T22:00:00Z"))));
        assertThat(d.eventDate(), equalTo(Optional.of("2024-05-01")));
        assertThat(d.year(), equalTo(Optional.of(2024)));
        assertThat(d.month(), equalTo(Optional.of(5)));
        assertThat(d.day(), equalTo(Optional.of(1)));
        assertThat(d.temporalUncertaintySeconds(), equalTo(Optional.of(86_400L)));
        assertThat(d.flags(), equalTo(Set.of()));
    }

    @Test
    void aDateTimeWithOffsetIsNormalisedToUtcAndTheOriginalKept() {
        InterpretedDate d = interpreter.interpret("2024-05-01T06:30+02:00");
        assertThat(d.eventDate(), equalTo(Optional.of("2024-05-01T04:30Z")));
        assertThat(d.original(), equalTo("2024-05-01T06:30+02:00"));
        assertThat(d.utcStart(), equalTo(Optional.of(Instant.parse("2024-05-01T04:30:00Z"))));
        assertThat(d.temporalUncertaintySeconds(), equalTo(Optional.of(60L)));
        assertThat(d.flags(), equalTo(Set.of()));
    }

    @Test
    void aLocalTimeIsPlacedInTheDefaultZoneAndFlagged() {
        InterpretedDate d = interpreter.interpret("2024-01-15", "21:00");
        assertThat(d.utcStart(), equalTo(Optional.of(Instant.parse("2024-01-15T20:00:00Z"))));
        assertThat(d.has(DateFlag.DATE_TIMEZONE_ASSUMED), is(true));
    }

    @Test
    void aRangeKeepsItsYearButNotItsDay() {
        InterpretedDate d = interpreter.interpret("2024-05-01/2024-05-03");
        assertThat(d.temporalUncertaintySeconds(), equalTo(Optional.of(3 * 86_400L)));
        assertThat(d.month(), equalTo(Optional.of(5)));
        assertThat(d.day(), equalTo(Optional.empty()));
    }

    @Test
    void anAmbiguousDayMonthIsFlaggedNotParsed() {
        InterpretedDate d = interpreter.interpret("11/12/2012");
        assertThat(d.isInterpreted(), is(false));
        assertThat(d.flags(), equalTo(Set.of(DateFlag.VALIDATION_EVENTDATE_STANDARD, DateFlag.DATE_AMBIGUOUS_DAY_MONTH)));
    }

    @Test
    void anUnambiguousFrenchDateIsInterpretedWithAFlag() {
        InterpretedDate d = interpreter.interpret("25/12/2012");
        assertThat(d.eventDate(), equalTo(Optional.of("2012-12-25")));
        assertThat(d.has(DateFlag.AMENDMENT_EVENTDATE_STANDARDIZED), is(true));
        assertThat(d.original(), equalTo("25/12/2012"));
    }

    @Test
    void futureAndTooEarlyDatesAreOutOfRange() {
        InterpretedDate future = interpreter.interpret("2026-11-24");
        assertThat(future.flags(), equalTo(Set.of(DateFlag.DATE_IN_FUTURE, DateFlag.VALIDATION_EVENTDATE_INRANGE)));
        assertThat(interpreter.interpret("2026-11-23T23:30+01:00").flags(), equalTo(Set.of()));
        assertThat(interpreter.interpret("1500").has(DateFlag.VALIDATION_EVENTDATE_INRANGE), is(true));
    }

    @Test
    void theProtocolWindowIsChecked() {
        EventDateInterpreter stoc = interpreter.withProtocolWindow(MonthDay.of(4, 1), MonthDay.of(6, 15));
        assertThat(stoc.interpret("2024-05-10").flags(), equalTo(Set.of()));
        assertThat(stoc.interpret("2024-03-05").has(DateFlag.DATE_OUTSIDE_PROTOCOL_WINDOW), is(true));
        EventDateInterpreter winter = interpreter.withProtocolWindow(MonthDay.of(11, 15), MonthDay.of(2, 15));
        assertThat(winter.interpret("2025-01-10").flags(), equalTo(Set.of()));
        assertThat(winter.interpret("2025-03-01").has(DateFlag.DATE_OUTSIDE_PROTOCOL_WINDOW), is(true));
    }

    @Test
    void emptyAndGarbageAreFlagged() {
        assertThat(interpreter.interpret(" ").flags(), equalTo(Set.of(DateFlag.VALIDATION_EVENTDATE_NOTEMPTY)));
        assertThat(interpreter.interpret("hier matin").has(DateFlag.DATE_UNPARSEABLE), is(true));
        assertThat(interpreter.interpret("2024-02-30").has(DateFlag.DATE_UNPARSEABLE), is(true));
    }
}
