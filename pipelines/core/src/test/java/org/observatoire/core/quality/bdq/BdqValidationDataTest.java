package org.observatoire.core.quality.bdq;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the standard's own validation cases (a subset of tdwg/bdq tg2/core/TG2_test_validation_data.csv,
 * see sample-data/bdq/SOURCES.md) through {@link BdqCsvRunner} and asserts every status and result.
 */
class BdqValidationDataTest {

    static final Path SUBSET = Path.of("../../sample-data/bdq/tg2-validation-subset.csv");
    static BdqRegistry registry;

    @BeforeAll
    static void registry() {
        registry = BdqRegistry.standard(BdqParameters.defaults(LocalDate.of(2026, 11, 23)));
    }

    @Test
    void everyStandardCaseGivesTheExpectedStatusAndResult() throws IOException {
        String csv = Files.readString(SUBSET, StandardCharsets.UTF_8);
        StringWriter out = new StringWriter();
        BdqCsvRunner.Summary summary = new BdqCsvRunner(registry).run(new StringReader(csv), out);

        Csv.Table result = Csv.read(new StringReader(out.toString()));
        List<String> h = result.header();
        List<String> failures = new ArrayList<>();
        for (List<String> row : result.rows()) {
            String expectedStatus = row.get(h.indexOf("expected.Response.status"));
            String expectedResult = row.get(h.indexOf("expected.Response.result"));
            String status = row.get(h.indexOf("Response.status"));
            String actual = row.get(h.indexOf("Response.result"));
            boolean ok = expectedStatus.equals(status) && (expectedResult.startsWith("{")
                    ? Csv.parseFlatJson(expectedResult).equals(Csv.parseFlatJson(actual)) : expectedResult.equals(actual));
            if (!ok) {
                failures.add("line " + row.get(h.indexOf("LineNumber")) + " " + row.get(h.indexOf("Label"))
                        + ": expected " + expectedStatus + " " + expectedResult + ", got " + status + " " + actual
                        + " (" + row.get(h.indexOf("Response.comment")) + ")");
            }
        }
        assertThat(String.join("\n", failures), failures, empty());
        assertThat(summary.unknownTest(), equalTo(0));
        assertThat(summary.matchedExpected(), greaterThanOrEqualTo(290));
        assertThat(summary.mismatchedExpected(), equalTo(0));
    }
}
