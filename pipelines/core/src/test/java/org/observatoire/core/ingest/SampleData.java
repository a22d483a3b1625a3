package org.observatoire.core.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The repository's sample-data folder and its hand-written expected verdicts, for tests. */
public final class SampleData {
  private SampleData() {}

  /** The repository root: the {@code observatoire.root} system property set by the build, else found upwards. */
  public static Path root() {
    String prop = System.getProperty("observatoire.root");
    if (prop != null && Files.isDirectory(Path.of(prop, "sample-data"))) {
      return Path.of(prop);
    }
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isDirectory(p.resolve("sample-data"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("cannot find the repository's sample-data folder from " + Path.of("").toAbsolutePath());
    }
    return p;
  }

  public static Path dir() {
    return root().resolve("sample-data");
  }

  /** One row of sample-data/expected/verdicts.tsv. */
  public record Verdict(String file, long line, String submissionId, String verdict, List<String> codes,
      int occurrences) {}

  public static List<Verdict> verdicts() {
    try {
      List<String> lines = Files.readAllLines(dir().resolve("expected/verdicts.tsv"), StandardCharsets.UTF_8);
      List<Verdict> out = new ArrayList<>();
      for (String l : lines.subList(1, lines.size())) {
        if (l.isBlank()) {
          continue;
        }
        String[] c = l.split("\t", -1);
        List<String> codes = c[4].isEmpty() ? List.of() : List.of(c[4].split(","));
        out.add(new Verdict(c[0], Long.parseLong(c[1]), c[2], c[3], codes, Integer.parseInt(c[5])));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
