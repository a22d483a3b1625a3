package org.observatoire.generator;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The rows of a package's {@code checklist.csv} (protocols/CHECKLISTS.md), each by column name, in file order. */
final class ChecklistRows {
  private ChecklistRows() {}

  static List<Map<String, String>> read(Path checklist) {
    List<Map<String, String>> out = new ArrayList<>();
    CsvSchema header = CsvSchema.emptySchema().withHeader();
    try (Reader r = Files.newBufferedReader(checklist, StandardCharsets.UTF_8);
        MappingIterator<Map<String, String>> rows = new CsvMapper().readerForMapOf(String.class).with(header)
            .readValues(r)) {
      while (rows.hasNext()) {
        out.add(rows.next());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + checklist, e);
    }
    return out;
  }

  /** The first of a row's {@code |}-separated codes, or null. */
  static String firstCode(Map<String, String> row) {
    String codes = row.getOrDefault("codes", "");
    return codes.isEmpty() ? null : codes.split("\\|")[0];
  }

  static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
