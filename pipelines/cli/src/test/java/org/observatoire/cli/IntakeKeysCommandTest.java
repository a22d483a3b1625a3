package org.observatoire.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatoire.cli.intake.ApiKeys;

/** {@code observatoire intake keys add|list|revoke}, round trip through the command line. */
class IntakeKeysCommandTest {
  @TempDir
  Path tmp;

  private static CommandRun run(String... args) {
    return CommandRun.of(args);
  }

  @Test
  void addPrintsTheKeyOnceListShowsIdsAndRevokeRefusesItFromThenOn() throws Exception {
    String state = tmp.resolve("state").toString();
    CommandRun add = run("intake", "keys", "add", "--state-dir", state, "--name", "Appli STOC", "--protocol",
        "stoc-eps,vigie-chiro");
    assertThat(add.err(), add.exit(), is(0));
    String key = add.out().trim();
    assertThat(key, matchesPattern("obs_[0-9a-f]{8}_[A-Za-z0-9_-]{43}"));
    String id = key.substring(4, 12);

    CommandRun list = run("intake", "keys", "list", "--state-dir", state);
    assertThat(list.exit(), is(0));
    assertThat(list.out(), containsString(id + "\tAppli STOC\tstoc-eps,vigie-chiro\t"));
    assertThat("the key itself is never listed", list.out(), not(containsString(key.substring(13))));
    assertThat(Files.readString(tmp.resolve("state/keys.json")), not(containsString(key.substring(13))));
    assertThat(ApiKeys.open(tmp.resolve("state/keys.json")).authenticate(key).isPresent(), is(true));

    CommandRun revoke = run("intake", "keys", "revoke", "--state-dir", state, id);
    assertThat(revoke.err(), revoke.exit(), is(0));
    assertThat(ApiKeys.open(tmp.resolve("state/keys.json")).authenticate(key).isPresent(), is(false));
    CommandRun after = run("intake", "keys", "list", "--state-dir", state);
    assertThat(after.out(), matchesPattern("(?s).*" + id + "\tAppli STOC\t[^\t]+\t[^\t]+\t20[0-9-]+T[^\t]+\tapp.*"));

    CommandRun again = run("intake", "keys", "revoke", "--state-dir", state, id);
    assertThat(again.exit(), is(2));
    assertThat(again.err(), containsString("no active key with the id '" + id + "'"));
  }

  @Test
  void anUnknownProtocolIsOneLineNamingTheFlag() {
    CommandRun add = run("intake", "keys", "add", "--state-dir", tmp.toString(), "--name", "x", "--protocol", "nope");
    assertThat(add.exit(), equalTo(2));
    assertThat(add.err(), containsString("--protocol: unknown protocol 'nope'"));
    assertThat(add.err().strip().lines().count(), equalTo(1L));
  }
}
