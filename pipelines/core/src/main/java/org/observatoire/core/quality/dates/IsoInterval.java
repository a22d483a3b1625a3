package org.observatoire.core.quality.dates;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/** An ISO 8601 value as Darwin Core uses it: one date-time, or {@code start/end}. */
public record IsoInterval(IsoDateTime start, IsoDateTime end) {

    public IsoInterval {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }

    /** Parses {@code value} or {@code start/end}; empty when not ISO 8601 or when end precedes start. */
    public static Optional<IsoInterval> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String t = text.trim();
        int slash = t.indexOf('/');
        if (slash < 0) {
            return IsoDateTime.parse(t).map(d -> new IsoInterval(d, d));
        }
        if (t.indexOf('/', slash + 1) >= 0) {
            return Optional.empty();
        }
        Optional<IsoDateTime> a = IsoDateTime.parse(t.substring(0, slash));
        Optional<IsoDateTime> b = IsoDateTime.parse(t.substring(slash + 1));
        if (a.isEmpty() || b.isEmpty() || b.get().lastDate().isBefore(a.get().firstDate())) {
            return Optional.empty();
        }
        return Optional.of(new IsoInterval(a.get(), b.get()));
    }

    public boolean isSingle() {
        return start == end;
    }

    public LocalDate firstDate() {
        return start.firstDate();
    }

    public LocalDate lastDate() {
        return end.lastDate();
    }

    /** True when the value names a single calendar day (a day-precise date or a range within one day). */
    public boolean isOneDay() {
        return start.hasDay() && end.hasDay() && firstDate().equals(lastDate());
    }
}
