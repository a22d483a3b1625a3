package org.observatoire.core.quality.bdq;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many records got each response of each test: counts by {@link #key} (label, status and, for validations and
 * issues, the result; an amendment's proposal and a measure's value vary by record and are not part of it).
 * Thread-safe; {@link #drain} hands the counts over and starts again from zero, losing none added meanwhile.
 */
public final class ResponseTally {

    private final ConcurrentHashMap<String, LongAdder> counts = new ConcurrentHashMap<>();

    /** E.g. {@code VALIDATION_EVENTDATE_INRANGE RUN_HAS_RESULT COMPLIANT}, {@code AMENDMENT_DAY_STANDARDIZED NOT_AMENDED}. */
    public static String key(BdqTest test, Response response) {
        boolean withResult = (test.type() == TestType.VALIDATION || test.type() == TestType.ISSUE)
                && !response.result().isEmpty();
        return test.label() + " " + response.status() + (withResult ? " " + response.result() : "");
    }

    /** Parses a {@link #key} back into label, status and result (empty when the key has none). */
    public static String[] parts(String key) {
        String[] p = key.split(" ", 3);
        return p.length == 3 ? p : new String[] {p[0], p.length > 1 ? p[1] : "", ""};
    }

    public void add(String key, long n) {
        counts.computeIfAbsent(key, k -> new LongAdder()).add(n);
    }

    /** The counts so far (non-zero ones), by key in order, leaving them at zero. */
    public Map<String, Long> drain() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> {
            long n = v.sumThenReset();
            if (n != 0) {
                out.put(k, n);
            }
        });
        return out;
    }

    /** Counts as the run report lists them: test label → "STATUS[ RESULT]" → records. */
    public static Map<String, Map<String, Long>> byTest(Map<String, Long> counts) {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        counts.forEach((k, n) -> {
            String[] p = parts(k);
            out.computeIfAbsent(p[0], x -> new TreeMap<>())
                    .merge(p[2].isEmpty() ? p[1] : p[1] + " " + p[2], n, Long::sum);
        });
        return out;
    }
}
