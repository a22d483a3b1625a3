package org.observatoire.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.zip.GZIPInputStream;
import org.observatoire.core.ingest.LineReader;
import org.observatoire.core.ingest.Outcome;
import org.observatoire.core.ingest.SubmissionProcessor;
import org.observatoire.core.validation.VerdictMessages;
import org.observatoire.core.validation.Violation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code observatoire validate FILE}: a verdict per submission, as the nightly job would decide it. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {"Print a verdict for every submission of a JSON-lines file (plain or .gz).",
        "Exit code 0 when every submission is accepted, 1 when any is rejected, 2 when the file cannot be read."})
public final class ValidateCommand implements Callable<Integer> {
  enum Format { TEXT, JSON }

  @Parameters(index = "0", paramLabel = "FILE", description = "Submissions, one JSON object per line.")
  Path file;

  @Option(names = "--reference-time", description = "The 'now' to judge future dates against (RFC 3339).")
  String referenceTime;

  @Option(names = "--max-line-bytes", defaultValue = "8388608", description = "Longest line accepted, in bytes. Default: ${DEFAULT-VALUE} (8 MiB).")
  int maxLineBytes;

  @Option(names = "--format", defaultValue = "TEXT", description = "TEXT or JSON (one verdict object per line).")
  Format format;

  private final PrintStream out;
  private final PrintStream err;

  public ValidateCommand() {
    this(System.out, System.err);
  }

  ValidateCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() {
    Instant now = referenceTime == null ? Instant.now() : Instant.parse(referenceTime);
    SubmissionProcessor processor = SubmissionProcessor.create(now, maxLineBytes);
    ObjectMapper mapper = new ObjectMapper();
    long[] tally = new long[2];
    String name = file.toString();
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 20);
        InputStream in = name.endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw) {
      LineReader.of(maxLineBytes).read(in, -1, name, 1, line -> {
        Outcome outcome = processor.process(line);
        boolean accepted = outcome instanceof Outcome.Accepted;
        tally[accepted ? 0 : 1]++;
        out.println(format == Format.JSON ? json(mapper, outcome) : text(outcome));
      });
    } catch (IOException e) {
      err.println("cannot read " + file + ": " + e.getMessage());
      return 2;
    }
    err.printf("%s: %d accepted, %d rejected%n", file, tally[0], tally[1]);
    return tally[1] == 0 ? 0 : 1;
  }

  private static String text(Outcome outcome) {
    StringBuilder sb = new StringBuilder().append(outcome.source()).append('\t');
    if (outcome instanceof Outcome.Accepted a) {
      sb.append(a.submissionId()).append("\tACCEPTED\t").append(a.occurrences().size()).append(" occurrence")
          .append(a.occurrences().size() == 1 ? "" : "s");
    } else if (outcome instanceof Outcome.Rejected r) {
      sb.append(r.submissionId() == null ? "-" : r.submissionId()).append("\tREJECTED");
      for (Violation v : r.violations()) {
        sb.append("\n    ").append(v.code()).append(' ').append(v.pointer().isEmpty() ? "(line)" : v.pointer())
            .append(": ").append(v.message());
      }
    }
    return sb.toString();
  }

  /** What the code means, in French and English (the engine's codes, or the package rule's explanation). */
  private static void explain(ObjectNode node, String code) {
    VerdictMessages.Message m = VerdictMessages.of(code);
    node.putObject("explanation").put("fr", m.fr()).put("en", m.en());
  }

  private static String json(ObjectMapper mapper, Outcome outcome) {
    ObjectNode n = mapper.createObjectNode()
        .put("file", outcome.source().file()).put("line", outcome.source().line());
    if (outcome instanceof Outcome.Accepted a) {
      n.put("submissionId", a.submissionId()).put("verdict", "accepted").put("occurrences", a.occurrences().size());
      ArrayNode flags = n.putArray("flags");
      a.occurrences().stream().flatMap(o -> o.flags().stream()).distinct().sorted()
          .forEach(code -> explain(flags.addObject().put("code", code), code));
    } else if (outcome instanceof Outcome.Rejected r) {
      n.put("submissionId", r.submissionId()).put("verdict", "rejected");
      ArrayNode vs = n.putArray("violations");
      for (Violation v : r.violations()) {
        explain(vs.addObject().put("code", v.code()).put("pointer", v.pointer()).put("message", v.message()),
            v.code());
      }
    }
    return n.toString();
  }
}
