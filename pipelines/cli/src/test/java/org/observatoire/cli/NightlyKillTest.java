package org.observatoire.cli;

import org.observatoire.beam.io.Folders;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A nightly run killed (SIGKILL) while it writes its staging folder never changes what current shows. */
class NightlyKillTest {
  @TempDir
  Path tmp;

  @Test
  void aKilledRunLeavesCurrentAndTheNextRunPublishes() throws Exception {
    Path catalog = tmp.resolve("catalog");
    Folders.copyTree(PublishedSample.catalog(), catalog);
    Files.deleteIfExists(catalog.resolve(".lock"));

    // killed, embedded Flink leaves its unpacked RPC jar in java.io.tmpdir: keep it in this test's folder
    Path jvmTmp = Files.createDirectories(tmp.resolve("jvm-tmp"));
    Process run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djava.io.tmpdir=" + jvmTmp, "-cp", System.getProperty("java.class.path"), Observatoire.class.getName(),
        "nightly",
        "--input", PublishedSample.input().toString(), "--catalog", catalog.toString(), "--run-id", "killed",
        "--reference-time", "2026-11-23T00:00:00Z", "--sample-pseudonym-key")
        .redirectErrorStream(true).redirectOutput(tmp.resolve("killed.log").toFile()).start();
    Path staging = catalog.resolve("staging/killed");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!Files.isDirectory(staging.resolve("occurrences")) && run.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat("the run reached its staging folder:\n" + Files.readString(tmp.resolve("killed.log")),
        Files.isDirectory(staging.resolve("occurrences")) && run.isAlive(), is(true));
    run.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

    assertThat(Files.readString(catalog.resolve("current"), StandardCharsets.UTF_8).trim(),
        is(PublishedSample.RELEASE));
    try (Stream<Path> releases = Files.list(catalog.resolve("releases"))) {
      assertThat(releases.map(p -> p.getFileName().toString()).toList(), contains(PublishedSample.RELEASE));
    }
    assertThat("the killed run's staging is still there", Files.isDirectory(staging), is(true));

    int code = Observatoire.commandLine().execute("nightly", "--input", PublishedSample.input().toString(),
        "--catalog", catalog.toString(), "--run-id", "after-kill", "--reference-time", "2026-11-23T00:00:00Z", "--sample-pseudonym-key");
    assertThat(code, is(0));
    assertThat(Files.readString(catalog.resolve("current")).trim(), is("after-kill"));
    assertThat("leftovers cleaned", Files.exists(staging), is(false));
    JsonNode changes = new ObjectMapper().readTree(catalog.resolve("releases/after-kill/CHANGES.json").toFile());
    long rows = PublishedSample.manifest().path("totals").path("occurrenceRows").asLong();
    assertThat(changes.path("previous").asText(), is(PublishedSample.RELEASE));
    assertThat(changes.path("total").path("unchanged").asLong(), is(rows));
    assertThat(changes.path("total").path("added").asLong() + changes.path("total").path("removed").asLong()
        + changes.path("total").path("changed").asLong(), is(0L));
  }

  @Test
  void outputAndCatalogAreExclusive() {
    StringWriter err = new StringWriter();
    CommandLine cli = Observatoire.commandLine();
    cli.setErr(new PrintWriter(err));
    int code = cli.execute("nightly", "--input", tmp.toString(), "--output", tmp.resolve("o").toString(),
        "--catalog", tmp.resolve("c").toString());
    assertThat(code, is(2));
    assertThat(err.toString(), containsString("exactly one of --output DIR or --catalog ROOT"));
    assertThat(Observatoire.commandLine().setErr(new PrintWriter(new StringWriter()))
        .execute("nightly", "--input", tmp.toString()), is(2));
    assertThat(List.of(tmp.toFile().list()).contains("c"), is(false));
  }
}
