package org.observatoire.beam.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Small DuckDB (JDBC, in-memory) helpers shared by the publishing classes. */
final class Duck {
  private Duck() {}

  /** A fresh in-memory database; extensions are neither installed nor loaded (they cannot be downloaded here). */
  static Connection open() {
    try {
      Connection c = DriverManager.getConnection("jdbc:duckdb:");
      try (Statement s = c.createStatement()) {
        s.execute("SET autoinstall_known_extensions = false");
        s.execute("SET autoload_known_extensions = false");
      }
      return c;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot start DuckDB: " + e.getMessage(), e);
    }
  }

  /** A SQL string literal. */
  static String literal(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  /** A SQL identifier. */
  static String ident(String s) {
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }

  /** Whether {@code dir} holds at least one Parquet file (in any sub-folder, Beam's temp folders aside). */
  static boolean hasParquet(Path dir) {
    return !parquetFiles(dir).isEmpty();
  }

  /** The Parquet files below {@code dir}, sorted, Beam's temp folders aside. */
  static List<Path> parquetFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> p.getFileName().toString().endsWith(".parquet"))
          .filter(p -> !dir.relativize(p).toString().contains(".temp")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  /** {@code read_parquet(...)} over a dataset folder; Hive partitions become columns when asked. */
  static String readParquet(Path dir, boolean hive) {
    return "read_parquet(" + literal(dir.toAbsolutePath() + "/**/*.parquet")
        + (hive ? ", hive_partitioning = true" : ", hive_partitioning = false")
        + ", union_by_name = true)";
  }

  /** The column names of a query's result. */
  static List<String> columns(Connection c, String fromClause) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("DESCRIBE SELECT * FROM " + fromClause)) {
      while (rs.next()) {
        names.add(rs.getString("column_name"));
      }
    }
    return names;
  }

  /** The column types of a query's result, by name. */
  static java.util.Map<String, String> columnTypes(Connection c, String fromClause) throws SQLException {
    java.util.Map<String, String> types = new java.util.LinkedHashMap<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("DESCRIBE SELECT * FROM " + fromClause)) {
      while (rs.next()) {
        types.put(rs.getString("column_name"), rs.getString("column_type"));
      }
    }
    return types;
  }

  static long scalarLong(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
