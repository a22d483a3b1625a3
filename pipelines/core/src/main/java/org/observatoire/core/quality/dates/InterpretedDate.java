package org.observatoire.core.quality.dates;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An interpreted event date: the UTC interval {@code [utcStart, utcEnd)} it covers (absent when
 * nothing could be read), the normalised dwc:eventDate, year/month/day when the interval is inside one
 * day/month/year, the temporal uncertainty in seconds (the interval's length) and the flags. The
 * original text is always kept.
 */
public record InterpretedDate(String original, Optional<Instant> utcStart, Optional<Instant> utcEnd,
        Optional<String> eventDate, Optional<Integer> year, Optional<Integer> month, Optional<Integer> day,
        Set<DateFlag> flags) {

    public InterpretedDate {
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(utcStart, "utcStart");
        Objects.requireNonNull(utcEnd, "utcEnd");
        if (utcStart.isPresent() != utcEnd.isPresent()) {
            throw new IllegalArgumentException("utcStart and utcEnd must be both present or both absent");
        }
        if (utcStart.isPresent() && !utcEnd.get().isAfter(utcStart.get())) {
            throw new IllegalArgumentException("utcEnd " + utcEnd.get() + " must be after utcStart " + utcStart.get());
        }
        Objects.requireNonNull(eventDate, "eventDate");
        Objects.requireNonNull(year, "year");
        Objects.requireNonNull(month, "month");
        Objects.requireNonNull(day, "day");
        // an EnumSet iterates in declaration order; Set.copyOf would iterate in an order that changes from one JVM to
        // the next, and the flags reach the published rows in iteration order
        flags = flags.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(flags));
    }

    static InterpretedDate uninterpreted(String original, Set<DateFlag> flags) {
        return new InterpretedDate(original, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), flags);
    }

    public boolean isInterpreted() {
        return utcStart.isPresent();
    }

    public boolean has(DateFlag flag) {
        return flags.contains(flag);
    }

    /** Length of the interval in seconds; empty when nothing was interpreted. */
    public Optional<Long> temporalUncertaintySeconds() {
        return utcStart.map(s -> Duration.between(s, utcEnd.orElseThrow()).getSeconds());
    }
}
