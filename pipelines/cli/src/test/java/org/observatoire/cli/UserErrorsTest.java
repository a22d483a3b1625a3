package org.observatoire.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A user's mistake gets one line naming what to fix and exit code 2; stack traces only with --debug. */
class UserErrorsTest {
  @TempDir
  Path tmp;

  private record Run(int code, List<String> err) {}

  private static Run run(String... args) {
    StringWriter err = new StringWriter();
    CommandLine cli = Observatoire.commandLine().setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Run(code, err.toString().lines().filter(l -> !l.startsWith("note:")).toList());
  }

  @Test
  void aMissingInputFolderIsOneLineNamingIt() {
    Run r = run("nightly", "--input", tmp.resolve("nowhere").toString(), "--output", tmp.resolve("out").toString(),
        "--sample-pseudonym-key");
    assertThat(r.err(), hasSize(1));
    assertThat(r.err().get(0), startsWith("observatoire nightly: "));
    assertThat(r.err().get(0), containsString(tmp.resolve("nowhere").toString()));
    assertThat(r.code(), is(UserErrors.USAGE));
  }

  @Test
  void aFolderThatIsNotACatalogIsOneLine() {
    Run r = run("export-dwca", "--catalog", tmp.toString(), "--output", tmp.resolve("dwca").toString());
    assertThat(r.err(), hasSize(1));
    assertThat(r.err().get(0), containsString("is not a release catalog"));
    assertThat(r.code(), is(UserErrors.USAGE));
  }

  @Test
  void aBadOptionNamesItAndPointsToHelp() {
    Run r = run("query", "--catalog", tmp.toString(), "--formatt", "csv", "select 1");
    assertThat(r.err(), hasSize(2));
    assertThat(r.err().get(0), containsString("--formatt"));
    assertThat(r.err().get(1), is("Try 'observatoire query --help'."));
    assertThat(r.code(), is(UserErrors.USAGE));
  }

  @Test
  void debugAddsTheStackTrace() {
    Run r = run("export-dwca", "--catalog", tmp.toString(), "--output", tmp.resolve("dwca").toString(), "--debug");
    assertThat(String.join("\n", r.err()), containsString("\tat org.observatoire."));
    assertThat(r.err().get(r.err().size() - 1), containsString("is not a release catalog"));
  }

  @Test
  void anInternalErrorSaysSoOnOneLineWithItsCauses() {
    CommandLine cli = Observatoire.commandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err, true));
    CommandLine.ParseResult parsed = cli.parseArgs("--version");
    int code = new UserErrors().handleExecutionException(
        new IllegalStateException("the pipeline failed", new ArithmeticException("/ by zero")), cli, parsed);
    assertThat(code, is(UserErrors.INTERNAL));
    List<String> lines = err.toString().lines().toList();
    assertThat(lines, hasSize(1));
    assertThat(lines.get(0), is("observatoire: internal error: the pipeline failed: caused by / by zero"
        + " (run again with --debug for the stack trace)"));
    assertThat(lines.get(0), not(containsString("\tat ")));
  }
}
