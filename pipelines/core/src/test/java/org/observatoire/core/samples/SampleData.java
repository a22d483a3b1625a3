package org.observatoire.core.samples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Test helper: the repository's sample-data folder and its expected verdicts. */
public final class SampleData {
  private SampleData() {}

  /** The sample-data folder, found by walking up from the working directory (a module or the repository root). */
  public static Path root() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("sample-data");
      if (Files.isRegularFile(candidate.resolve("expected/verdicts.tsv"))) {
        return candidate;
      }
    }
    throw new IllegalStateException("sample-data/expected/verdicts.tsv not found above " + Path.of("").toAbsolutePath());
  }

  /** One row of expected/verdicts.tsv. */
  public record Verdict(String file, int line, String submissionId, String verdict, List<String> codes, int occurrences) {
    public boolean onlySchemaCodes() {
      return !codes.isEmpty() && codes.stream().allMatch(c -> c.startsWith("SCHEMA_"));
    }
  }

  public static List<Verdict> verdicts() {
    List<String> lines = readLines(root().resolve("expected/verdicts.tsv"));
    if (!lines.get(0).equals("file\tline\tsubmissionId\tverdict\tcodes\toccurrences")) {
      throw new IllegalStateException("unexpected verdicts.tsv header: " + lines.get(0));
    }
    List<Verdict> out = new ArrayList<>();
    for (String l : lines.subList(1, lines.size())) {
      String[] f = l.split("\t", -1);
      List<String> codes = f[4].isEmpty() ? List.of() : Arrays.asList(f[4].split(","));
      out.add(new Verdict(f[0], Integer.parseInt(f[1]), f[2], f[3], codes, Integer.parseInt(f[5])));
    }
    return out;
  }

  /** The lines of a sample file, split on '\n' only, decoded leniently (bad bytes become U+FFFD). */
  public static List<String> readLines(Path file) {
    try {
      String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
      if (!text.endsWith("\n")) {
        throw new IllegalStateException(file + " does not end with a newline");
      }
      return Arrays.asList(text.substring(0, text.length() - 1).split("\n", -1));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
