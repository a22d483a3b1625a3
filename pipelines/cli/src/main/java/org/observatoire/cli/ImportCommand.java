package org.observatoire.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.observatoire.core.imports.ExportImporter;
import org.observatoire.core.imports.ExportImporters;
import org.observatoire.core.imports.ImportException;
import org.observatoire.core.imports.ImportResult;
import org.observatoire.core.imports.ImportSettings;
import org.observatoire.core.imports.RowProblem;
import org.observatoire.core.imports.SubmissionLines;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code observatoire import}: a real programme export, read as it comes, written as submissions (JSON lines) that
 * then go through the same validation as any other. The formats are those the protocol packages describe
 * ({@code imports/<format>.json}), run by the generic engine ({@link ExportImporters}).
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {"Convert a real Vigie-Nature export folder into submissions (JSON lines, one per line), to be "
        + "validated like any other. What the export lacks is left out, never invented (docs/importing.md).",
        "A summary goes to stderr: files and rows read, submissions written, rows that could not be converted "
            + "(file:line: reason)."},
    exitCodeOnInvalidInput = ImportCommand.USAGE,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        " 0:every row converted",
        " 2:some rows could not be converted: skipped, listed on stderr (the others are written)",
        "64:usage: unknown --format, missing or unreadable --input folder or files, bad --submitted-at, --output "
            + "cannot be written"})
public final class ImportCommand implements Callable<Integer> {
  static final int SKIPPED = 2;
  /** EX_USAGE of sysexits.h. */
  static final int USAGE = 64;

  @Option(names = "--format", required = true, paramLabel = "FORMAT",
      description = "The export's format: ${COMPLETION-CANDIDATES}.", completionCandidates = Formats.class)
  String format;

  @Option(names = "--input", required = true, paramLabel = "DIR", description = "The export folder, as downloaded.")
  Path input;

  @Option(names = "--output", required = true, paramLabel = "FILE",
      description = "Where to write the submissions (JSON lines, UTF-8), or - for stdout.")
  String output;

  @Option(names = "--submitted-at", paramLabel = "RFC3339",
      description = "Every submission's submittedAt: when the data was submitted to us, e.g. "
          + "2026-03-01T09:30:00+01:00. Default: now, to the second (UTC).")
  String submittedAt;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** The format names, read from the packages only when help or completion asks (not at every start). */
  static final class Formats implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return ExportImporters.all().keySet().iterator();
    }
  }

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    Optional<ExportImporter> importer = ExportImporters.find(format);
    if (importer.isEmpty()) {
      err.println("--format: unknown format '" + format + "'; choose one of " + ExportImporters.all().keySet());
      err.flush();
      return USAGE;
    }
    OffsetDateTime at;
    try {
      at = submittedAt != null ? OffsetDateTime.parse(submittedAt)
          : OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
    } catch (DateTimeParseException e) {
      err.println("--submitted-at: '" + submittedAt + "' is not an RFC 3339 date-time with an offset, e.g. "
          + "2026-03-01T09:30:00+01:00");
      err.flush();
      return USAGE;
    }
    ImportResult result;
    try {
      result = importer.get().read(input, new ImportSettings(at));
    } catch (ImportException e) {
      err.println(e.getMessage().startsWith("--input") ? e.getMessage() : "--input: " + e.getMessage());
      err.flush();
      return USAGE;
    }
    for (RowProblem p : result.problems()) {
      err.println("skipped " + p);
    }
    try {
      write(result);
    } catch (IOException | java.nio.file.InvalidPathException e) {
      err.println("--output: cannot write " + output + ": " + e.getMessage());
      err.flush();
      return USAGE;
    }
    summary(err, result, at);
    err.flush();
    return result.problems().isEmpty() ? 0 : SKIPPED;
  }

  /** To stdout, or to a file through a temporary sibling moved into place: never a half-written file. */
  private void write(ImportResult result) throws IOException {
    if (output.equals("-")) {
      Writer out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
      SubmissionLines.write(result.submissions(), out);
      out.flush();
      return;
    }
    Path file = Path.of(output).toAbsolutePath();
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        SubmissionLines.write(result.submissions(), out);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private void summary(PrintWriter err, ImportResult r, OffsetDateTime at) {
    err.printf("import %s from %s: %d file(s) read (%s), %,d rows read%n", format, input, r.filesRead().size(),
        String.join(", ", r.filesRead()), r.rowsRead());
    for (Map.Entry<String, Long> f : r.figures().entrySet()) {
      err.printf("  %s: %,d%n", f.getKey(), f.getValue());
    }
    for (String note : r.notes()) {
      err.println("  note: " + note);
    }
    err.printf("wrote %,d submissions (submittedAt %s) to %s%n", r.submissions().size(), SubmissionLines.rfc3339(at),
        output.equals("-") ? "stdout" : output);
    if (r.problems().isEmpty()) {
      err.println("every row converted");
    } else {
      err.printf("%,d row(s) could not be converted (listed above as 'skipped FILE:LINE: reason'): exit code %d%n",
          r.problems().size(), SKIPPED);
    }
  }
}
