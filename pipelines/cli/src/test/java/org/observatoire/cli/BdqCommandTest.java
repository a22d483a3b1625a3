package org.observatoire.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BdqCommandTest {

    @TempDir
    Path dir;

    @Test
    void writesResponsesForASmallCsv() throws Exception {
        Path in = dir.resolve("cases.csv");
        Files.writeString(in, """
                test,dwc:decimalLatitude,dwc:decimalLongitude,dwc:countryCode,dwc:eventDate
                VALIDATION_COORDINATES_NOTZERO,0,0,,
                VALIDATION_COORDINATES_COUNTRYCODE_CONSISTENT,48.5734,7.7521,FR,
                AMENDMENT_COORDINATES_TRANSPOSED,48.5734,-7.7521,FR,
                VALIDATION_EVENTDATE_INRANGE,,,,2026-12-01
                """, StandardCharsets.UTF_8);
        Path out = dir.resolve("responses.csv");
        StringWriter stdout = new StringWriter();
        CommandLine cli = new CommandLine(new BdqCommand());
        cli.setOut(new PrintWriter(stdout));
        int code = cli.execute("--input", in.toString(), "--output", out.toString(), "--latest-valid-date", "2026-11-23");

        assertThat(code, equalTo(0));
        assertThat(stdout.toString(), containsString("4 rows, 4 answered"));
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertThat(lines.get(0), equalTo("test,dwc:decimalLatitude,dwc:decimalLongitude,dwc:countryCode,"
                + "dwc:eventDate,Response.status,Response.result,Response.comment"));
        assertThat(lines.get(1), containsString(",RUN_HAS_RESULT,NOT_COMPLIANT,"));
        assertThat(lines.get(2), containsString(",RUN_HAS_RESULT,COMPLIANT,"));
        assertThat(lines.get(3), containsString(",AMENDED,\"{\"\"dwc:decimalLongitude\"\":\"\"7.7521\"\"}\","));
        assertThat(lines.get(4), containsString(",RUN_HAS_RESULT,NOT_COMPLIANT,"));
    }

    @Test
    void theLatestValidDateDefaultsToTodayAndParametersAreSetPerRun() throws Exception {
        Path in = dir.resolve("cases.csv");
        Files.writeString(in, """
                Label,dwc:eventDate,dwc:sex
                VALIDATION_EVENTDATE_INRANGE,2000-01-01,
                VALIDATION_EVENTDATE_INRANGE,2999-01-01,
                VALIDATION_SEX_STANDARD,,Male
                """, StandardCharsets.UTF_8);
        Path out = dir.resolve("responses.csv");
        CommandLine cli = new CommandLine(new BdqCommand());
        cli.setOut(new PrintWriter(new StringWriter()));
        assertThat(cli.execute("--input", in.toString(), "--output", out.toString(),
                "--param", "bdqval:sourceAuthority=https://invalid/invalidservice"), equalTo(0));
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertThat(lines.get(1), containsString(",RUN_HAS_RESULT,COMPLIANT,"));
        assertThat(lines.get(2), containsString(",RUN_HAS_RESULT,NOT_COMPLIANT,"));
        assertThat(lines.get(3), containsString("EXTERNAL_PREREQUISITES_NOT_MET"));
    }

    @Test
    void namesTheSkippedTestsOnStderr() throws Exception {
        Path in = dir.resolve("cases.csv");
        Files.writeString(in, "Label,dwc:year\nVALIDATION_YEAR_NOTEMPTY,2020\nNO_SUCH_TEST,1\nNO_SUCH_TEST,2\n",
                StandardCharsets.UTF_8);
        StringWriter stderr = new StringWriter();
        CommandLine cli = new CommandLine(new BdqCommand());
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(stderr));
        cli.execute("--input", in.toString(), "--output", dir.resolve("o.csv").toString());
        assertThat(stderr.toString(), containsString("skipped 1 tests (2 rows)"));
        assertThat(stderr.toString(), containsString("unknown test NO_SUCH_TEST (2)"));
    }

    @Test
    void listsTheTestsAsTheCommittedReferencePage() throws Exception {
        StringWriter stdout = new StringWriter();
        CommandLine cli = new CommandLine(new BdqCommand());
        cli.setOut(new PrintWriter(stdout));
        assertThat(cli.execute("--list-tests"), equalTo(0));
        assertThat(stdout.toString(), equalTo(Files.readString(Path.of("../../docs/bdq-tests.md"))));
    }

    @Test
    void asksForInputAndOutputInOneLine() {
        StringWriter stderr = new StringWriter();
        CommandLine cli = new CommandLine(new BdqCommand());
        cli.setErr(new PrintWriter(stderr));
        assertThat(cli.execute("--output", "b.csv"), equalTo(2));
        assertThat(stderr.toString().trim(), equalTo("bdq: --input and --output are required (or --list-tests)"));
    }
}
