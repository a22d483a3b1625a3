package org.observatoire.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One catalog published by {@code observatoire nightly --catalog} over sample files, shared by the
 * publishing command tests of this JVM (embedded Flink, the command's default runner), and deleted when it exits.
 */
final class PublishedSample {
  static final String RELEASE = "sample-1";
  private static final List<String> FILES = List.of("submissions/stoc-eps/valid.jsonl",
      "submissions/stoc-eps/invalid.jsonl", "submissions/vigie-chiro/valid.jsonl",
      "submissions/sauvages-de-ma-rue/valid.jsonl", "submissions/spipoll/edge.jsonl", "bad-input/bad-input.jsonl");
  private static Path catalog;

  private PublishedSample() {}

  static synchronized Path catalog() {
    if (catalog == null) {
      try {
        Path dir = Files.createTempDirectory("observatoire-published-");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
        Path sample = Path.of(System.getProperty("observatoire.root", "../..")).resolve("sample-data");
        for (String f : FILES) {
          Path target = dir.resolve("input").resolve(f);
          Files.createDirectories(target.getParent());
          Files.copy(sample.resolve(f), target);
        }
        int code = Observatoire.commandLine().execute("nightly",
            "--input", dir.resolve("input").toString(), "--catalog", dir.resolve("catalog").toString(),
            "--run-id", RELEASE, "--reference-time", "2026-11-23T00:00:00Z", "--keep", "2",
            "--sample-pseudonym-key");
        assertThat("nightly --catalog exit code", code, is(0));
        catalog = dir.resolve("catalog");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return catalog;
  }

  /** The submissions the sample release was made from. */
  static Path input() {
    return catalog().resolveSibling("input");
  }

  static Path release() {
    return catalog().resolve("releases").resolve(RELEASE);
  }

  static JsonNode manifest() throws IOException {
    return new ObjectMapper().readTree(release().resolve("manifest.json").toFile());
  }

  private static void delete(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // best effort at JVM exit
    }
  }
}
