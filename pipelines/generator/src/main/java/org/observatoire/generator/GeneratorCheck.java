package org.observatoire.generator;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.observatoire.core.protocol.ProtocolCatalog;
import org.observatoire.core.protocol.ProtocolPackage;
import org.observatoire.core.protocol.RuleBook;
import org.observatoire.core.protocol.Severity;
import org.observatoire.core.protocol.check.PackageCheck;

/**
 * The package's {@code generator.json}, when it has one: of 200 generated lines, no clean one may be rejected and
 * each line with a planted defect must get the defect's code. A step of {@link PackageCheck}, which lives in the
 * core and does not know the generator; {@link #checkPackage} is the whole check, as {@code observatoire protocol
 * check} runs it.
 */
public final class GeneratorCheck implements PackageCheck.Step {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Every check of the core's {@link PackageCheck} and this one. */
  public static PackageCheck.Report checkPackage(Path folder, Instant referenceTime) {
    return PackageCheck.check(folder, referenceTime, List.of(new GeneratorCheck()));
  }

  @Override
  public String check(ProtocolPackage p, ProtocolCatalog catalog, RuleBook rules, Instant referenceTime,
      List<String> problems) {
    List<SubmissionGenerator.Sample> lines;
    try {
      lines = SubmissionGenerator.sample(p, 1, 200, 0.5, referenceTime.atZone(ZoneOffset.UTC).toLocalDate());
    } catch (RuntimeException e) {
      problems.add(p.folder().resolve("generator.json") + ": " + e.getMessage());
      return "";
    }
    Set<String> flags = new TreeSet<>();
    p.rules().stream().filter(r -> r.severity() == Severity.FLAG).forEach(r -> flags.add(r.code()));
    for (SubmissionGenerator.Sample s : lines) {
      Set<String> got;
      try {
        got = PackageCheck.codes(JSON.readTree(s.line()), p, catalog, rules);
      } catch (IOException e) {
        got = Set.of("MALFORMED_JSON");
      }
      boolean rejected = !flags.containsAll(got);
      if (s.expectedCode() == null ? rejected : !got.contains(s.expectedCode())) {
        problems.add(p.folder().resolve("generator.json") + ": a generated line expected "
            + (s.expectedCode() == null ? "to be accepted" : s.expectedCode()) + ", got " + got + ": " + s.line());
        break;
      }
    }
    return lines.isEmpty() ? "" : lines.size() + " generated submissions";
  }
}
