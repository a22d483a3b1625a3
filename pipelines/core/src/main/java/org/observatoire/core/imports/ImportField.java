package org.observatoire.core.imports;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.observatoire.core.protocol.PackageException;

/**
 * One field of an import description: where its value comes from (exactly one of {@code column}, {@code value}, a
 * template such as {@code "Car{square}"}, {@code from}, a value named earlier, or over the rows of a file
 * {@code first}, {@code earliest}, {@code latest}), what it must be ({@code required}, {@code convert},
 * {@code match}, {@code same}), and where it goes: {@code pointer} (JSON Pointer in the submission, or in the row's
 * element) and/or {@code name} (for later fields and templates). An unknown value is left out, never invented.
 *
 * @param sourceKind column, value, from, first, earliest or latest
 * @param source the column, template or name the value comes from
 * @param match a regular expression the whole value must match; its named groups ({@code (?<square>...)}) become
 *     named values
 * @param groups the names of {@code match}'s groups
 * @param same the message when the value differs from the file's first row's ({@code {first}}); null: no check
 * @param error the message when the value does not convert or match, with {@code {value}} and {@code {reason}};
 *     null: "{column} '{value}' {reason}"
 */
record ImportField(String name, String pointer, String sourceKind, String source, boolean required,
    Conversion convert, Pattern match, List<String> groups, String same, String error) {

  static final Set<String> ROW_SOURCES = Set.of("column", "value", "from");
  static final Set<String> FILE_SOURCES = Set.of("value", "from", "first", "earliest", "latest");
  private static final Pattern GROUP = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");
  private static final Set<String> KEYS = Set.of("name", "pointer", "column", "value", "from", "first", "earliest",
      "latest", "required", "convert", "match", "ignoreCase", "same", "error");

  static ImportField parse(JsonNode f, String where, Set<String> sources, Map<String, Conversion> conversions) {
    Descriptions.only(f, where, KEYS);
    String name = f.hasNonNull("name") ? f.get("name").asText() : null;
    String pointer = f.hasNonNull("pointer") ? f.get("pointer").asText() : null;
    if (name == null && pointer == null) {
      throw new PackageException(where + ": a field needs a \"pointer\" (where it goes) or a \"name\"");
    }
    if (pointer != null && !pointer.matches("(/[^/]+)+")) {
      throw new PackageException(where + ": \"pointer\" '" + pointer + "' is not a JSON Pointer such as /visit/date");
    }
    List<String> kinds = sources.stream().sorted().filter(f::hasNonNull).toList();
    if (kinds.size() != 1) {
      throw new PackageException(where + ": a field takes its value from exactly one of " + sources.stream().sorted()
          .toList() + (kinds.isEmpty() ? "" : ", not " + kinds));
    }
    Pattern match = null;
    List<String> groups = new ArrayList<>();
    if (f.hasNonNull("match")) {
      String regex = f.get("match").asText();
      try {
        match = Pattern.compile(regex, f.path("ignoreCase").asBoolean() ? Pattern.CASE_INSENSITIVE : 0);
      } catch (PatternSyntaxException e) {
        throw new PackageException(where + ": \"match\" is not a regular expression (" + e.getDescription() + ")");
      }
      groups.addAll(groupNames(regex));
    }
    return new ImportField(name, pointer, kinds.get(0), f.get(kinds.get(0)).asText(),
        f.path("required").asBoolean(false),
        f.hasNonNull("convert") ? Conversion.parse(f.get("convert"), where, conversions) : null, match,
        List.copyOf(groups), f.hasNonNull("same") ? f.get("same").asText() : null,
        f.hasNonNull("error") ? f.get("error").asText() : null);
  }

  /** The named groups of a regular expression, in order. */
  static List<String> groupNames(String regex) {
    return Descriptions.firstGroups(GROUP, regex);
  }

  /** What a message calls this field: its column or the value it is from, else its name, else its pointer. */
  String label() {
    return sourceKind.equals("column") || sourceKind.equals("from") ? source : name != null ? name : pointer;
  }
}
