package org.observatoire.core.quality.bdq;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BdqCsvRunnerTest {

    private final BdqCsvRunner runner = new BdqCsvRunner(BdqRegistry.standard(
            BdqParameters.defaults(LocalDate.of(2026, 11, 23)), Map.of()));

    @Test
    void appendsResponsesToEachRowWithQuotedFieldsKept() throws IOException {
        String in = "test,dwc:eventDate,dwc:locality\n"
                + "VALIDATION_EVENTDATE_STANDARD,2024-05-01,\"Jardin, \"\"nord\"\"\"\n"
                + "718dfc3c-cb52-4fca-b8e2-0e722f375da7,25/12/2012,Paris\n"
                + "NOPE,2024,x\n";
        StringWriter out = new StringWriter();
        BdqCsvRunner.Summary s = runner.run(new StringReader(in), out);
        Csv.Table t = Csv.read(new StringReader(out.toString()));
        assertThat(t.header(), equalTo(List.of("test", "dwc:eventDate", "dwc:locality", "Response.status",
                "Response.result", "Response.comment")));
        assertThat(t.rows().get(0).subList(0, 5), equalTo(List.of("VALIDATION_EVENTDATE_STANDARD", "2024-05-01",
                "Jardin, \"nord\"", "RUN_HAS_RESULT", "COMPLIANT")));
        assertThat(t.rows().get(1).get(3), equalTo("AMENDED"));
        assertThat(t.rows().get(1).get(4), equalTo("{\"dwc:eventDate\":\"2012-12-25\"}"));
        assertThat(t.rows().get(2).get(5), containsString("unknown"));
        assertThat(s, equalTo(new BdqCsvRunner.Summary(3, 2, 1, 0, 0)));
    }

    @Test
    void refusesACsvWithoutATestColumn() {
        assertThrows(IllegalArgumentException.class,
                () -> runner.run(new StringReader("dwc:eventDate\n2024\n"), new StringWriter()));
    }
}
