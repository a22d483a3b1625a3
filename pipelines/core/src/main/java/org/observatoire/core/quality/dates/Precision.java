package org.observatoire.core.quality.dates;

/** How much of a date-time a value states. */
public enum Precision { YEAR, MONTH, DAY, HOUR, MINUTE, SECOND }
