package org.observatoire.cli.intake;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeysTest {
  @TempDir
  Path tmp;

  @Test
  void aKeyIsKeptHashedScopedAndRevocable() throws Exception {
    ApiKeys keys = ApiKeys.open(tmp.resolve("keys.json"));
    String key = keys.add("Vigie app", Set.of("stoc-eps"), null);
    assertThat(key, matchesPattern("obs_[0-9a-f]{8}_[A-Za-z0-9_-]{43}"));
    String file = Files.readString(tmp.resolve("keys.json"));
    assertThat("only the hash is kept", file, not(containsString(key.substring(13))));
    assertThat(file, containsString(ApiKeys.sha256(key)));

    ApiKeys.Client c = keys.authenticate(key).orElseThrow();
    assertThat(c.name(), equalTo("Vigie app"));
    assertThat(c.allows("stoc-eps"), is(true));
    assertThat(c.allows("spipoll"), is(false));
    assertThat(keys.authenticate(key + "x").isPresent(), is(false));
    assertThat(keys.authenticate(null).isPresent(), is(false));

    assertThat(keys.revoke(c.id()), is(true));
    assertThat(keys.authenticate(key).isPresent(), is(false));
    assertThat("revoked once", keys.revoke(c.id()), is(false));
    assertThat(keys.list().get(0).revoked() != null, is(true));
  }

  @Test
  void aRunningIntakeSeesKeysAddedByAnotherProcess() throws Exception {
    ApiKeys running = ApiKeys.open(tmp.resolve("keys.json"));
    String key = ApiKeys.open(tmp.resolve("keys.json")).add("later", Set.of("*"), 3.0);
    Files.setLastModifiedTime(tmp.resolve("keys.json"), FileTime.fromMillis(System.currentTimeMillis() + 5000));
    running.refresh();
    ApiKeys.Client c = running.authenticate(key).orElseThrow();
    assertThat(c.allows("any-protocol"), is(true));
    assertThat(c.rate(), equalTo(3.0));
  }

  @Test
  void aPageKeyIsPublicAndScopedToItsProtocol() {
    ApiKeys keys = ApiKeys.open(tmp.resolve("keys.json"));
    ApiKeys.Client page = keys.addPageKey("spipoll");
    assertThat(page.page(), is(true));
    assertThat(keys.authenticate(page.publicKey()).orElseThrow().protocols(), equalTo(Set.of("spipoll")));
    assertThat(keys.pageKey("spipoll").orElseThrow().id(), equalTo(page.id()));
  }

  @Test
  void aKeyNeedsANameAndAProtocol() {
    ApiKeys keys = ApiKeys.open(tmp.resolve("keys.json"));
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> keys.add("x", Set.of(), null));
    assertThat(e.getMessage(), containsString("--protocol"));
  }
}
