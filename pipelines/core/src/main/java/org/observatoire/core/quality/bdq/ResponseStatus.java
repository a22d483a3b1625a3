package org.observatoire.core.quality.bdq;

/** Response.status values of the TDWG BDQ framework (TG2 tests and their validation data). */
public enum ResponseStatus {
    /** A validation (or issue) ran and has a result (COMPLIANT / NOT_COMPLIANT). */
    RUN_HAS_RESULT,
    /** An amendment proposes changed values for terms that had values. */
    AMENDED,
    /** An amendment proposes values for terms that were empty. */
    FILLED_IN,
    /** An amendment ran and proposes no change. */
    NOT_AMENDED,
    /** The record lacks what the test needs (empty or uninterpretable input). */
    INTERNAL_PREREQUISITES_NOT_MET,
    /** A source authority the test needs is not available (here: anything not bundled offline). */
    EXTERNAL_PREREQUISITES_NOT_MET,
    /** The input can be interpreted in more than one way. */
    AMBIGUOUS
}
