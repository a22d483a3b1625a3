package org.observatoire.benchmarks.baseline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Benchmark baseline: DuckDB (in this JVM, through JDBC) converts the JSON-lines file to one zstd Parquet file with
 * {@code read_json_auto} — schema auto-detected from a sample, nested columns as submitted, no validation and no
 * interpretation. With {@code ignore_errors} a line it cannot parse still gives a row, all NULL (DuckDB JDBC 2.0),
 * so the rows written are not a count of good lines. DuckDB uses all cores. The rows it wrote come from the COPY; the
 * input lines are counted afterwards by a separate newline scan (reported as {@code lineCountSeconds}).
 *
 * <p>{@code --input FILE --output DIR --result FILE [--threads N]}
 */
public final class DuckDbBaseline {
  private DuckDbBaseline() {}

  public static void main(String[] args) throws IOException, SQLException {
    BaselineArgs a = BaselineArgs.parse(args);
    Path input = Path.of(a.required("input")).toAbsolutePath().normalize();
    Path output = Path.of(a.required("output")).toAbsolutePath().normalize();
    Files.createDirectories(output);
    Path parquet = output.resolve("submissions.parquet");
    long start = System.nanoTime();
    long written;
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      String threads = a.get("threads", null);
      if (threads != null) {
        s.execute("SET threads = " + Integer.parseInt(threads));
      }
      s.execute("COPY (SELECT * FROM read_json_auto(" + literal(input) + ", format = 'newline_delimited',"
          + " ignore_errors = true)) TO " + literal(parquet) + " (FORMAT PARQUET, COMPRESSION ZSTD)");
      written = rowsChanged(s);
    }
    long converted = System.nanoTime();
    long records = countLines(input);
    long counted = System.nanoTime();
    new BaselineResult()
        .put("records", records)
        .put("outputRows", written)
        .seconds("workSeconds", converted - start)
        .seconds("lineCountSeconds", counted - converted)
        .write(Path.of(a.required("result")));
    System.out.printf("duckdb: %,d records, %,d rows written in %.1f s%n", records, written,
        (converted - start) / 1e9);
  }

  /** COPY answers with the number of rows written, as an update count or as a one-row result. */
  private static long rowsChanged(Statement s) throws SQLException {
    long n = s.getLargeUpdateCount();
    if (n >= 0) {
      return n;
    }
    try (ResultSet rs = s.getResultSet()) {
      if (rs != null && rs.next()) {
        return rs.getLong(1);
      }
    }
    throw new SQLException("DuckDB did not say how many rows COPY wrote");
  }

  private static String literal(Path p) {
    return "'" + p.toString().replace("'", "''") + "'";
  }

  /** Lines as the nightly's reader counts them: a last line without a newline still counts. */
  static long countLines(Path file) throws IOException {
    long lines = 0;
    byte[] buf = new byte[1 << 20];
    byte last = '\n';
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buf)) > 0; ) {
        for (int i = 0; i < n; i++) {
          if (buf[i] == '\n') {
            lines++;
          }
        }
        last = buf[n - 1];
      }
    }
    return last == '\n' ? lines : lines + 1;
  }
}
