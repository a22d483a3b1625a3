package org.observatoire.benchmarks.harness;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatoire.generator.SubmissionGenerator;

/** The bench's input is generated once per (N, seed) and reused after. */
class BenchInputTest {
  private static final LocalDate REF = LocalDate.of(2026, 11, 20);

  @TempDir
  Path dir;

  @Test
  void sameParametersReuseTheFileOthersRegenerateIt() throws Exception {
    assertThat(BenchInput.prepare(dir, 50, 1, 0.1, REF), is(true));
    Path file = dir.resolve(BenchInput.FILE);
    byte[] first = Files.readAllBytes(file);
    assertThat(Files.readAllLines(file).size(), is(50));

    assertThat("reused", BenchInput.prepare(dir, 50, 1, 0.1, REF), is(false));
    assertThat(Files.readAllBytes(file), is(first));

    assertThat("another seed", BenchInput.prepare(dir, 50, 2, 0.1, REF), is(true));
    assertThat(Files.readAllBytes(file), is(not(first)));
    assertThat("another N", BenchInput.prepare(dir, 60, 2, 0.1, REF), is(true));
    assertThat(Files.readAllLines(file).size(), is(60));
  }

  @Test
  void aFileMadeByOtherGeneratorDescriptionsIsRegenerated() throws Exception {
    assertThat(BenchInput.prepare(dir, 20, 1, 0.1, REF), is(true));
    Path marker = dir.resolve(BenchInput.MARKER);
    String current = Files.readString(marker);
    assertThat(current, containsString("generator=" + SubmissionGenerator.fingerprint() + "\n"));
    Files.writeString(marker, current.replace("generator=" + SubmissionGenerator.fingerprint(), "generator=0"));
    assertThat("a generator.json changed since", BenchInput.prepare(dir, 20, 1, 0.1, REF), is(true));
  }

  @Test
  void aFileWithoutItsMarkerIsRegenerated() throws Exception {
    Files.writeString(dir.resolve(BenchInput.FILE), "{}\n");
    assertThat(BenchInput.prepare(dir, 10, 1, 0.1, REF), is(true));
    assertThat(Files.readAllLines(dir.resolve(BenchInput.FILE)).size(), is(10));
  }
}
