package org.observatoire.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two runs of {@code observatoire nightly} over the sample data (embedded Flink, the command's default runner), with
 * the same options into different folders, write the same bytes: every public and restricted file has the same
 * SHA-256, except the manifest and the report, which differ only by what a run measures or where it wrote (the start
 * and end times, the duration and the throughput derived from it, the restricted output's path).
 */
class NightlyRerunTest {
  /** Run facts of the manifest that legitimately differ between two runs into different folders. */
  static final List<String> PER_RUN = List.of("startedAt", "finishedAt", "durationSeconds", "restrictedOutput");

  @TempDir static Path tmp;
  private static Map<String, String> first;
  private static Map<String, String> second;

  @BeforeAll
  static void runTwice() throws IOException {
    first = run("first");
    second = run("second");
  }

  private static Map<String, String> run(String name) throws IOException {
    Path sample = Path.of(System.getProperty("observatoire.root", "../..")).resolve("sample-data");
    Path out = tmp.resolve(name);
    int code = Observatoire.commandLine().execute("nightly", "--input", sample.toString(),
        "--output", out.resolve("public").toString(), "--restricted-output", out.resolve("restricted").toString(),
        "--run-id", "rerun", "--reference-time", "2026-11-23T00:00:00Z", "--sample-pseudonym-key");
    assertThat("nightly exit code", code, is(0));
    return checksums(out);
  }

  private static Map<String, String> checksums(Path root) throws IOException {
    Map<String, String> sums = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        sums.put(root.relativize(f).toString(), sha256(f));
      }
    }
    return sums;
  }

  private static String sha256(Path file) throws IOException {
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void bothRunsWriteTheSameFiles() {
    assertThat(second.keySet(), is(first.keySet()));
    assertThat(first.keySet().stream().filter(f -> f.endsWith(".parquet")).count(), greaterThan(20L));
  }

  @Test
  void everyParquetFileHasTheSameChecksum() {
    for (Map.Entry<String, String> f : first.entrySet()) {
      if (f.getKey().endsWith(".parquet")) {
        assertThat(f.getKey(), second.get(f.getKey()), is(f.getValue()));
      }
    }
  }

  @Test
  void everyOtherFileButTheManifestAndReportHasTheSameChecksum() {
    for (Map.Entry<String, String> f : first.entrySet()) {
      if (!f.getKey().endsWith(".parquet") && !f.getKey().endsWith("manifest.json")
          && !f.getKey().endsWith("report.html")) {
        assertThat(f.getKey(), second.get(f.getKey()), is(f.getValue()));
      }
    }
  }

  @Test
  void theManifestsDifferOnlyByTheRunsTimesAndFolders() throws IOException {
    assertThat(withoutPerRunFacts("first"), is(withoutPerRunFacts("second")));
  }

  private static JsonNode withoutPerRunFacts(String run) throws IOException {
    JsonNode m = new ObjectMapper().readTree(tmp.resolve(run).resolve("public/manifest.json").toFile());
    ((ObjectNode) m.get("run")).remove(PER_RUN);
    return m;
  }
}
