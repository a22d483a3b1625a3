package org.observatoire.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatoire.core.privacy.PseudonymKey;

/** A user error of {@code nightly} is one line naming what to fix, before any job starts. */
class NightlyUsageTest {
  private record Run(int exit, String stderr) {}

  /** Runs {@code observatoire nightly ARGS}, returning its exit code and what it wrote on stderr. */
  private static Run nightly(String... args) {
    PrintStream err = System.err;
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int exit;
    try {
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      String[] all = new String[args.length + 1];
      all[0] = "nightly";
      System.arraycopy(args, 0, all, 1, args.length);
      exit = Observatoire.commandLine().execute(all);
    } finally {
      System.setErr(err);
    }
    return new Run(exit, e.toString(StandardCharsets.UTF_8).strip());
  }
  @Test
  void withoutAPseudonymKeyTheRunStopsWithOneLineNamingTheWaysToGiveOne(@TempDir Path tmp) {
    Assumptions.assumeTrue(System.getenv(PseudonymKey.ENV_VAR) == null, "the environment gives a key");
    Run run = nightly("--input", "../../sample-data", "--output", tmp.resolve("out").toString());
    String text = run.stderr();
    assertThat(run.exit(), is(2));
    assertThat(text.lines().count(), is(1L));
    assertThat(text, containsString(PseudonymKey.ENV_VAR));
    assertThat(text, containsString("--pseudonym-key-file"));
    assertThat(text, containsString("--sample-pseudonym-key"));
    assertThat(text, not(containsString("Exception")));
    assertThat(tmp.resolve("out").toFile().exists(), is(false));
  }

  @Test
  void helpListsTheExitCodesWithCompletedWithFaultyInputs() {
    String help = Observatoire.commandLine().getSubcommands().get("nightly").getUsageMessage();
    assertThat(help, containsString("Exit codes:"));
    assertThat(help, containsString(NightlyCommand.FAULTY_INPUTS + "   completed with faulty inputs"));
  }

  @Test
  void anUnknownBdqTestSetIsOneLineNamingTheFlag(@TempDir Path tmp) {
    Run run = nightly("--input", "../../sample-data", "--output", tmp.resolve("out").toString(),
        "--sample-pseudonym-key", "--bdq-tests", "most");
    String text = run.stderr();
    assertThat(run.exit(), is(2));
    assertThat(text, text.lines().findFirst().orElse(""), containsString("--bdq-tests"));
    assertThat(text, containsString("give core or all"));
    assertThat(text, not(containsString("Exception")));
    assertThat(tmp.resolve("out").toFile().exists(), is(false));
  }

  @Test
  void theBdqOptionsReachTheJob() {
    NightlyCommand nightly = new NightlyCommand();
    new picocli.CommandLine(nightly).parseArgs("--input", "in", "--output", "out", "--bdq-tests", "all",
        "--bdq-param", "earliestValidDate=1900-01-01", "--bdq-param", "bdq:sourceAuthority=TAXREF");
    assertThat(nightly.beamArguments(), org.hamcrest.Matchers.hasItems("--bdqTests=all",
        "--bdqParameters=bdqval:earliestValidDate=1900-01-01", "--bdqParameters=bdqval:sourceAuthority=TAXREF"));
    NightlyCommand plain = new NightlyCommand();
    new picocli.CommandLine(plain).parseArgs("--input", "in", "--output", "out");
    assertThat(plain.beamArguments(), org.hamcrest.Matchers.hasItem("--bdqTests=core"));
  }
}
