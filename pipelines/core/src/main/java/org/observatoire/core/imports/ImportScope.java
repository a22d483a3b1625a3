package org.observatoire.core.imports;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The values a field of an import description can use: the names given by earlier fields and by regular expression
 * groups, then the enclosing file's (its name's groups), then the columns of the current row. For the fields of a
 * whole file, the values of its converted rows ({@code first}, {@code earliest}, {@code latest}).
 */
final class ImportScope implements Function<String, Object> {
  final Map<String, Object> values = new HashMap<>();
  private final Map<String, Object> file;
  private final ExportCsv.Row row;
  private final Map<String, Integer> columns;
  /** For a whole file: each converted row's values; null for a row. */
  final List<Map<String, Object>> rows;
  /** For {@code same}: the first value each field had in the file. */
  final Map<ImportField, Object> firsts;

  private ImportScope(Map<String, Object> file, ExportCsv.Row row, Map<String, Integer> columns,
      List<Map<String, Object>> rows, Map<ImportField, Object> firsts) {
    this.file = file;
    this.row = row;
    this.columns = columns;
    this.rows = rows;
    this.firsts = firsts;
  }

  /** The scope of one row: its cells by column name, the file's values, the file's first values for same. */
  static ImportScope row(ExportCsv.Row row, Map<String, Integer> columns, Map<String, Object> file,
      Map<ImportField, Object> firsts) {
    return new ImportScope(file, row, columns, null, firsts);
  }

  /** The scope of a whole file, after its rows: the file's values and its converted rows' values. */
  static ImportScope file(Map<String, Object> file, List<Map<String, Object>> rows) {
    return new ImportScope(file, null, Map.of(), rows, new HashMap<>());
  }

  /** A cell by column name (trimmed; null when empty or NA). */
  String cell(String column) {
    Integer i = columns.get(column);
    return i == null || row == null ? null : ExportCsv.cell(row, i);
  }

  @Override
  public Object apply(String name) {
    if (values.containsKey(name)) {
      return values.get(name);
    }
    if (file.containsKey(name)) {
      return file.get(name);
    }
    return cell(name);
  }

  /** This scope with a few more values, for rendering a message. */
  Function<String, Object> with(Map<String, Object> more) {
    return name -> more.containsKey(name) ? more.get(name) : apply(name);
  }
}
