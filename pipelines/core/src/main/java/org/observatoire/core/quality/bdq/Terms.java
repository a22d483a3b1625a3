package org.observatoire.core.quality.bdq;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Read-only view of a flat record keyed by Darwin Core terms. {@code get("eventDate")},
 * {@code get("dwc:eventDate")} and {@code get("http://rs.tdwg.org/dwc/terms/eventDate")} are the same.
 * Parameters are terms too: {@code bdqval:sourceAuthority} (the standard's prefix) and {@code bdq:sourceAuthority}
 * are the same. Following BDQ, a value that is null or only white space is EMPTY; the string "null" is not.
 */
public final class Terms {

    private final Map<String, String> values;

    private Terms(Map<String, String> values) {
        this.values = values;
    }

    public static Terms of(Map<String, String> record) {
        Objects.requireNonNull(record, "record");
        Map<String, String> normalised = new HashMap<>();
        record.forEach((k, v) -> {
            if (k != null && v != null) {
                normalised.put(localName(k), v);
            }
        });
        return new Terms(normalised);
    }

    /** Term names are few (the standard's and ours): their local names are computed once. */
    private static final java.util.concurrent.ConcurrentHashMap<String, String> LOCAL_NAMES =
        new java.util.concurrent.ConcurrentHashMap<>();

    static String localName(String term) {
        String known = LOCAL_NAMES.get(term);
        if (known != null) {
            return known;
        }
        String local = computeLocalName(term);
        if (LOCAL_NAMES.size() < 4096) { // bounded: arbitrary CSV headers must not grow it without limit
            LOCAL_NAMES.put(term, local);
        }
        return local;
    }

    private static String computeLocalName(String term) {
        String t = term.trim();
        int slash = t.lastIndexOf('/');
        if (slash >= 0) {
            t = t.substring(slash + 1);
        }
        if (t.startsWith("bdqval:")) {
            t = t.substring(7);
        } else if (t.startsWith("dwc:") || t.startsWith("bdq:")) {
            t = t.substring(4);
        } else if (t.startsWith("dcterms:")) {
            t = t.substring(8);
        } else if (t.startsWith("dc:")) {
            t = t.substring(3);
        }
        return t;
    }

    /** The raw value, or "" when absent. */
    public String raw(String term) {
        return values.getOrDefault(localName(term), "");
    }

    /** The trimmed value, empty when absent or blank. */
    public Optional<String> get(String term) {
        String v = raw(term).trim();
        return v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    public boolean isEmpty(String term) {
        return get(term).isEmpty();
    }

    public Optional<Double> number(String term) {
        return get(term).flatMap(Terms::parseDouble);
    }

    public Optional<Integer> integer(String term) {
        return get(term).flatMap(Terms::parseInt);
    }

    private static final java.util.regex.Pattern DECIMAL =
        java.util.regex.Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final java.util.regex.Pattern INTEGER = java.util.regex.Pattern.compile("[+-]?\\d{1,9}");

    static Optional<Double> parseDouble(String s) {
        if (!DECIMAL.matcher(s).matches()) {
            return Optional.empty();
        }
        return Optional.of(Double.parseDouble(s));
    }

    static Optional<Integer> parseInt(String s) {
        if (!INTEGER.matcher(s).matches()) {
            return Optional.empty();
        }
        return Optional.of(Integer.parseInt(s));
    }

    /**
     * A {@code bdq:sourceAuthority} named in the record that is not the bundled one: the bundled authority is named by
     * any value containing {@code bundledAuthority} (case-insensitive), so "Darwin Core basisOfRecord" and
     * "https://rs.gbif.org/vocabulary/dwc/basis_of_record" both name the bundled basisOfRecord vocabulary.
     */
    public boolean asksForOtherAuthority(String bundledAuthority) {
        String bundled = bundledAuthority.toLowerCase(java.util.Locale.ROOT);
        return get("bdq:sourceAuthority").filter(a -> !a.toLowerCase(java.util.Locale.ROOT).contains(bundled)).isPresent();
    }
}
