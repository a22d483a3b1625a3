package org.observatoire.beam.publish;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Writes a query's result as CSV (RFC 4180), an aligned text table, or (to a file) Parquet. */
public final class QueryOutput {
  /** Output formats. */
  public enum Format { CSV, TABLE, PARQUET }

  private static final int MAX_CELL = 60;

  private QueryOutput() {}

  /** Runs {@code sql} and writes the result to {@code out} (CSV, table), or to {@code file} (any format). */
  public static long write(Connection c, String sql, Format format, Path file, PrintWriter out) throws SQLException {
    String query = sql.strip().replaceAll(";+$", "");
    if (file != null && format != Format.TABLE) {
      try (Statement s = c.createStatement()) {
        s.execute("COPY (" + query + ") TO " + Duck.literal(file.toAbsolutePath().toString())
            + (format == Format.PARQUET ? " (FORMAT parquet, COMPRESSION zstd)" : " (FORMAT csv, HEADER true)"));
      }
      return Duck.scalarLong(c, "SELECT count(*) FROM (" + query + ")");
    }
    if (format == Format.PARQUET) {
      throw new IllegalArgumentException("--format parquet needs --output FILE");
    }
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
      long rows = format == Format.CSV ? csv(rs, out) : table(rs, out);
      out.flush();
      return rows;
    }
  }

  private static long csv(ResultSet rs, PrintWriter out) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    int n = md.getColumnCount();
    List<String> header = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      header.add(quote(md.getColumnLabel(i)));
    }
    out.print(String.join(",", header) + "\r\n");
    long rows = 0;
    while (rs.next()) {
      List<String> cells = new ArrayList<>(n);
      for (int i = 1; i <= n; i++) {
        Object v = rs.getObject(i);
        cells.add(v == null ? "" : quote(v.toString()));
      }
      out.print(String.join(",", cells) + "\r\n");
      rows++;
    }
    return rows;
  }

  private static String quote(String s) {
    if (s.isEmpty() || s.chars().anyMatch(ch -> ch == ',' || ch == '"' || ch == '\n' || ch == '\r')) {
      return "\"" + s.replace("\"", "\"\"") + "\"";
    }
    return s;
  }

  private static long table(ResultSet rs, PrintWriter out) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    int n = md.getColumnCount();
    List<String[]> rows = new ArrayList<>();
    String[] header = new String[n];
    int[] width = new int[n];
    for (int i = 0; i < n; i++) {
      header[i] = md.getColumnLabel(i + 1);
      width[i] = header[i].length();
    }
    while (rs.next()) {
      String[] row = new String[n];
      for (int i = 0; i < n; i++) {
        Object v = rs.getObject(i + 1);
        String text = v == null ? "NULL" : v.toString().replace('\n', ' ');
        row[i] = text.length() > MAX_CELL ? text.substring(0, MAX_CELL - 1) + "…" : text;
        width[i] = Math.max(width[i], row[i].length());
      }
      rows.add(row);
    }
    line(out, header, width);
    String[] rule = new String[n];
    for (int i = 0; i < n; i++) {
      rule[i] = "-".repeat(width[i]);
    }
    line(out, rule, width);
    rows.forEach(r -> line(out, r, width));
    out.println("(" + rows.size() + " row" + (rows.size() == 1 ? "" : "s") + ")");
    return rows.size();
  }

  private static void line(PrintWriter out, String[] cells, int[] width) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) {
        b.append(" | ");
      }
      b.append(cells[i]).append(" ".repeat(width[i] - cells[i].length()));
    }
    out.println(b.toString().stripTrailing());
  }
}
