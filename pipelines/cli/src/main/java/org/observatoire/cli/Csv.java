package org.observatoire.cli;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV, just enough for {@code locate}: comma-separated, fields optionally in double quotes,
 * {@code ""} for a quote inside a quoted field, quoted fields may span lines, CRLF or LF line ends.
 */
final class Csv {

  private Csv() {}

  /** Reads records one at a time from a reader (buffer it); one instance per stream. */
  static final class RecordReader {
    private final Reader in;
    private int peeked = -2;

    RecordReader(Reader in) {
      this.in = in;
    }

    private int read() throws IOException {
      if (peeked != -2) {
        int c = peeked;
        peeked = -2;
        return c;
      }
      return in.read();
    }

    /** The next record, or null at the end of the input. A blank line is a record with one empty field. */
    List<String> next() throws IOException {
      int c = read();
      if (c == -1) {
        return null;
      }
      List<String> fields = new ArrayList<>();
      StringBuilder field = new StringBuilder();
      boolean quoted = false;
      while (true) {
        if (quoted) {
          if (c == -1) {
            throw new IOException("unterminated quoted field at end of input");
          }
          if (c == '"') {
            int d = read();
            if (d == '"') {
              field.append('"');
            } else {
              quoted = false;
              c = d;
              continue;
            }
          } else {
            field.append((char) c);
          }
        } else if (c == '"' && field.length() == 0) {
          quoted = true;
        } else if (c == ',') {
          fields.add(field.toString());
          field.setLength(0);
        } else if (c == '\n' || c == -1) {
          break;
        } else if (c == '\r') {
          int d = read();
          if (d != '\n') {
            peeked = d;
          }
          break;
        } else {
          field.append((char) c);
        }
        c = read();
      }
      fields.add(field.toString());
      return fields;
    }
  }

  static void appendField(StringBuilder out, String value) {
    if (value == null) {
      return;
    }
    boolean needsQuotes = false;
    for (int i = 0; i < value.length(); i++) {
      char ch = value.charAt(i);
      if (ch == ',' || ch == '"' || ch == '\n' || ch == '\r') {
        needsQuotes = true;
        break;
      }
    }
    if (!needsQuotes) {
      out.append(value);
      return;
    }
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char ch = value.charAt(i);
      if (ch == '"') {
        out.append('"');
      }
      out.append(ch);
    }
    out.append('"');
  }
}
