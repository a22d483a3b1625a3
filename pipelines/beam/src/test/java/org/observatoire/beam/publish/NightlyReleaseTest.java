package org.observatoire.beam.publish;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end: real nightly runs published into a catalog, one of them aborted between staging and publication. */
class NightlyReleaseTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T03:00:00Z"), ZoneOffset.UTC);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path tmp;

  @Test
  void aFailedVerificationNeverMovesCurrentAndTheNextRunPublishes() throws Exception {
    Path root = tmp.resolve("catalog");
    Path inputA = SampleRuns.input(tmp.resolve("a"),
        List.of("submissions/stoc-eps/valid.jsonl", "submissions/propage/valid.jsonl"));
    Path inputB = SampleRuns.input(tmp.resolve("b"),
        List.of("submissions/stoc-eps/valid.jsonl", "submissions/spipoll/valid.jsonl"));

    var first = NightlyRelease.run(SampleRuns.options(inputA), root, "r1", 1, List.of(), CLOCK);
    ReleaseCatalog catalog = ReleaseCatalog.existing(root);
    assertThat(catalog.currentId().orElseThrow(), is("r1"));
    Path r1 = catalog.release("r1");
    for (String f : List.of("manifest.json", "release.json", "CHANGES.json", "CHANGES.md", "report.html")) {
      assertThat(f + " in the release", Files.exists(r1.resolve(f)), is(true));
    }
    long stocRows = first.output().manifest().json().path("protocols").path("stoc-eps").path("occurrenceRows")
        .asLong();
    long propageRows = first.output().manifest().json().path("protocols").path("propage").path("occurrenceRows")
        .asLong();
    assertThat(first.changes().total(), is(new ReleaseChanges.Counts(stocRows + propageRows, 0, 0, 0)));

    // run 2 is staged completely, then verification fails (injected): nothing is published
    ReleaseCheck injected = staged -> List.of("injected failure after staging " + staged.getFileName());
    ReleaseRejectedException e = assertThrows(ReleaseRejectedException.class,
        () -> NightlyRelease.run(SampleRuns.options(inputB), root, "r2", 1, List.of(injected), CLOCK));
    assertThat(e.problems(), contains("injected failure after staging r2"));
    assertThat(catalog.currentId().orElseThrow(), is("r1"));
    assertThat(catalog.releaseIds(), contains("r1"));
    assertThat(Files.exists(root.resolve("staging/r2/manifest.json")), is(true));
    assertThat(Files.readString(root.resolve("current"), StandardCharsets.UTF_8).trim(), is("r1"));

    // run 3 succeeds: leftovers cleaned, changes against r1, retention keeps only the newest
    var third = NightlyRelease.run(SampleRuns.options(inputB), root, "r3", 1, List.of(), CLOCK);
    assertThat(third.cleaned(), hasItems("staging/r2"));
    assertThat(third.expired(), contains("r1"));
    assertThat(catalog.currentId().orElseThrow(), is("r3"));
    assertThat(catalog.releaseIds(), contains("r3"));
    try (var staging = Files.list(root.resolve("staging"))) {
      assertThat(staging.toList(), is(empty()));
    }
    long spipollRows = third.output().manifest().json().path("protocols").path("spipoll").path("occurrenceRows")
        .asLong();
    JsonNode changes = JSON.readTree(catalog.release("r3").resolve("CHANGES.json").toFile());
    assertThat(changes.path("previous").asText(), is("r1"));
    assertThat(changes.path("protocols").path("propage").path("removed").asLong(), is(propageRows));
    assertThat(changes.path("protocols").path("spipoll").path("added").asLong(), is(spipollRows));
    assertThat(changes.path("protocols").path("stoc-eps").path("unchanged").asLong(), is(stocRows));
    assertThat(changes.path("total").path("changed").asLong(), is(0L));
    JsonNode release = JSON.readTree(catalog.release("r3").resolve("release.json").toFile());
    assertThat(release.path("previous").asText(), is("r1"));
    assertThat(release.path("publishedAt").asText(), is("2026-11-23T03:00:00Z"));
    assertThat(Files.readString(catalog.release("r3").resolve("report.html")), containsString("density-map"));
  }
}
