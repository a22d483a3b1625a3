package org.observatoire.beam.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Verifies a staged run before publication: its manifest says conservation holds, every Parquet file is readable
 * end to end (every row decoded by DuckDB), the rows found equal those the manifest declares per dataset, and every
 * file's columns are exactly the declared ones, in order.
 */
public final class ReleaseVerifier implements ReleaseCheck {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Map<String, List<String>> declaredColumns;

  private ReleaseVerifier(Map<String, List<String>> declaredColumns) {
    this.declaredColumns = Map.copyOf(declaredColumns);
  }

  /** Verifies the datasets named by {@code declaredColumns} (folder name → the columns stored in its files). */
  public static ReleaseVerifier of(Map<String, List<String>> declaredColumns) {
    return new ReleaseVerifier(declaredColumns);
  }

  @Override
  public List<String> problems(Path dir) {
    List<String> problems = new ArrayList<>();
    JsonNode manifest;
    try {
      manifest = JSON.readTree(dir.resolve("manifest.json").toFile());
    } catch (IOException e) {
      return List.of("manifest.json is missing or unreadable: " + e.getMessage());
    }
    if (!manifest.path("conservation").path("holds").asBoolean(false)) {
      problems.add("the manifest says conservation does not hold: " + manifest.path("conservation").path("problems"));
    }
    problems.addAll(tempLeftovers(dir));
    try (Connection c = Duck.open()) {
      for (Map.Entry<String, List<String>> e : new java.util.TreeMap<>(declaredColumns).entrySet()) {
        String dataset = e.getKey();
        long rows = 0;
        List<Path> files = Duck.parquetFiles(dir.resolve(dataset));
        for (Path f : files) {
          String rel = dir.relativize(f).toString();
          try {
            List<String> cols = Duck.columns(c, "read_parquet(" + Duck.literal(f.toString())
                + ", hive_partitioning = false)");
            if (!cols.equals(e.getValue())) {
              problems.add(rel + ": columns " + cols + " differ from the declared " + e.getValue());
            }
            rows += decodeAll(c, f);
          } catch (SQLException ex) {
            problems.add(rel + ": unreadable Parquet (" + ex.getMessage().lines().findFirst().orElse("") + ")");
          }
        }
        JsonNode declared = manifest.path("outputs").path(dataset);
        if (declared.isMissingNode()) {
          problems.add(dataset + ": not in the manifest's outputs");
        } else {
          if (declared.path("files").asLong(-1) != files.size()) {
            problems.add(dataset + ": " + files.size() + " Parquet files but the manifest declares "
                + declared.path("files").asLong(-1));
          }
          if (declared.path("rows").asLong(-1) != rows) {
            problems.add(dataset + ": " + rows + " rows read but the manifest declares " + declared.path("rows"));
          }
        }
      }
    } catch (SQLException e) {
      problems.add("DuckDB failed: " + e.getMessage());
    }
    return problems;
  }

  /**
   * Files left by a writer (Beam's {@code .temp} folders, the sorted runs of {@code .runs-*} folders, partial
   * {@code .inprogress} files: any hidden name) would be picked up by some readers' globs: a release carries none.
   */
  private static List<String> tempLeftovers(Path dir) {
    try (java.util.stream.Stream<Path> walk = java.nio.file.Files.walk(dir)) {
      return walk.filter(java.nio.file.Files::isRegularFile).map(dir::relativize)
          .filter(rel -> java.util.stream.StreamSupport.stream(rel.spliterator(), false)
              .anyMatch(part -> part.toString().startsWith(".")))
          .map(rel -> rel + ": a temporary file left by the writer").toList();
    } catch (java.io.IOException e) {
      return List.of("cannot list " + dir + ": " + e.getMessage());
    }
  }

  /** Reads every value of every row (hashing them), so a corrupt page fails here rather than in an analyst's query. */
  private static long decodeAll(Connection c, Path f) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*), bit_xor(hash(t)) FROM read_parquet("
            + Duck.literal(f.toString()) + ", hive_partitioning = false) AS t")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
