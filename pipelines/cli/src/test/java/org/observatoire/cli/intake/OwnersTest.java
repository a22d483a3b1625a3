package org.observatoire.cli.intake;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnersTest {
  @TempDir
  Path tmp;

  @Test
  void anIdBelongsToTheFirstKeyThatSentItAndARestartedIntakeKnowsIt() {
    Path log = tmp.resolve("owners.log");
    try (Owners o = Owners.open(log, 10)) {
      assertThat(o.claim("s-1", "keyA"), is(true));
      assertThat("the same key may resend", o.claim("s-1", "keyA"), is(true));
      assertThat("another key may not", o.claim("s-1", "keyB"), is(false));
      assertThat(o.owns("keyA", "s-1"), is(true));
      assertThat(o.owns("keyB", "s-1"), is(false));
    }
    try (Owners again = Owners.open(log, 10)) {
      assertThat(again.owns("keyA", "s-1"), is(true));
      assertThat(again.claim("s-1", "keyB"), is(false));
    }
  }

  @Test
  void theLogsStayWithinTwiceTheKeptEntriesAndTheNewestSurviveARestart() throws Exception {
    Path log = tmp.resolve("owners.log");
    try (Owners o = Owners.open(log, 100)) {
      for (int i = 0; i < 1000; i++) {
        o.claim("s-" + i, "k");
      }
      o.flush();
      long lines = Files.readAllLines(log).size() + Files.readAllLines(tmp.resolve("owners.log.old")).size();
      assertThat(lines, lessThanOrEqualTo(200L));
      assertThat("the oldest are let go", o.owns("k", "s-0"), is(false));
    }
    try (Owners again = Owners.open(log, 100)) {
      assertThat(again.owns("k", "s-999"), is(true));
      assertThat(again.owns("k", "s-900"), is(true));
      assertThat(again.owns("k", "s-899"), is(false));
      assertThat(Files.exists(tmp.resolve("owners.log.old")), is(false));
    }
  }
}
