package org.observatoire.core.quality.bdq;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs BDQ tests over a CSV of cases and writes the cases back with {@code Response.status},
 * {@code Response.result} and {@code Response.comment} filled in.
 *
 * <p>The test of a row is named by a column {@code test}, {@code bdq:test}, {@code Label} or
 * {@code GUID} (the layout of tdwg/bdq's {@code TG2_test_validation_data.csv}, which is accepted as
 * it is: its expected Response columns are replaced by the actual ones, and the expected ones are kept
 * in {@code expected.Response.status}/{@code expected.Response.result} columns). Every other column is
 * passed to the test as a term of the record.
 */
public final class BdqCsvRunner {

    public static final String STATUS = "Response.status";
    public static final String RESULT = "Response.result";
    public static final String COMMENT = "Response.comment";
    private static final List<String> TEST_COLUMNS = List.of("test", "bdq:test", "Label", "GUID");

    private final BdqRegistry registry;

    public BdqCsvRunner(BdqRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** Counts of one run. */
    public record Summary(int rows, int run, int unknownTest, int matchedExpected, int mismatchedExpected) {
    }

    public Summary run(Reader in, Writer out) throws IOException {
        Csv.Table table = Csv.read(in);
        List<String> header = table.header();
        if (TEST_COLUMNS.stream().noneMatch(header::contains)) {
            throw new IllegalArgumentException("no test column: expected one of " + TEST_COLUMNS + " in " + header);
        }
        boolean hasExpected = header.contains(STATUS);
        List<String> outHeader = new ArrayList<>();
        for (String h : header) {
            if (!h.equals(STATUS) && !h.equals(RESULT) && !h.equals(COMMENT)) {
                outHeader.add(h);
            }
        }
        if (hasExpected) {
            outHeader.add("expected." + STATUS);
            outHeader.add("expected." + RESULT);
        }
        outHeader.addAll(List.of(STATUS, RESULT, COMMENT));
        Csv.Writer w = new Csv.Writer(out);
        w.row(outHeader);
        int run = 0;
        int unknown = 0;
        int matched = 0;
        int mismatched = 0;
        for (List<String> cells : table.rows()) {
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), i < cells.size() ? cells.get(i) : "");
            }
            Optional<BdqTest> test = findTest(row);
            Response response;
            if (test.isPresent()) {
                run++;
                response = test.get().run(row);
            } else {
                unknown++;
                response = Response.internalPrerequisitesNotMet("unknown or unimplemented test "
                        + TEST_COLUMNS.stream().map(row::get).filter(Objects::nonNull).filter(s -> !s.isBlank()).toList());
            }
            if (hasExpected && test.isPresent()) {
                if (matches(row.get(STATUS), row.getOrDefault(RESULT, ""), response)) {
                    matched++;
                } else {
                    mismatched++;
                }
            }
            List<String> outRow = new ArrayList<>();
            for (String h : outHeader) {
                switch (h) {
                    case "expected." + STATUS -> outRow.add(row.getOrDefault(STATUS, ""));
                    case "expected." + RESULT -> outRow.add(row.getOrDefault(RESULT, ""));
                    case STATUS -> outRow.add(response.status().name());
                    case RESULT -> outRow.add(response.resultText());
                    case COMMENT -> outRow.add(response.comment());
                    default -> outRow.add(row.getOrDefault(h, ""));
                }
            }
            w.row(outRow);
        }
        out.flush();
        return new Summary(table.rows().size(), run, unknown, matched, mismatched);
    }

    private Optional<BdqTest> findTest(Map<String, String> row) {
        for (String column : TEST_COLUMNS) {
            Optional<BdqTest> t = registry.find(row.getOrDefault(column, ""));
            if (t.isPresent()) {
                return t;
            }
        }
        return Optional.empty();
    }

    /** Whether a response matches an expected status and result (amendments compared as term maps). */
    public static boolean matches(String expectedStatus, String expectedResult, Response actual) {
        if (!actual.status().name().equals(expectedStatus == null ? "" : expectedStatus.trim())) {
            return false;
        }
        String expected = expectedResult == null ? "" : expectedResult.trim();
        if (!actual.amendment().isEmpty()) {
            return Csv.parseFlatJson(expected).equals(actual.amendment());
        }
        return expected.equals(actual.result());
    }
}
