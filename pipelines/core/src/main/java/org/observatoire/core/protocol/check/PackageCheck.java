package org.observatoire.core.protocol.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.observatoire.core.imports.ExportImporters;
import org.observatoire.core.protocol.PackageChecklists;
import org.observatoire.core.protocol.PackageException;
import org.observatoire.core.protocol.ProtocolCatalog;
import org.observatoire.core.protocol.ProtocolPackage;
import org.observatoire.core.protocol.ProtocolPackages;
import org.observatoire.core.protocol.ProtocolSchema;
import org.observatoire.core.protocol.RuleBook;
import org.observatoire.core.protocol.RuleResult;
import org.observatoire.core.taxon.ProtocolChecklist;
import org.observatoire.core.validation.Violation;

/**
 * Lints a protocol package: the manifest reads, every schema compiles, every rule and message expression compiles
 * (with French and English explanations), the checklist parses, and every example gets exactly its declared codes:
 * {@code examples/valid.jsonl} lines none, each {@code examples/invalid.jsonl} line ({@code {"expect": [...],
 * "submission": {...}}}) exactly those of {@code expect} (schema codes, rejections and flags together); and the
 * import descriptions ({@code imports/*.json}) read, with their expressions and conversions. Further checks of a
 * loaded package ({@link Step}) join the report: the generator's module adds its {@code generator.json} check so.
 */
public final class PackageCheck {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the check found: problems (empty when the package passes) and a one-line summary. */
  public record Report(String packageId, List<String> problems, String summary) {
    public boolean passed() {
      return problems.isEmpty();
    }
  }

  /** A further check of a loaded package, beside those of the core. */
  public interface Step {
    /**
     * Adds a line to {@code problems} for each thing wrong, never throws for a bad package; returns what it checked
     * for the summary (e.g. "200 generated submissions"), or "" when it had nothing to check.
     */
    String check(ProtocolPackage p, ProtocolCatalog catalog, RuleBook rules, Instant referenceTime,
        List<String> problems);
  }

  private PackageCheck() {}

  /**
   * Checks the package in {@code folder}, judging dates against {@code referenceTime} (the run's "now").
   * Never throws for a bad package: every problem is a line of the report.
   */
  public static Report check(Path folder, Instant referenceTime) {
    return check(folder, referenceTime, List.of());
  }

  /** {@link #check(Path, Instant)}, then {@code steps} on the package once it loads. */
  public static Report check(Path folder, Instant referenceTime, List<Step> steps) {
    List<String> problems = new ArrayList<>();
    ProtocolPackages packages;
    try {
      packages = ProtocolPackages.in(folder);
    } catch (PackageException e) {
      return new Report(folder.getFileName() == null ? folder.toString() : folder.getFileName().toString(),
          List.of(e.getMessage()), "does not load");
    }
    if (packages.all().size() != 1) {
      return new Report(folder.toString(), List.of(folder + ": not a package folder (no protocol.json)"), "-");
    }
    ProtocolPackage p = packages.all().get(0);
    ProtocolCatalog catalog = ProtocolCatalog.of(packages);
    for (int v : catalog.versions(p.id())) {
      try {
        catalog.schema(p.id(), v);
      } catch (RuntimeException e) {
        problems.add(e.getMessage());
      }
    }
    Optional<ProtocolChecklist> checklist = Optional.empty();
    try {
      checklist = PackageChecklists.of(packages, null).of(p.id());
    } catch (PackageException e) {
      problems.add(e.getMessage());
    }
    List<String> imports = List.of();
    try {
      imports = ExportImporters.describedFormats(p);
    } catch (PackageException e) {
      problems.add(e.getMessage());
    }
    RuleBook rules = RuleBook.at(referenceTime).over(packages);
    Set<String> exercised = new TreeSet<>();
    int valid = examples(folder.resolve("examples/valid.jsonl"), false, p, catalog, rules, problems, exercised);
    int invalid = examples(folder.resolve("examples/invalid.jsonl"), true, p, catalog, rules, problems, exercised);
    if (valid == 0) {
      problems.add(folder.resolve("examples/valid.jsonl") + ": no example of a valid submission");
    }
    List<String> checked = new ArrayList<>();
    for (Step step : steps) {
      String what = step.check(p, catalog, rules, referenceTime, problems);
      if (!what.isEmpty()) {
        checked.add(what);
      }
    }
    for (var r : p.rules()) {
      if (!exercised.contains(r.code())) {
        problems.add(folder.resolve("examples/invalid.jsonl") + ": no example breaks rule " + r.code());
      }
    }
    String summary = String.format("%s %s (%s): schema v%s, %d rules, %s, %d valid and %d invalid examples",
        p.id(), p.version(), p.kind().name().toLowerCase(java.util.Locale.ROOT), catalog.versions(p.id()),
        p.rules().size(), checklist.map(c -> c.taxa().size() + " checklist entries (" + c.listed().size()
            + " listed)").orElse("no checklist"), valid, invalid)
        + checked.stream().map(c -> ", " + c).collect(java.util.stream.Collectors.joining())
        + (imports.isEmpty() ? "" : ", import " + String.join(", ", imports));
    return new Report(p.id(), List.copyOf(problems), summary);
  }

  private static int examples(Path file, boolean invalid, ProtocolPackage p, ProtocolCatalog catalog,
      RuleBook rules, List<String> problems, Set<String> exercised) {
    if (!Files.isRegularFile(file)) {
      problems.add(file + ": missing");
      return 0;
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      problems.add(file + ": cannot be read (" + e.getMessage() + ")");
      return 0;
    }
    int n = 0;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      String where = file + " line " + (i + 1);
      JsonNode line;
      try {
        line = JSON.readTree(lines.get(i));
      } catch (IOException e) {
        problems.add(where + ": not JSON");
        continue;
      }
      JsonNode submission = invalid ? line.path("submission") : line;
      Set<String> expected = new TreeSet<>();
      if (invalid) {
        line.path("expect").forEach(c -> expected.add(c.asText()));
        if (expected.isEmpty()) {
          problems.add(where + ": an invalid example needs \"expect\": [codes]");
        }
      }
      Set<String> got = codes(submission, p, catalog, rules);
      exercised.addAll(got);
      if (!got.equals(expected)) {
        problems.add(where + " (" + submission.path("submissionId").asText("?") + "): expected "
            + (expected.isEmpty() ? "no code" : expected) + ", got " + (got.isEmpty() ? "no code" : got));
      }
      n++;
    }
    return n;
  }

  /** Every code a submission gets: schema violations, else common and package rules (rejections and flags). */
  public static Set<String> codes(JsonNode submission, ProtocolPackage p, ProtocolCatalog catalog, RuleBook rules) {
    Set<String> codes = new TreeSet<>();
    if (!p.id().equals(submission.path("protocol").asText())) {
      codes.add("UNKNOWN_PROTOCOL");
      return codes;
    }
    Optional<ProtocolSchema> schema = catalog.schema(p.id(), submission.path("protocolVersion").asInt(-1));
    if (schema.isEmpty()) {
      codes.add("UNKNOWN_PROTOCOL_VERSION");
      return codes;
    }
    List<Violation> schemaViolations = schema.get().validate(submission);
    if (!schemaViolations.isEmpty()) {
      schemaViolations.forEach(v -> codes.add(v.code()));
      return codes;
    }
    RuleResult r = rules.check(p.id(), submission);
    r.rejections().forEach(v -> codes.add(v.code()));
    r.flags().forEach(v -> codes.add(v.code()));
    return codes;
  }
}
