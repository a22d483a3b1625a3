package org.observatoire.core.quality.bdq;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
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

    static List<Map<String, String>> read(String csv) throws IOException {
        try (MappingIterator<Map<String, String>> it = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(csv)) {
            return it.readAll();
        }
    }

    @Test
    void appendsResponsesToEachRowWithQuotedFieldsKept() throws IOException {
        String in = "test,dwc:eventDate,dwc:locality\n"
                + "VALIDATION_EVENTDATE_STANDARD,2024-05-01,\"Jardin, \"\"nord\"\"\"\n"
                + "718dfc3c-cb52-4fca-b8e2-0e722f375da7,25/12/2012,Paris\n"
                + "NOPE,2024,x\n";
        StringWriter out = new StringWriter();
        BdqCsvRunner.Summary s = runner.run(new StringReader(in), out);
        assertThat(out.toString().lines().findFirst().orElseThrow(),
                equalTo("test,dwc:eventDate,dwc:locality,Response.status,Response.result,Response.comment"));
        List<Map<String, String>> rows = read(out.toString());
        assertThat(rows.get(0).get("dwc:locality"), equalTo("Jardin, \"nord\""));
        assertThat(rows.get(0).get("Response.result"), equalTo("COMPLIANT"));
        assertThat(rows.get(1).get("Response.status"), equalTo("AMENDED"));
        assertThat(rows.get(1).get("Response.result"), equalTo("{\"dwc:eventDate\":\"2012-12-25\"}"));
        assertThat(s.answered(), equalTo(2));
        assertThat(s.skipped(), equalTo(Map.of("unknown test NOPE", 1)));
    }

    @Test
    void aTestOfTheStandardThatIsNotImplementedGetsNoResponseAndIsCounted() throws IOException {
        String in = "Label,Response.status,Response.result\n"
                + "VALIDATION_SEX_STANDARD,INTERNAL_PREREQUISITES_NOT_MET,\n"
                + "VALIDATION_YEAR_NOTEMPTY,RUN_HAS_RESULT,NOT_COMPLIANT\n";
        StringWriter out = new StringWriter();
        BdqCsvRunner.Summary s = new BdqCsvRunner(BdqRegistry.of(NotEmptyTests.all())).run(new StringReader(in), out);
        List<Map<String, String>> rows = read(out.toString());
        assertThat(rows.get(0).get("Response.status"), equalTo(""));
        assertThat(rows.get(0).get("Response.result"), equalTo(""));
        assertThat(rows.get(0).get("expected.Response.status"), equalTo("INTERNAL_PREREQUISITES_NOT_MET"));
        assertThat(rows.get(1).get("Response.status"), equalTo("RUN_HAS_RESULT"));
        assertThat(s.skipped(), equalTo(Map.of("VALIDATION_SEX_STANDARD", 1)));
        assertThat(s.agreeing(), equalTo(1));
        assertThat(s.disagreements(), equalTo(List.of()));
    }

    @Test
    void runParametersFillTheParameterColumnsARowLeavesEmpty() throws IOException {
        BdqCsvRunner withAuthority = new BdqCsvRunner(BdqRegistry.standard(
                BdqParameters.defaults(LocalDate.of(2026, 11, 23)), Map.of()),
                Map.of("bdqval:sourceAuthority", "https://api.gbif.org/v1/vocabularies/Sex"));
        String in = "Label,dwc:sex,bdqval:sourceAuthority\n"
                + "VALIDATION_SEX_STANDARD,Male,\n"
                + "VALIDATION_SEX_STANDARD,Male,https://invalid/invalidservice\n";
        StringWriter out = new StringWriter();
        withAuthority.run(new StringReader(in), out);
        List<Map<String, String>> rows = read(out.toString());
        assertThat(rows.get(0).get("Response.result"), equalTo("COMPLIANT"));
        assertThat(rows.get(1).get("Response.status"), equalTo("EXTERNAL_PREREQUISITES_NOT_MET"));
    }

    @Test
    void refusesACsvWithoutATestColumn() {
        assertThrows(IllegalArgumentException.class,
                () -> runner.run(new StringReader("dwc:eventDate\n2024\n"), new StringWriter()));
    }
}
