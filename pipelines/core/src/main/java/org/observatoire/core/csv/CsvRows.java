package org.observatoire.core.csv;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal RFC 4180 reader for the small reference files shipped with the core: quoted fields, doubled quotes,
 * a configurable separator, quoted fields spanning lines (the QUBS thesaurus has one), a byte-order mark at the
 * start ignored, blank lines skipped.
 */
public final class CsvRows {

  private CsvRows() {}

  /** Reads every non-blank record (the header included) into lists of fields. */
  public static List<List<String>> read(Reader reader, char separator) {
    List<List<String>> rows = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(reader)) {
      List<String> fields = new ArrayList<>();
      StringBuilder field = new StringBuilder();
      boolean quoted = false;
      boolean first = true;
      boolean blank = true;
      int line = 1;
      int c;
      while ((c = in.read()) != -1) {
        char ch = (char) c;
        if (first) {
          first = false;
          if (ch == '\uFEFF') {
            continue;
          }
        }
        if (quoted) {
          if (ch == '"') {
            in.mark(1);
            int next = in.read();
            if (next == '"') {
              field.append('"');
            } else {
              quoted = false;
              if (next != -1) {
                in.reset();
              }
            }
          } else {
            if (ch == '\n') {
              line++;
            }
            field.append(ch);
          }
        } else if (ch == '"') {
          quoted = true;
          blank = false;
        } else if (ch == separator) {
          fields.add(field.toString());
          field.setLength(0);
          blank = false;
        } else if (ch == '\n' || ch == '\r') {
          if (ch == '\n') {
            line++;
          }
          if (!blank || field.length() > 0) {
            fields.add(field.toString());
            rows.add(List.copyOf(fields));
          }
          fields.clear();
          field.setLength(0);
          blank = true;
        } else {
          field.append(ch);
          if (!Character.isWhitespace(ch)) {
            blank = false;
          }
        }
      }
      if (quoted) {
        throw new IllegalArgumentException("unterminated quoted field before line " + line);
      }
      if (!blank || field.toString().strip().length() > 0) {
        fields.add(field.toString());
        rows.add(List.copyOf(fields));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  /** Quotes a field for writing when it contains the separator, a quote or a line break. */
  public static String quote(String value, char separator) {
    if (value.indexOf(separator) < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0
        && value.indexOf('\r') < 0) {
      return value;
    }
    return '"' + value.replace("\"", "\"\"") + '"';
  }
}
