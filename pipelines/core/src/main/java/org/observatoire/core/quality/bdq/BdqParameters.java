package org.observatoire.core.quality.bdq;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Parameters of the BDQ tests. The standard's defaults: {@code bdq:earliestValidDate} 1582-11-15
 * (1753-01-01 for dwc:dateIdentified) and {@code bdq:latestValidDate} "the current date", which the
 * core never reads from a clock: the caller passes it (a run date, a reference date).
 */
public record BdqParameters(LocalDate earliestValidDate, LocalDate earliestValidDateIdentified,
        LocalDate latestValidDate) {

    public static final LocalDate DEFAULT_EARLIEST_VALID_DATE = LocalDate.of(1582, 11, 15);
    public static final LocalDate DEFAULT_EARLIEST_VALID_DATE_IDENTIFIED = LocalDate.of(1753, 1, 1);

    public BdqParameters {
        Objects.requireNonNull(earliestValidDate, "earliestValidDate");
        Objects.requireNonNull(earliestValidDateIdentified, "earliestValidDateIdentified");
        Objects.requireNonNull(latestValidDate, "latestValidDate (pass the reference date; the core reads no clock)");
        if (latestValidDate.isBefore(earliestValidDate)) {
            throw new IllegalArgumentException("latestValidDate " + latestValidDate + " is before earliestValidDate "
                    + earliestValidDate);
        }
    }

    /** The standard's defaults, with "the current date" given explicitly. */
    public static BdqParameters defaults(LocalDate latestValidDate) {
        return new BdqParameters(DEFAULT_EARLIEST_VALID_DATE, DEFAULT_EARLIEST_VALID_DATE_IDENTIFIED, latestValidDate);
    }

    public BdqParameters withEarliestValidDate(LocalDate earliest) {
        return new BdqParameters(earliest, earliestValidDateIdentified, latestValidDate);
    }
}
