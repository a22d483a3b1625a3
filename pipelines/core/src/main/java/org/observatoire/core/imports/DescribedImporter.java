package org.observatoire.core.imports;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * The import engine: runs an {@link ImportDescription} of a protocol package on an export folder. It knows no
 * programme: the files, joins, fields, conversions, figures and notes all come from the description. Deterministic:
 * rows and files in their order (files by name), keys in the order of the description.
 */
final class DescribedImporter implements ExportImporter {
  private final ImportDescription d;

  DescribedImporter(ImportDescription description) {
    this.d = description;
  }

  @Override
  public String format() {
    return d.format;
  }

  @Override
  public String description() {
    return d.description;
  }

  /** The protocol package whose submissions this format writes. */
  String protocol() {
    return d.protocol;
  }

  @Override
  public ImportResult read(Path dir, ImportSettings settings) throws ImportException {
    if (!Files.isDirectory(dir)) {
      throw new ImportException("--input " + dir + " is not a folder");
    }
    ImportResult result = new ImportResult();
    long[] unjoined = d.per == ImportDescription.Per.ROW ? readRows(dir, settings, result) : null;
    if (d.per == ImportDescription.Per.FILE) {
      readFiles(dir, settings, result);
    }
    ImportFigures.count(d, result);
    if (d.join != null) {
      result.count(d.noun + "s only in " + d.file + " (skipped)", unjoined[0]);
      result.count(d.noun + "s only in " + d.join.file() + " (skipped)", unjoined[1]);
    }
    for (ImportDescription.Note n : d.notes) {
      boolean present = n.ifFileExists() != null && Files.isRegularFile(dir.resolve(n.ifFileExists()));
      result.note(n.text() + (present ? n.append() : ""));
    }
    return result;
  }

  /** A row that cannot be converted: why, without the file and line (added by the caller). */
  private static final class RowError extends Exception {
    private static final long serialVersionUID = 1L;

    RowError(String message) {
      super(message, null, false, false);
    }
  }

  // --- one submission per row of the main file, joined by key -----------------------------------------------------

  /** The wide counts of one key, or why they cannot be used. */
  private static final class Counts {
    final long line;
    final List<Long> counts = new ArrayList<>();
    String problem;

    Counts(long line) {
      this.line = line;
    }
  }

  /** Returns the keys only in the main file and only in the joined one. */
  private long[] readRows(Path dir, ImportSettings settings, ImportResult result) throws ImportException {
    ExportCsv main = ExportCsv.read(existing(dir, d.file), d.separator);
    ExportCsv joined = d.join == null ? null : ExportCsv.read(existing(dir, d.join.file()), d.separator);
    result.fileRead(d.file, main.rows().size());
    List<String> names = new ArrayList<>();
    Map<String, Counts> byKey = new LinkedHashMap<>();
    if (joined != null) {
      result.fileRead(d.join.file(), joined.rows().size());
      readWide(joined, names, byKey, result);
    }
    int key = main.require(d.key);
    Map<String, Integer> columns = columns(main, d.fields);
    Set<String> seen = new HashSet<>();
    long onlyMain = 0;
    for (ExportCsv.Row row : main.rows()) {
      String id = ExportCsv.cell(row, key);
      if (id == null) {
        result.skip(d.file, row.line(), "no " + d.key);
        continue;
      }
      if (!seen.add(id)) {
        result.skip(d.file, row.line(), d.key + " " + id + " repeated (first row kept)");
        continue;
      }
      String prefix = d.noun + " " + id + ": ";
      if (row.cells().size() != main.header().size()) {
        result.skip(d.file, row.line(), prefix + cellCount(row, main));
        continue;
      }
      Counts counts = null;
      if (joined != null) {
        counts = byKey.get(id);
        if (counts == null) {
          result.skip(d.file, row.line(), d.noun + " " + id + " has no row in " + d.join.file());
          onlyMain++;
          continue;
        }
        if (counts.problem != null) {
          continue; // reported where the joined file was read
        }
      }
      try {
        ImportScope scope = ImportScope.row(row, columns, Map.of(), new HashMap<>());
        ObjectNode s = start(scope, settings);
        apply(d.fields, scope, s);
        if (counts != null) {
          ArrayNode array = Pointers.array(s, d.join.array());
          for (int t = 0; t < names.size(); t++) {
            long n = counts.counts.get(t);
            if (n > 0) {
              ObjectNode o = array.addObject();
              Pointers.put(o, d.join.namePointer(), names.get(t));
              Pointers.put(o, d.join.countPointer(), n);
            }
          }
        }
        result.addSubmission(s);
      } catch (RowError e) {
        result.skip(d.file, row.line(), prefix + e.getMessage());
      }
    }
    long onlyJoined = 0;
    for (Map.Entry<String, Counts> e : byKey.entrySet()) {
      if (!seen.contains(e.getKey()) && e.getValue().problem == null) {
        result.skip(d.join.file(), e.getValue().line, d.noun + " " + e.getKey() + " has no row in " + d.file);
        onlyJoined++;
      }
    }
    return new long[] {onlyMain, onlyJoined};
  }

  /**
   * The joined file: each row a key and one whole count per other column (named by its header). An unknown count
   * makes the key's counts unusable: left out would read as zero.
   */
  private void readWide(ExportCsv file, List<String> names, Map<String, Counts> byKey, ImportResult result)
      throws ImportException {
    int id = file.require(d.join.key());
    List<Integer> columns = new ArrayList<>();
    for (int i = 0; i < file.header().size(); i++) {
      if (i != id) {
        names.add(file.header().get(i).trim());
        columns.add(i);
      }
    }
    for (ExportCsv.Row row : file.rows()) {
      String key = ExportCsv.cell(row, id);
      if (key == null) {
        result.skip(file.fileName(), row.line(), "no " + d.join.key());
        continue;
      }
      if (byKey.containsKey(key)) {
        result.skip(file.fileName(), row.line(), d.join.key() + " " + key + " repeated (first row kept)");
        continue;
      }
      Counts counts = new Counts(row.line());
      byKey.put(key, counts);
      String prefix = d.noun + " " + key + ": ";
      if (row.cells().size() != file.header().size()) {
        counts.problem = prefix + cellCount(row, file);
      }
      for (int t = 0; counts.problem == null && t < columns.size(); t++) {
        String v = ExportCsv.cell(row, columns.get(t));
        if (v == null) {
          counts.problem = prefix + "no count for '" + names.get(t) + "'";
        } else if (!v.matches("[0-9]{1,9}")) {
          counts.problem = prefix + "count '" + v + "' for '" + names.get(t) + "' is not a whole number";
        } else {
          counts.counts.add(Long.parseLong(v));
        }
      }
      if (counts.problem != null) {
        result.skip(file.fileName(), row.line(), counts.problem);
      }
    }
  }

  // --- one submission per file of the folder, each row an element --------------------------------------------------

  private void readFiles(Path dir, ImportSettings settings, ImportResult result) throws ImportException {
    for (Path path : matchingFiles(dir)) {
      Matcher name = d.files.matcher(path.getFileName().toString());
      name.matches();
      Map<String, Object> fileValues = new HashMap<>();
      for (String g : ImportField.groupNames(d.files.pattern())) {
        fileValues.put(g, name.group(g));
      }
      ExportCsv csv = ExportCsv.read(path, d.separator);
      result.fileRead(csv.fileName(), csv.rows().size());
      Map<String, Integer> columns = columns(csv, d.rowFields);
      Map<ImportField, Object> firsts = new HashMap<>();
      List<ObjectNode> elements = new ArrayList<>();
      List<Map<String, Object>> rowValues = new ArrayList<>();
      for (ExportCsv.Row row : csv.rows()) {
        try {
          if (row.cells().size() != csv.header().size()) {
            throw new RowError(cellCount(row, csv));
          }
          ImportScope scope = ImportScope.row(row, columns, fileValues, firsts);
          ObjectNode element = SubmissionLines.object();
          apply(d.rowFields, scope, element);
          elements.add(element);
          rowValues.add(scope.values);
        } catch (RowError e) {
          result.skip(csv.fileName(), row.line(), e.getMessage());
        }
      }
      if (elements.isEmpty()) {
        result.note(csv.fileName() + ": no " + d.noun + " could be converted, no submission");
        continue;
      }
      try {
        ImportScope scope = ImportScope.file(fileValues, rowValues);
        ObjectNode s = start(scope, settings);
        apply(d.fields, scope, s);
        ArrayNode array = Pointers.array(s, d.rowsArray);
        elements.forEach(array::add);
        result.addSubmission(s);
      } catch (RowError e) {
        result.skip(csv.fileName(), 1, "no submission: " + e.getMessage());
      }
    }
  }

  private List<Path> matchingFiles(Path dir) throws ImportException {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path p : entries) {
        if (Files.isRegularFile(p) && d.files.matcher(p.getFileName().toString()).matches()) {
          files.add(p);
        }
      }
    } catch (IOException e) {
      throw new ImportException("--input " + dir + " cannot be read: " + e.getMessage());
    }
    if (files.isEmpty()) {
      throw new ImportException("--input " + dir + " has no " + d.file + " file");
    }
    files.sort(null);
    return files;
  }

  // --- fields --------------------------------------------------------------------------------------------------------

  private ObjectNode start(ImportScope scope, ImportSettings settings) {
    ObjectNode s = SubmissionLines.start(Descriptions.render(d.id, scope, false), d.protocol, d.protocolVersion,
        settings, d.format);
    for (String pointer : d.objects) {
      Pointers.parent(s, pointer + "/-"); // makes the object, written even if no field fills it
    }
    return s;
  }

  /**
   * The columns a file must have for these fields: each field's column, and each name of a template (the id, a
   * value, a message) that no field, group or built-in gives. A missing one means the file is not this format.
   */
  private Map<String, Integer> columns(ExportCsv csv, List<ImportField> fields) throws ImportException {
    List<String> wanted = new ArrayList<>();
    List<String> templates = new ArrayList<>(List.of(d.id));
    for (ImportField f : fields) {
      if (f.sourceKind().equals("column")) {
        wanted.add(f.source());
      } else if (f.sourceKind().equals("value")) {
        templates.add(f.source());
      }
      if (f.error() != null) {
        templates.add(f.error());
      }
      if (f.same() != null) {
        templates.add(f.same());
      }
    }
    for (String t : templates) {
      Descriptions.placeholders(t).stream().filter(n -> !d.names.contains(n)).forEach(wanted::add);
    }
    Map<String, Integer> columns = new HashMap<>();
    for (String c : wanted) {
      if (!columns.containsKey(c)) {
        columns.put(c, csv.require(c));
      }
    }
    return columns;
  }

  private void apply(List<ImportField> fields, ImportScope scope, ObjectNode target) throws RowError {
    for (ImportField f : fields) {
      Object v = source(f, scope);
      if (v == null) {
        if (f.required()) {
          throw new RowError("no " + f.label());
        }
        if (f.name() != null) {
          scope.values.put(f.name(), null);
        }
        continue;
      }
      if (f.convert() != null) {
        try {
          v = f.convert().apply(v, scope);
        } catch (Conversion.Failure e) {
          throw new RowError(message(f, scope, e.shown, e.reason));
        }
      }
      if (f.match() != null) {
        Matcher m = f.match().matcher(Descriptions.text(v));
        if (!m.matches()) {
          throw new RowError(message(f, scope, Descriptions.text(v), "does not match " + f.match().pattern()));
        }
        for (String g : f.groups()) {
          scope.values.put(g, m.group(g));
        }
      }
      if (f.same() != null) {
        Object first = scope.firsts.putIfAbsent(f, v);
        if (first != null && !first.equals(v)) {
          throw new RowError(Descriptions.render(f.same(), scope.with(Map.of("value", v, "first", first)), false));
        }
      }
      if (f.name() != null) {
        scope.values.put(f.name(), v);
      }
      if (f.pointer() != null) {
        Pointers.put(target, f.pointer(), v);
      }
    }
  }

  private static Object source(ImportField f, ImportScope scope) throws RowError {
    return switch (f.sourceKind()) {
      case "column" -> scope.cell(f.source());
      case "value" -> Descriptions.render(f.source(), scope, true);
      case "from" -> scope.apply(f.source());
      default -> aggregate(f, scope);
    };
  }

  /** first, earliest or latest of a named value over the file's converted rows (unknown values skipped). */
  private static Object aggregate(ImportField f, ImportScope scope) throws RowError {
    Object best = null;
    for (Map<String, Object> row : scope.rows) {
      Object v = row.get(f.source());
      if (v == null) {
        continue;
      }
      if (f.sourceKind().equals("first")) {
        return v;
      }
      if (!(v instanceof OffsetDateTime t)) {
        throw new RowError(f.source() + " '" + v + "' is not a date-time: " + f.sourceKind() + " needs one");
      }
      boolean better = best == null || (f.sourceKind().equals("earliest")
          ? t.isBefore((OffsetDateTime) best) : t.isAfter((OffsetDateTime) best));
      best = better ? t : best;
    }
    return best;
  }

  private static String message(ImportField f, ImportScope scope, String shown, String reason) {
    if (f.error() == null) {
      return f.label() + " '" + shown + "' " + reason;
    }
    return Descriptions.render(f.error(), scope.with(Map.of("value", shown, "reason", reason)), false);
  }

  private static String cellCount(ExportCsv.Row row, ExportCsv csv) {
    return row.cells().size() + " cells, the header has " + csv.header().size();
  }

  private Path existing(Path dir, String name) throws ImportException {
    Path file = dir.resolve(name);
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new ImportException("--input " + dir + " has no readable " + name + " (" + d.format + " reads "
          + d.filesRead() + ")");
    }
    return file;
  }
}
