package org.observatoire.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import java.util.zip.GZIPOutputStream;
import org.observatoire.generator.SubmissionGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code observatoire generate}: realistic synthetic submissions, valid and invalid mixed, for tests and benches. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = "Write N synthetic submissions (JSON lines; .gz when the file name ends with .gz), reproducible "
        + "from a seed, built from the real reference data.")
public final class GenerateCommand implements Callable<Integer> {
  private static final long CHUNK = 10_000;

  @Option(names = "--protocol", defaultValue = "all",
      description = "A protocol the generator writes (${COMPLETION-CANDIDATES}) or 'all' for the "
          + "realistic mix. Default: ${DEFAULT-VALUE}.",
      completionCandidates = Protocols.class)
  String protocol;

  @Option(names = "--submissions", required = true, description = "How many submissions.")
  long submissions;

  @Option(names = "--seed", defaultValue = "1", description = "Random seed. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--invalid-rate", defaultValue = "0.1",
      description = "Share of submissions with a planted defect. Default: ${DEFAULT-VALUE}.")
  double invalidRate;

  @Option(names = "--reference-date", description = "No visit after this date (YYYY-MM-DD). Default: today.")
  LocalDate referenceDate;

  @Option(names = "--output", required = true, description = "The file to write.")
  Path output;

  static final class Protocols extends java.util.ArrayList<String> {
    Protocols() {
      super(SubmissionGenerator.protocols());
    }
  }

  @Override
  public Integer call() throws IOException {
    if (!protocol.equals("all") && !SubmissionGenerator.protocols().contains(protocol)) {
      System.err.println("unknown protocol '" + protocol + "'; choose one of " + SubmissionGenerator.protocols()
          + " or 'all'");
      return 2;
    }
    if (invalidRate < 0 || invalidRate > 1) {
      System.err.println("--invalid-rate must be between 0 and 1, got " + invalidRate);
      return 2;
    }
    LocalDate ref = referenceDate != null ? referenceDate : LocalDate.now(java.time.ZoneOffset.UTC);
    SubmissionGenerator generator = SubmissionGenerator.create(seed, invalidRate, ref);
    if (output.toAbsolutePath().getParent() != null) {
      Files.createDirectories(output.toAbsolutePath().getParent());
    }
    long start = System.nanoTime();
    try (OutputStream file = Files.newOutputStream(output);
        OutputStream raw = output.toString().endsWith(".gz") ? new GZIPOutputStream(file, 1 << 16) : file;
        Writer out = new BufferedWriter(new OutputStreamWriter(raw, StandardCharsets.UTF_8), 1 << 20)) {
      long last = System.nanoTime();
      for (long done = 0; done < submissions; done += CHUNK) {
        generator.write(protocol, Math.min(CHUNK, submissions - done), out);
        if (System.nanoTime() - last > 5_000_000_000L) {
          System.err.printf("  %,d / %,d submissions written%n", done + CHUNK, submissions);
          last = System.nanoTime();
        }
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.err.printf("wrote %,d %s submissions (seed %d, %.0f%% invalid) to %s in %.1f s (%,.0f/s, %,d bytes)%n",
        submissions, protocol, seed, invalidRate * 100, output, seconds, submissions / seconds, Files.size(output));
    return 0;
  }
}
