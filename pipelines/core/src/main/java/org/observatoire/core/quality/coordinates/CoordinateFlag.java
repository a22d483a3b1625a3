package org.observatoire.core.quality.coordinates;

/** Coordinate quality flags: named after the BDQ test where one exists, else a project code. */
public enum CoordinateFlag {
    /** Latitude or longitude missing or not a number. */
    COORDINATES_MISSING,
    /** Both zero (BDQ VALIDATION_COORDINATES_NOTZERO not compliant). */
    VALIDATION_COORDINATES_NOTZERO,
    /** |lat| > 90 (BDQ VALIDATION_DECIMALLATITUDE_INRANGE not compliant). */
    VALIDATION_DECIMALLATITUDE_INRANGE,
    /** |lon| > 180 (BDQ VALIDATION_DECIMALLONGITUDE_INRANGE not compliant). */
    VALIDATION_DECIMALLONGITUDE_INRANGE,
    /** Swapped or sign-inverted coordinates; a corrected pair is proposed (BDQ AMENDMENT_COORDINATES_TRANSPOSED). */
    AMENDMENT_COORDINATES_TRANSPOSED,
    /** Outside the expected territory (metropolitan France). */
    COORDINATE_OUTSIDE_TERRITORY,
    /** Farther from the declared site than both the threshold and the stated uncertainty. */
    COORDINATE_FAR_FROM_SITE,
    /** No coordinateUncertaintyInMeters. */
    COORDINATE_UNCERTAINTY_MISSING,
    /** Uncertainty ≤ 0 or above the plausible maximum (BDQ VALIDATION_COORDINATEUNCERTAINTY_INRANGE, tightened). */
    VALIDATION_COORDINATEUNCERTAINTY_INRANGE
}
