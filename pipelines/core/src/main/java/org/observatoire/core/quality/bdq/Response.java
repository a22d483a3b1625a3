package org.observatoire.core.quality.bdq;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Immutable BDQ response: a status, a result and a comment.
 *
 * <p>For validations the result is {@code COMPLIANT} or {@code NOT_COMPLIANT} (only with status
 * {@link ResponseStatus#RUN_HAS_RESULT}). For amendments the result is the proposed change, a map
 * from Darwin Core term (e.g. {@code dwc:eventDate}) to its new value, with status AMENDED or FILLED_IN.
 */
public record Response(ResponseStatus status, String result, Map<String, String> amendment, String comment) {

    public static final String COMPLIANT = "COMPLIANT";
    public static final String NOT_COMPLIANT = "NOT_COMPLIANT";
    private static final ObjectMapper JSON = new ObjectMapper();

    public Response {
        Objects.requireNonNull(status, "status");
        result = result == null ? "" : result;
        amendment = Map.copyOf(amendment == null ? Map.of() : amendment);
        comment = comment == null ? "" : comment;
        boolean hasAmendment = !amendment.isEmpty();
        boolean amends = status == ResponseStatus.AMENDED || status == ResponseStatus.FILLED_IN;
        if (amends != hasAmendment) {
            throw new IllegalArgumentException("status " + status + " and amendment " + amendment + " disagree");
        }
    }

    public static Response compliant(String comment) {
        return new Response(ResponseStatus.RUN_HAS_RESULT, COMPLIANT, Map.of(), comment);
    }

    public static Response notCompliant(String comment) {
        return new Response(ResponseStatus.RUN_HAS_RESULT, NOT_COMPLIANT, Map.of(), comment);
    }

    public static Response of(boolean compliant, String comment) {
        return compliant ? compliant(comment) : notCompliant(comment);
    }

    public static final String POTENTIAL_ISSUE = "POTENTIAL_ISSUE";
    public static final String NOT_ISSUE = "NOT_ISSUE";
    public static final String NOT_REPORTED = "NOT_REPORTED";

    /** An issue's answer: POTENTIAL_ISSUE or NOT_ISSUE. */
    public static Response issue(boolean potentialIssue, String comment) {
        return new Response(ResponseStatus.RUN_HAS_RESULT, potentialIssue ? POTENTIAL_ISSUE : NOT_ISSUE, Map.of(), comment);
    }

    /** A measure's value. */
    public static Response measure(String value, String comment) {
        return new Response(ResponseStatus.RUN_HAS_RESULT, value, Map.of(), comment);
    }

    /** A measure that cannot be taken: INTERNAL_PREREQUISITES_NOT_MET with the result NOT_REPORTED. */
    public static Response measureNotReported(String comment) {
        return new Response(ResponseStatus.INTERNAL_PREREQUISITES_NOT_MET, NOT_REPORTED, Map.of(), comment);
    }

    public static Response internalPrerequisitesNotMet(String comment) {
        return new Response(ResponseStatus.INTERNAL_PREREQUISITES_NOT_MET, "", Map.of(), comment);
    }

    public static Response externalPrerequisitesNotMet(String comment) {
        return new Response(ResponseStatus.EXTERNAL_PREREQUISITES_NOT_MET, "", Map.of(), comment);
    }

    public static Response ambiguous(String comment) {
        return new Response(ResponseStatus.AMBIGUOUS, "", Map.of(), comment);
    }

    public static Response notAmended(String comment) {
        return new Response(ResponseStatus.NOT_AMENDED, "", Map.of(), comment);
    }

    public static Response amended(Map<String, String> changes, String comment) {
        return new Response(ResponseStatus.AMENDED, "", changes, comment);
    }

    public static Response filledIn(Map<String, String> changes, String comment) {
        return new Response(ResponseStatus.FILLED_IN, "", changes, comment);
    }

    public boolean isCompliant() {
        return COMPLIANT.equals(result);
    }

    public boolean isNotCompliant() {
        return NOT_COMPLIANT.equals(result);
    }

    /** Response.result as the TG2 validation data writes it: the value, or the amendment as compact JSON. */
    public String resultText() {
        if (amendment.isEmpty()) {
            return result;
        }
        try {
            return JSON.writeValueAsString(new LinkedHashMap<>(new java.util.TreeMap<>(amendment)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
