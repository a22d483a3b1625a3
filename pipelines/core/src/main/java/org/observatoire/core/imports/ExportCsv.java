package org.observatoire.core.imports;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One CSV export file, read whole with Jackson's CSV module: a header and records, each record with the line of the
 * file where it starts (a quoted cell may span lines, so a record's number is not its line). Strict UTF-8: a file in
 * another encoding is an input error rather than silently garbled names. A byte-order mark before the header is
 * dropped.
 */
final class ExportCsv {
  private static final CsvMapper MAPPER = new CsvMapper();

  /** A data record: the line where it starts (1 = the header) and its cells, as written. */
  record Row(long line, List<String> cells) {}

  private final Path file;
  private final List<String> header;
  private final Map<String, Integer> columns;
  private final List<Row> rows;

  private ExportCsv(Path file, List<String> header, List<Row> rows) {
    this.file = file;
    this.header = Collections.unmodifiableList(header);
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      index.putIfAbsent(header.get(i), i);
    }
    this.columns = index;
    this.rows = Collections.unmodifiableList(rows);
  }

  /** Reads {@code file}, cells separated by {@code separator}; an empty file is an input error. */
  static ExportCsv read(Path file, char separator) throws ImportException {
    CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(separator).withQuoteChar('"');
    var decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    List<List<String>> records = new ArrayList<>();
    List<Long> lines = new ArrayList<>();
    try (Reader reader = new InputStreamReader(Files.newInputStream(file), decoder);
        CsvParser parser = (CsvParser) MAPPER.getFactory().createParser(reader)) {
      // a schema without columns: each record comes as an array of strings, a sequence of root-level arrays
      parser.setSchema(schema);
      List<String> current = null;
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if (token == JsonToken.START_ARRAY) {
          current = new ArrayList<>();
          lines.add(-1L);
        } else if (token == JsonToken.VALUE_STRING) {
          if (current.isEmpty()) {
            lines.set(lines.size() - 1, (long) parser.currentTokenLocation().getLineNr());
          }
          current.add(parser.getText());
        } else if (token == JsonToken.END_ARRAY) {
          records.add(current);
        }
      }
    } catch (CharacterCodingException e) {
      throw new ImportException(file + " is not UTF-8 text");
    } catch (IOException e) {
      throw new ImportException("cannot read " + file + ": " + e.getMessage());
    }
    if (records.isEmpty()) {
      throw new ImportException(file + " is empty (no header)");
    }
    List<String> header = new ArrayList<>(records.get(0));
    if (!header.isEmpty() && header.get(0).startsWith("\uFEFF")) {
      header.set(0, header.get(0).substring(1));
    }
    List<Row> rows = new ArrayList<>(records.size() - 1);
    for (int i = 1; i < records.size(); i++) {
      List<String> cells = records.get(i);
      if (cells.size() == 1 && cells.get(0).isEmpty()) {
        continue; // a blank line
      }
      rows.add(new Row(lines.get(i), cells));
    }
    return new ExportCsv(file, header, rows);
  }

  Path file() {
    return file;
  }

  String fileName() {
    return file.getFileName().toString();
  }

  List<String> header() {
    return header;
  }

  List<Row> rows() {
    return rows;
  }

  /** The index of a column the format needs; its absence means the file is not this format. */
  int require(String column) throws ImportException {
    Integer i = columns.get(column);
    if (i == null) {
      throw new ImportException(fileName() + " has no column '" + column + "' (is --format right?)");
    }
    return i;
  }

  /**
   * A cell, trimmed; {@code null} when empty or "NA" (how R, which wrote these exports, writes a missing value), so
   * that a missing value is left out of the submission rather than written as a made-up one.
   */
  static String cell(Row row, int column) {
    if (column >= row.cells().size()) {
      return null;
    }
    String v = row.cells().get(column).trim();
    return v.isEmpty() || v.equals("NA") ? null : v;
  }
}
