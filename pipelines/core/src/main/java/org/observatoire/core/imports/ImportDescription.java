package org.observatoire.core.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.observatoire.core.protocol.PackageException;
import org.observatoire.core.protocol.expr.Expression;
import org.observatoire.core.protocol.expr.ExpressionException;
import org.observatoire.core.protocol.expr.Expressions;

/**
 * A programme's export format, described as data in its protocol package ({@code imports/<format>.json}, see
 * protocols/README.md): which files of the export folder are read, how rows make submissions and join, which
 * columns become which fields, the conversions, the figures and notes of the summary. Read strictly: an unknown
 * key, a field without a source, a regular expression or CEL figure that does not compile names the file.
 * Immutable; {@link DescribedImporter} runs it.
 */
final class ImportDescription {
  /** One submission per row of a file (joined with others by a key), or per file of a folder (a row an element). */
  enum Per { ROW, FILE }

  /** A file joined to the main one by a key, its columns other than the key read as counts of named things. */
  record Join(String file, String key, String array, String namePointer, String countPointer) {}

  /** A figure of the summary: the CEL expression, over each submission {@code s}, summed (true counts 1). */
  record Figure(String label, Expression count) {}

  /** A note of the summary; {@code append} is added when the folder holds {@code ifFileExists}. */
  record Note(String text, String ifFileExists, String append) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> KEYS = Set.of("format", "description", "protocolVersion", "separator",
      "submission", "join", "objects", "conversions", "rowFields", "fields", "figures", "notes");
  private static final Set<String> BUILT_IN_NAMES = Set.of("value", "reason", "first");

  final String where;
  final String format;
  final String description;
  final String protocol;
  final int protocolVersion;
  final char separator;
  final Per per;
  /** ROW: the main file and its key column; FILE: the pattern of the files' names and how to show it. */
  final String file;
  final String key;
  final Pattern files;
  final String noun;
  final String id;
  final String rowsArray;
  final Join join;
  final List<String> objects;
  final List<ImportField> rowFields;
  final List<ImportField> fields;
  final List<Figure> figures;
  final List<Note> notes;
  /** Every name a template or field may use besides columns: field names, groups, built-ins. */
  final Set<String> names;

  private ImportDescription(JsonNode d, String where, String protocol) {
    Descriptions.only(d, where, KEYS);
    this.where = where;
    this.protocol = protocol;
    format = d.path("format").asText("");
    if (!format.matches("[a-z][a-z0-9-]{1,60}")) {
      throw new PackageException(where + ": \"format\" must be lower-case letters, digits and -, e.g. my-export");
    }
    description = required(d, "description", where).asText();
    protocolVersion = d.path("protocolVersion").asInt(0);
    if (protocolVersion < 1) {
      throw new PackageException(where + ": \"protocolVersion\" must be the schema version written (1, 2...)");
    }
    String sep = d.path("separator").asText(",");
    if (sep.length() != 1) {
      throw new PackageException(where + ": \"separator\" must be one character, e.g. \",\" or \";\"");
    }
    separator = sep.charAt(0);
    JsonNode s = required(d, "submission", where);
    String per = s.path("per").asText("");
    Map<String, Conversion> conversions = new LinkedHashMap<>();
    d.path("conversions").fields().forEachRemaining(e -> conversions.put(e.getKey(),
        Conversion.parse(e.getValue(), where + " \"conversions\"." + e.getKey(), conversions)));
    Set<String> names = new LinkedHashSet<>(BUILT_IN_NAMES);
    id = required(s, "id", where + " \"submission\"").asText();
    if (per.equals("row")) {
      Descriptions.only(s, where + " \"submission\"", Set.of("per", "file", "key", "noun", "id"));
      this.per = Per.ROW;
      file = required(s, "file", where + " \"submission\"").asText();
      key = required(s, "key", where + " \"submission\"").asText();
      noun = s.path("noun").asText("row");
      files = null;
      rowsArray = null;
      join = d.has("join") ? join(d.get("join"), where + " \"join\"") : null;
      if (d.has("rowFields")) {
        throw new PackageException(where + ": \"rowFields\" is for \"per\": \"file\"; use \"fields\"");
      }
      rowFields = List.of();
      fields = fields(d, "fields", where, ImportField.ROW_SOURCES, conversions, names);
    } else if (per.equals("file")) {
      Descriptions.only(s, where + " \"submission\"", Set.of("per", "files", "shown", "noun", "id", "rows"));
      this.per = Per.FILE;
      String regex = required(s, "files", where + " \"submission\"").asText();
      try {
        files = Pattern.compile(regex);
      } catch (PatternSyntaxException e) {
        throw new PackageException(where + ": \"submission\".\"files\" is not a regular expression ("
            + e.getDescription() + ")");
      }
      names.addAll(ImportField.groupNames(regex));
      file = s.path("shown").asText(regex);
      key = null;
      noun = s.path("noun").asText("row");
      rowsArray = required(s, "rows", where + " \"submission\"").asText();
      if (d.has("join")) {
        throw new PackageException(where + ": \"join\" is for \"per\": \"row\"");
      }
      join = null;
      rowFields = fields(d, "rowFields", where, ImportField.ROW_SOURCES, conversions, names);
      fields = fields(d, "fields", where, ImportField.FILE_SOURCES, conversions, names);
    } else {
      throw new PackageException(where + ": \"submission\".\"per\" must be \"row\" (one submission per row of a "
          + "file) or \"file\" (one per file of the folder)");
    }
    List<String> objects = new ArrayList<>();
    d.path("objects").forEach(o -> objects.add(o.asText()));
    this.objects = List.copyOf(objects);
    this.figures = figures(d.path("figures"), where);
    this.notes = notes(d.path("notes"), where);
    this.names = Set.copyOf(names);
  }

  /** Reads {@code imports/<format>.json} of the package {@code protocol}. */
  static ImportDescription read(Path file, String protocol) {
    String where = file.toString();
    JsonNode d;
    try {
      d = JSON.readTree(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new PackageException(where + ": not valid JSON (" + e.getMessage() + ")", e);
    }
    ImportDescription description = new ImportDescription(d, where, protocol);
    String expected = description.format + ".json";
    if (!file.getFileName().toString().equals(expected)) {
      throw new PackageException(where + ": the file of format \"" + description.format + "\" must be named "
          + expected);
    }
    return description;
  }

  private static JsonNode required(JsonNode o, String key, String where) {
    JsonNode n = o.get(key);
    if (n == null || n.isNull()) {
      throw new PackageException(where + ": needs \"" + key + "\"");
    }
    return n;
  }

  private static Join join(JsonNode j, String where) {
    Descriptions.only(j, where, Set.of("file", "key", "wide"));
    JsonNode wide = required(j, "wide", where);
    Descriptions.only(wide, where + " \"wide\"", Set.of("array", "name", "count"));
    return new Join(required(j, "file", where).asText(), required(j, "key", where).asText(),
        required(wide, "array", where + " \"wide\"").asText(), required(wide, "name", where + " \"wide\"").asText(),
        required(wide, "count", where + " \"wide\"").asText());
  }

  private static List<ImportField> fields(JsonNode d, String key, String where, Set<String> sources,
      Map<String, Conversion> conversions, Set<String> names) {
    List<ImportField> out = new ArrayList<>();
    int i = 0;
    for (JsonNode f : d.path(key)) {
      ImportField field = ImportField.parse(f, where + " \"" + key + "\"[" + i++ + "]", sources, conversions);
      out.add(field);
      if (field.name() != null) {
        names.add(field.name());
      }
      names.addAll(field.groups());
    }
    return List.copyOf(out);
  }

  private static List<Figure> figures(JsonNode list, String where) {
    List<Figure> out = new ArrayList<>();
    for (JsonNode f : list) {
      Descriptions.only(f, where + " \"figures\"", Set.of("label", "count"));
      String label = required(f, "label", where + " \"figures\"").asText();
      try {
        out.add(new Figure(label, Expressions.get().compile(required(f, "count", where + " \"figures\"").asText())));
      } catch (ExpressionException e) {
        throw new PackageException(where + " figure '" + label + "': " + e.getMessage(), e);
      }
    }
    return List.copyOf(out);
  }

  private static List<Note> notes(JsonNode list, String where) {
    List<Note> out = new ArrayList<>();
    for (JsonNode n : list) {
      if (n.isTextual()) {
        out.add(new Note(n.asText(), null, null));
      } else {
        Descriptions.only(n, where + " \"notes\"", Set.of("text", "ifFileExists", "append"));
        out.add(new Note(required(n, "text", where + " \"notes\"").asText(), n.path("ifFileExists").asText(null),
            n.path("append").asText("")));
      }
    }
    return List.copyOf(out);
  }

  /**
   * Every place of the submission this description writes, as JSON Pointers from its root ({@code -} for an element
   * of an array): the objects, the fields, each row's fields under the rows' array, the joined counts.
   */
  List<String> targets() {
    List<String> out = new ArrayList<>(objects);
    fields.stream().map(ImportField::pointer).filter(java.util.Objects::nonNull).forEach(out::add);
    rowFields.stream().map(ImportField::pointer).filter(java.util.Objects::nonNull)
        .forEach(f -> out.add(rowsArray + "/-" + f));
    if (join != null) {
      out.add(join.array() + "/-" + join.namePointer());
      out.add(join.array() + "/-" + join.countPointer());
    }
    return out;
  }

  /** The files this format reads, for messages. */
  String filesRead() {
    return per == Per.FILE ? file : join == null ? file : file + " and " + join.file();
  }
}
