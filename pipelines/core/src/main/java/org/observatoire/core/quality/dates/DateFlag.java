package org.observatoire.core.quality.dates;

/** Quality flags of a date interpretation: named after the BDQ test where one exists, else a project code. */
public enum DateFlag {
    /** No date given (BDQ VALIDATION_EVENTDATE_NOTEMPTY not compliant). */
    VALIDATION_EVENTDATE_NOTEMPTY,
    /** The text is not ISO 8601 (BDQ VALIDATION_EVENTDATE_STANDARD not compliant). */
    VALIDATION_EVENTDATE_STANDARD,
    /** A non-ISO text was read into a date (BDQ AMENDMENT_EVENTDATE_STANDARDIZED); the original is kept. */
    AMENDMENT_EVENTDATE_STANDARDIZED,
    /** Before bdq:earliestValidDate or after the reference date (BDQ VALIDATION_EVENTDATE_INRANGE). */
    VALIDATION_EVENTDATE_INRANGE,
    /** After the reference date. */
    DATE_IN_FUTURE,
    /** Day and month could be swapped (11/12/2012): not interpreted. */
    DATE_AMBIGUOUS_DAY_MONTH,
    /** Nothing could be read. */
    DATE_UNPARSEABLE,
    /** A local time without offset, placed in the interpreter's default zone. */
    DATE_TIMEZONE_ASSUMED,
    /** Outside the protocol's season window. */
    DATE_OUTSIDE_PROTOCOL_WINDOW
}
