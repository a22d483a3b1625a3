package org.observatoire.core.quality.bdq;

import java.util.List;
import java.util.Map;

/** One TDWG BDQ single-record test, run over a flat record of {@code dwc:}/{@code bdq:} terms. */
public interface BdqTest {

    /** The standard's label, e.g. {@code VALIDATION_COORDINATES_NOTZERO}. */
    String label();

    /** The standard's GUID (a UUID without the {@code urn:uuid:} prefix). */
    String guid();

    TestType type();

    /** Darwin Core terms acted upon (and consulted), with their {@code dwc:} prefix. */
    List<String> actedUpon();

    /** Parameters with the values in force (the standard's defaults unless overridden). */
    Map<String, String> parameters();

    /**
     * Runs the test. Keys may carry the {@code dwc:} prefix or not; a {@code bdqval:sourceAuthority}
     * key names the authority to consult. Never throws for bad data: bad data is a response.
     */
    default Response run(Map<String, String> record) {
        return run(Terms.of(record));
    }

    /** Runs the test over terms already normalised: callers running several tests on one record build them once. */
    Response run(Terms terms);
}
