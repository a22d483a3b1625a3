package org.observatoire.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatoire.core.imports.Fixtures;
import picocli.CommandLine;

/** {@code observatoire import} end to end through picocli, on the real-export fixtures of sample-data/real. */
class ImportCommandTest {
  private static final Path PROPAGE = Fixtures.real().resolve("propage-2009-2015");
  private static final Path CHIRO = Fixtures.real().resolve("vigie-chiro");
  private static final String AT = "2026-03-01T09:30:00+01:00";

  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cmd = new CommandLine(new Observatoire());
    cmd.setErr(new PrintWriter(err, true));
    cmd.setOut(new PrintWriter(new StringWriter(), true));
    return cmd.execute(args);
  }

  @Test
  void propageExportToAFileSameBytesEachTime(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("out/propage.jsonl");
    assertThat(run("import", "--format", "propage-export", "--input", PROPAGE.toString(), "--output",
        out.toString(), "--submitted-at", AT), is(0));
    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
    assertThat(lines, hasSize(30));
    JsonNode first = new ObjectMapper().readTree(lines.get(0));
    assertThat(first.get("submittedAt").asText(), is(AT));
    assertThat(first.at("/visit/weather/temperatureClass").asText(), is("21-25°C"));
    assertThat(err.toString(), containsString("2 file(s) read (data_env_1_clean.csv, data_releves_large.csv), "
        + "60 rows read"));
    assertThat(err.toString(), containsString("  visits where nothing was seen: 5\n"));
    assertThat(err.toString(), containsString("wrote 30 submissions (submittedAt " + AT + ")"));
    assertThat(err.toString(), containsString("every row converted"));
    assertThat(Files.exists(dir.resolve("out/propage.jsonl.tmp")), is(false));

    byte[] once = Files.readAllBytes(out);
    assertThat(run("import", "--format", "propage-export", "--input", PROPAGE.toString(), "--output",
        out.toString(), "--submitted-at", AT), is(0));
    assertThat(Files.readAllBytes(out), is(once));
  }

  @Test
  void vigieChiroParticipationToStdout() throws Exception {
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    PrintStream previous = System.out;
    int code;
    try {
      System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
      code = run("import", "--format", "vigie-chiro-participation", "--input", CHIRO.toString(), "--output", "-");
    } finally {
      System.setOut(previous);
    }
    assertThat(code, is(0));
    String[] lines = stdout.toString(StandardCharsets.UTF_8).split("\n");
    assertThat(lines.length, is(1));
    JsonNode s = new ObjectMapper().readTree(lines[0]);
    assertThat(s.get("observations").size(), is(200));
    // the default submittedAt: now, to the second, in UTC
    assertThat(s.get("submittedAt").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), is(true));
    assertThat(err.toString(), containsString("observations (detections): 200"));
    assertThat(err.toString(), containsString("note: visit start and end are the span of the detections"));
    assertThat(err.toString(), containsString("to stdout"));
  }

  @Test
  void skippedRowsAreNamedAndExitTwo(@TempDir Path dir) throws Exception {
    Path in = Fixtures.copy(PROPAGE, Files.createDirectory(dir.resolve("in")));
    Path visits = in.resolve("data_env_1_clean.csv");
    List<String> rows = new ArrayList<>(Files.readAllLines(visits, StandardCharsets.UTF_8));
    rows.set(1, rows.get(1).replace("2014-08-01", "01/08/2014"));
    Files.write(visits, rows, StandardCharsets.UTF_8);
    Path out = dir.resolve("out.jsonl");
    assertThat(run("import", "--format", "propage-export", "--input", in.toString(), "--output", out.toString(),
        "--submitted-at", AT), is(2));
    assertThat(err.toString(), startsWith("skipped data_env_1_clean.csv:2: visit 12005: releve_date '01/08/2014' "
        + "is not a date (YYYY-MM-DD)\n"));
    assertThat(err.toString(), containsString("1 row(s) could not be converted"));
    assertThat(Files.readAllLines(out), hasSize(29));
  }

  @Test
  void usageErrorsAreOneLineNamingTheFlagAndExit64(@TempDir Path dir) throws Exception {
    String out = dir.resolve("o.jsonl").toString();
    assertThat(run("import", "--format", "ebird", "--input", PROPAGE.toString(), "--output", out), is(64));
    assertThat(err.toString(), is("--format: unknown format 'ebird'; choose one of [propage-export, "
        + "vigie-chiro-participation]\n"));

    err.getBuffer().setLength(0);
    Path missing = dir.resolve("missing");
    assertThat(run("import", "--format", "propage-export", "--input", missing.toString(), "--output", out), is(64));
    assertThat(err.toString(), is("--input " + missing + " is not a folder\n"));

    err.getBuffer().setLength(0);
    assertThat(run("import", "--format", "vigie-chiro-participation", "--input", PROPAGE.toString(), "--output",
        out), is(64));
    assertThat(err.toString(), is("--input " + PROPAGE + " has no participation-<id>-observations.csv file\n"));

    err.getBuffer().setLength(0);
    assertThat(run("import", "--format", "propage-export", "--input", PROPAGE.toString(), "--output", out,
        "--submitted-at", "2026-03-01 09:30"), is(64));
    assertThat(err.toString(), startsWith("--submitted-at: '2026-03-01 09:30' is not an RFC 3339 date-time"));

    err.getBuffer().setLength(0);
    Path notAFolder = dir.resolve("file");
    Files.writeString(notAFolder, "");
    assertThat(run("import", "--format", "propage-export", "--input", PROPAGE.toString(), "--output",
        notAFolder.resolve("o.jsonl").toString()), is(64));
    assertThat(err.toString(), startsWith("--output: cannot write " + notAFolder.resolve("o.jsonl") + ": "));
    assertThat(err.toString().lines().count(), is(1L));

    err.getBuffer().setLength(0);
    assertThat(run("import", "--format", "propage-export", "--output", out), is(64));
    assertThat(err.toString(), startsWith("Missing required option: '--input=DIR'"));
    assertThat(err.toString(), not(containsString("Exception")));
    assertThat(Files.exists(dir.resolve("o.jsonl")), is(false));
  }

  @Test
  void helpListsTheFormatsAndExitCodes() {
    StringWriter help = new StringWriter();
    CommandLine cmd = new CommandLine(new Observatoire());
    cmd.setOut(new PrintWriter(help, true));
    assertThat(cmd.execute("import", "--help"), is(0));
    assertThat(help.toString(), containsString("The export's format: propage-export,"));
    assertThat(help.toString(), containsString("vigie-chiro-participation."));
    assertThat(help.toString(), containsString("Exit codes:"));
    assertThat(help.toString(), containsString("64   usage"));
  }
}
