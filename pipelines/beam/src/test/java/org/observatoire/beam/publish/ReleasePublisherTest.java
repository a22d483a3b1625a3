package org.observatoire.beam.publish;

import org.observatoire.beam.io.Folders;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalog's publication rules over copies of one real nightly output (no pipeline per release). */
class ReleasePublisherTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T03:00:00Z"), ZoneOffset.UTC);

  @TempDir
  static Path shared;
  static Path runOutput;

  @TempDir
  Path tmp;

  @BeforeAll
  static void oneRealRun() throws Exception {
    Path input = SampleRuns.input(shared.resolve("in"), List.of("submissions/propage/valid.jsonl",
        "submissions/propage/invalid.jsonl", "submissions/propage/edge.jsonl"));
    runOutput = SampleRuns.nightly(input, shared.resolve("run"), "fixture");
  }

  private static ReleasePublisher.Stager<Void> copyOfRun() {
    return staging -> {
      Folders.copyTree(runOutput, staging);
      return null;
    };
  }

  private ReleasePublisher publisher(Path root, int keep) {
    return ReleasePublisher.of(ReleaseCatalog.at(root, CLOCK),
        List.of(ReleaseVerifier.of(NightlyDatasets.declaredColumns())), keep);
  }

  @Test
  void aRunLeavesNoTemporaryFoldersInItsOutputs() throws Exception {
    for (Path dir : List.of(runOutput, Path.of(runOutput + "-restricted"))) {
      try (var walk = Files.walk(dir)) {
        List<Path> temps = walk.filter(p -> p.getFileName().toString().startsWith(".temp")).toList();
        assertThat(dir + " holds writer leftovers", temps, empty());
      }
    }
  }

  @Test
  void aKilledRunLeavesCurrentAloneAndTheNextRunCleansUp() throws Exception {
    Path root = tmp.resolve("catalog");
    publisher(root, 3).publish("r1", copyOfRun());
    // what a run killed mid-way leaves: a half-written staging folder and a pointer file not yet renamed
    Path killed = root.resolve("staging/r2");
    Files.createDirectories(killed.resolve("occurrences/protocol=propage"));
    Files.writeString(killed.resolve("occurrences/protocol=propage/part-0.parquet"), "PAR1 half");
    Files.writeString(root.resolve(".current.r2.tmp"), "r2");
    // and its restricted folder, which may hold precise locations; r1's stays with its release
    Files.createDirectories(root.resolve("restricted/r2/locations"));
    Files.writeString(root.resolve("restricted/r2/locations/part-0.parquet"), "PAR1 half");
    Files.createDirectories(root.resolve("restricted/r1/locations"));
    ReleaseCatalog catalog = ReleaseCatalog.existing(root);
    assertThat(catalog.currentId().orElseThrow(), is("r1"));
    assertThat(catalog.releaseIds(), contains("r1"));

    var next = publisher(root, 3).publish("r3", copyOfRun());
    assertThat(next.cleaned(), containsInAnyOrder("staging/r2", "restricted/r2", ".current.r2.tmp"));
    assertThat(Files.exists(root.resolve("restricted/r2")), is(false));
    assertThat(Files.isDirectory(root.resolve("restricted/r1/locations")), is(true));
    assertThat(catalog.currentId().orElseThrow(), is("r3"));
    assertThat(catalog.releaseIds(), contains("r1", "r3"));
    long rows = org.observatoire.beam.parquet.ParquetFooters.count(runOutput.resolve("occurrences"))[1];
    assertThat(next.changes().total().unchanged(), is(rows));
    assertThat(next.changes().total().added(), is(0L));
    assertThat(next.changes().total().removed(), is(0L));
  }

  @Test
  void retentionKeepsTheLastNReleasesInPublicationOrder() {
    Path root = tmp.resolve("catalog");
    // ids chosen so that name order is not publication order
    for (String id : List.of("zeta", "alpha", "mid")) {
      publisher(root, 2).publish(id, copyOfRun());
    }
    ReleaseCatalog catalog = ReleaseCatalog.existing(root);
    assertThat(catalog.releaseIds(), containsInAnyOrder("alpha", "mid"));
    assertThat(catalog.currentId().orElseThrow(), is("mid"));
    assertThat(catalog.previousOf("mid").orElseThrow(), is("alpha"));
  }

  @Test
  void aCorruptParquetFileIsNotPublished() {
    Path root = tmp.resolve("catalog");
    ReleaseRejectedException e = assertThrows(ReleaseRejectedException.class,
        () -> publisher(root, 1).publish("bad", staging -> {
          Folders.copyTree(runOutput, staging);
          Path victim = Duck.parquetFiles(staging.resolve("occurrences")).get(0);
          byte[] bytes = Files.readAllBytes(victim);
          java.util.Arrays.fill(bytes, 4, bytes.length / 2, (byte) 0x5a); // pages garbled, footer intact
          Files.write(victim, bytes);
          return null;
        }));
    assertThat(String.join("\n", e.problems()), containsString("unreadable Parquet"));
    assertThat(ReleaseCatalog.existing(root).currentId().isPresent(), is(false));
  }

  @Test
  void missingRowsUndeclaredColumnsAndBrokenConservationAreCaught() throws Exception {
    Path staged = tmp.resolve("staged");
    Folders.copyTree(runOutput, staged);
    String manifest = Files.readString(staged.resolve("manifest.json"));
    Files.writeString(staged.resolve("manifest.json"), manifest.replace("\"holds\" : true", "\"holds\" : false"));
    List<Path> rejectedFiles = Duck.parquetFiles(staged.resolve("rejected"));
    Files.delete(rejectedFiles.get(0));
    Files.createDirectories(staged.resolve("occurrences/.temp-beam-1"));
    Files.writeString(staged.resolve("occurrences/.temp-beam-1/part.parquet"), "PAR1");
    Files.createDirectories(staged.resolve("events/.runs-1"));
    Files.writeString(staged.resolve("events/.runs-1/a.run"), "run");
    var declared = new java.util.HashMap<>(NightlyDatasets.declaredColumns());
    declared.put("duplicates", List.of("submissionId", "protocol"));
    List<String> problems = ReleaseVerifier.of(declared).problems(staged);
    assertThat(problems, hasItem(containsString("conservation does not hold")));
    assertThat(problems, hasItem(containsString("rejected: " + (rejectedFiles.size() - 1)
        + " Parquet files but the manifest declares " + rejectedFiles.size())));
    assertThat(problems, hasItem(containsString("rows read but the manifest declares")));
    assertThat(problems, hasItem(containsString("part.parquet: a temporary file left by the writer")));
    assertThat(problems, hasItem(containsString("a.run: a temporary file left by the writer")));
    assertThat(problems, hasItem(containsString("differ from the declared [submissionId, protocol]")));
    assertThat(ReleaseVerifier.of(NightlyDatasets.declaredColumns()).problems(runOutput), is(empty()));
  }

  @Test
  @SuppressWarnings("try") // the lock is held by the try block itself
  void aReleaseIdIsPublishedOnceAndOneRunAtATime() {
    Path root = tmp.resolve("catalog");
    publisher(root, 5).publish("r1", copyOfRun());
    assertThrows(IllegalArgumentException.class, () -> publisher(root, 5).publish("r1", copyOfRun()));
    assertThrows(IllegalArgumentException.class, () -> publisher(root, 5).publish("../escape", copyOfRun()));
    try (ReleaseCatalog.Lock held = ReleaseCatalog.at(root, CLOCK).lock()) {
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> publisher(root, 5).publish("r2", copyOfRun()));
      assertThat(e.getMessage(), containsString("another run"));
    }
    assertThat(ReleaseCatalog.existing(root).currentId().orElseThrow(), is("r1"));
  }

}
