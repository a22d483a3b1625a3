package org.observatoire.core.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.observatoire.core.protocol.PackageException;
import org.observatoire.core.protocol.ProtocolPackage;

/** Finding a package's import descriptions ({@code imports/*.json}), and the small text helpers they share. */
final class Descriptions {
  /** The folder of a protocol package that holds its import descriptions. */
  static final String FOLDER = "imports";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]+)\\}");

  private Descriptions() {}

  /** The import descriptions of a package, in file-name order; none when it has no {@code imports/} folder. */
  static List<ImportDescription> of(ProtocolPackage p) {
    Path folder = p.folder().resolve(FOLDER);
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(folder)) {
      files = s.filter(f -> f.getFileName().toString().endsWith(".json"))
          .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString())).toList();
    } catch (IOException e) {
      throw new PackageException(folder + ": cannot be listed (" + e.getMessage() + ")", e);
    }
    List<ImportDescription> out = new ArrayList<>();
    for (Path f : files) {
      ImportDescription d = ImportDescription.read(f, p.id());
      if (!p.schemas().containsKey(d.protocolVersion)) {
        throw new PackageException(d.where + ": \"protocolVersion\" " + d.protocolVersion
            + " is not a schema version of the package " + p.schemas().keySet());
      }
      JsonNode schema = schema(p, d);
      for (String target : d.targets()) {
        String refused = SchemaPointers.refused(schema, target);
        if (refused != null) {
          throw new PackageException(d.where + ": pointer " + target + ": \"" + refused + "\" is not a property "
              + "that schema v" + d.protocolVersion + " of the package allows");
        }
      }
      out.add(d);
    }
    return out;
  }

  private static JsonNode schema(ProtocolPackage p, ImportDescription d) {
    try {
      return new ObjectMapper().readTree(p.schemas().get(d.protocolVersion).bytes());
    } catch (IOException e) {
      throw new PackageException(d.where + ": schema v" + d.protocolVersion + " is not JSON (" + e.getMessage() + ")",
          e);
    }
  }

  /** Refuses keys other than {@code allowed}: a misspelt key would otherwise be silently ignored. */
  static void only(JsonNode o, String where, Set<String> allowed) {
    if (!o.isObject()) {
      throw new PackageException(where + ": expected an object, got "
          + o.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
    }
    o.fieldNames().forEachRemaining(k -> {
      if (!allowed.contains(k)) {
        throw new PackageException(where + ": unknown key \"" + k + "\" (known: " + allowed.stream().sorted().toList()
            + ")");
      }
    });
  }

  /** The names between braces in a template, e.g. [square] for "Car{square}". */
  static List<String> placeholders(String template) {
    return firstGroups(PLACEHOLDER, template);
  }

  /** The first group of every match of {@code pattern} in {@code text}, in order. */
  static List<String> firstGroups(Pattern pattern, String text) {
    List<String> found = new ArrayList<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  /**
   * The template with each {@code {name}} replaced by its value (date-times in RFC 3339); null when a value is
   * unknown and {@code unknownIsNull}, else the unknown value is written as "".
   */
  static String render(String template, Function<String, Object> values, boolean unknownIsNull) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      Object v = values.apply(m.group(1));
      if (v == null && unknownIsNull) {
        return null;
      }
      m.appendReplacement(out, Matcher.quoteReplacement(v == null ? "" : text(v)));
    }
    m.appendTail(out);
    return out.toString();
  }

  static String text(Object v) {
    return v instanceof java.time.OffsetDateTime t ? SubmissionLines.rfc3339(t)
        : v instanceof java.math.BigDecimal d ? d.toString() : String.valueOf(v);
  }
}
