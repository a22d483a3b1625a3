package org.observatoire.core.quality.bdq;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.fasterxml.jackson.databind.SequenceWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Runs BDQ tests over a CSV of cases and writes the cases back with {@code Response.status},
 * {@code Response.result} and {@code Response.comment} filled in.
 *
 * <p>The test of a row is named by a column {@code GUID}, {@code Label}, {@code test} or {@code bdq:test} (the layout
 * of tdwg/bdq's {@code TG2_test_validation_data.csv}, which is accepted as it is: its expected Response columns are
 * replaced by the actual ones and kept in {@code expected.Response.status}/{@code expected.Response.result}). Every
 * other column is passed to the test as a term of the record; run parameters ({@code bdqval:latestValidDate}...) fill
 * the parameter columns a row leaves empty. A test of the standard that is not implemented gets no response (empty
 * Response columns) and is counted in {@link Summary#skipped()}.
 */
public final class BdqCsvRunner {

    public static final String STATUS = "Response.status";
    public static final String RESULT = "Response.result";
    public static final String COMMENT = "Response.comment";
    private static final List<String> TEST_COLUMNS = List.of("GUID", "Label", "test", "bdq:test");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BdqRegistry registry;
    private final Map<String, String> runParameters;

    public BdqCsvRunner(BdqRegistry registry) {
        this(registry, Map.of());
    }

    /** {@code runParameters}: parameter terms (e.g. {@code bdqval:sourceAuthority}) given to every row lacking them. */
    public BdqCsvRunner(BdqRegistry registry, Map<String, String> runParameters) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.runParameters = Map.copyOf(runParameters);
    }

    /** A case whose response differs from the expected one. */
    public record Disagreement(String line, String label, String expectedStatus, String expectedResult,
            String status, String result, String comment) {
    }

    /**
     * Counts of one run: {@code answered} rows got a response; {@code skipped} maps the label of each test that has no
     * implementation (or is unknown) to its rows; {@code perTest} maps each answered test's label to its cases with
     * an expected response and those agreeing.
     */
    public record Summary(int rows, int answered, Map<String, Integer> skipped, int agreeing,
            List<Disagreement> disagreements, Map<String, int[]> perTest) {

        public int skippedRows() {
            return skipped.values().stream().mapToInt(Integer::intValue).sum();
        }

        /** Cases with an expected response among the answered ones. */
        public int compared() {
            return agreeing + disagreements.size();
        }
    }

    public Summary run(Reader in, Writer out) throws IOException {
        CsvMapper mapper = new CsvMapper();
        List<Map<String, String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = mapper.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(in)) {
            while (it.hasNext()) {
                rows.add(it.next());
            }
            ((CsvSchema) it.getParserSchema()).forEach(c -> header.add(c.getName()));
        }
        if (TEST_COLUMNS.stream().noneMatch(header::contains)) {
            throw new IllegalArgumentException("no test column: expected one of " + TEST_COLUMNS + " in " + header);
        }
        boolean hasExpected = header.contains(STATUS);
        List<String> outHeader = new ArrayList<>();
        header.stream().filter(h -> !h.equals(STATUS) && !h.equals(RESULT) && !h.equals(COMMENT)).forEach(outHeader::add);
        if (hasExpected) {
            outHeader.add("expected." + STATUS);
            outHeader.add("expected." + RESULT);
        }
        outHeader.addAll(List.of(STATUS, RESULT, COMMENT));
        CsvSchema.Builder schema = CsvSchema.builder();
        outHeader.forEach(schema::addColumn);

        int answered = 0;
        int agreeing = 0;
        Map<String, Integer> skipped = new TreeMap<>();
        List<Disagreement> disagreements = new ArrayList<>();
        Map<String, int[]> perTest = new TreeMap<>();
        try (SequenceWriter w = mapper.writer(schema.build().withHeader()).writeValues(out)) {
            for (Map<String, String> row : rows) {
                Optional<BdqTest> test = findTest(row);
                Map<String, String> outRow = new LinkedHashMap<>();
                header.forEach(h -> outRow.put(h, row.getOrDefault(h, "")));
                if (hasExpected) {
                    outRow.put("expected." + STATUS, row.getOrDefault(STATUS, ""));
                    outRow.put("expected." + RESULT, row.getOrDefault(RESULT, ""));
                }
                if (test.isEmpty()) {
                    skipped.merge(testName(row), 1, Integer::sum);
                    outRow.put(STATUS, "");
                    outRow.put(RESULT, "");
                    outRow.put(COMMENT, "");
                } else {
                    answered++;
                    Response response = test.get().run(withParameters(row));
                    outRow.put(STATUS, response.status().name());
                    outRow.put(RESULT, response.resultText());
                    outRow.put(COMMENT, response.comment());
                    String expectedStatus = row.getOrDefault(STATUS, "").trim();
                    if (hasExpected && !expectedStatus.isEmpty()) {
                        int[] counts = perTest.computeIfAbsent(test.get().label(), k -> new int[2]);
                        counts[0]++;
                        String expectedResult = row.getOrDefault(RESULT, "");
                        if (matches(expectedStatus, expectedResult, response)) {
                            agreeing++;
                            counts[1]++;
                        } else {
                            disagreements.add(new Disagreement(row.getOrDefault("LineNumber", ""), test.get().label(),
                                    expectedStatus, expectedResult.trim(), response.status().name(),
                                    response.resultText(), response.comment()));
                        }
                    }
                }
                w.write(outRow);
            }
        }
        return new Summary(rows.size(), answered, skipped, agreeing, List.copyOf(disagreements), perTest);
    }

    private Map<String, String> withParameters(Map<String, String> row) {
        if (runParameters.isEmpty()) {
            return row;
        }
        Map<String, String> merged = new LinkedHashMap<>(row);
        Terms terms = Terms.of(row);
        runParameters.forEach((k, v) -> {
            if (terms.isEmpty(k)) {
                merged.put(k, v);
            }
        });
        return merged;
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

    /** The standard's label of the row's test, or the text naming it when the standard has no such test. */
    private static String testName(Map<String, String> row) {
        for (String column : TEST_COLUMNS) {
            Optional<Tg2Catalogue.Entry> e = Tg2Catalogue.bundled().find(row.getOrDefault(column, ""));
            if (e.isPresent()) {
                return e.get().label();
            }
        }
        return TEST_COLUMNS.stream().map(row::get).filter(Objects::nonNull).filter(s -> !s.isBlank())
                .findFirst().map(s -> "unknown test " + s.trim()).orElse("no test named");
    }

    /** Whether a response matches an expected status and result (amendments compared as term maps). */
    public static boolean matches(String expectedStatus, String expectedResult, Response actual) {
        if (!actual.status().name().equals(expectedStatus == null ? "" : expectedStatus.trim())) {
            return false;
        }
        String expected = expectedResult == null ? "" : expectedResult.trim();
        if (!actual.amendment().isEmpty()) {
            return parseAmendment(expected).equals(actual.amendment());
        }
        return expected.equals(actual.result());
    }

    /** An amendment as the validation data writes it, {@code {"dwc:term":"value",...}}; empty when not such JSON. */
    public static Map<String, String> parseAmendment(String json) {
        if (json == null || !json.trim().startsWith("{")) {
            return Map.of();
        }
        try {
            return JSON.readValue(json, new TypeReference<Map<String, String>>() { });
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }
}
