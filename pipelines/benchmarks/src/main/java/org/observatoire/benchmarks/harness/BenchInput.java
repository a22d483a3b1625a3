package org.observatoire.benchmarks.harness;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import org.observatoire.generator.SubmissionGenerator;

/**
 * The bench's input: {@code <dir>/submissions.jsonl}, N mixed submissions from {@link SubmissionGenerator}, reused
 * when its marker file says it was made with the same parameters and the same generator descriptions (generating
 * 1M submissions takes minutes).
 */
public final class BenchInput {
  public static final String FILE = "submissions.jsonl";
  /** Not a *.jsonl name, so the nightly job does not read it as input. */
  public static final String MARKER = "bench-input.properties";
  private static final long CHUNK = 10_000;

  private BenchInput() {}

  /** Makes sure {@code dir} holds the input for these parameters; true when it was generated, false when reused. */
  public static boolean prepare(Path dir, long submissions, long seed, double invalidRate, LocalDate referenceDate)
      throws IOException {
    Files.createDirectories(dir);
    String marker = "submissions=" + submissions + "\nseed=" + seed + "\ninvalidRate=" + invalidRate
        + "\nreferenceDate=" + referenceDate + "\nprotocols=all\ngenerator=" + SubmissionGenerator.fingerprint()
        + "\n";
    Path file = dir.resolve(FILE);
    Path markerFile = dir.resolve(MARKER);
    if (Files.isRegularFile(file) && Files.isRegularFile(markerFile)
        && Files.readString(markerFile, StandardCharsets.UTF_8).equals(marker)) {
      return false;
    }
    Files.deleteIfExists(markerFile);
    SubmissionGenerator generator = SubmissionGenerator.create(seed, invalidRate, referenceDate);
    Path partial = dir.resolve("." + FILE + ".partial");
    try (Writer out = new BufferedWriter(
        new OutputStreamWriter(Files.newOutputStream(partial), StandardCharsets.UTF_8), 1 << 20)) {
      for (long done = 0; done < submissions; done += CHUNK) {
        generator.write("all", Math.min(CHUNK, submissions - done), out);
      }
    }
    Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    Files.writeString(markerFile, marker, StandardCharsets.UTF_8);
    return true;
  }
}
