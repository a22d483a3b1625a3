package org.observatoire.beam.publish;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What changed in the curated occurrences between two releases, per protocol, by {@code occurrenceID}: added
 * (only in the new release), removed (only in the previous one), changed (in both, with a different value in a
 * column both releases have, the record's file position aside) and unchanged. Computed with DuckDB.
 */
public final class ReleaseChanges {
  public static final String JSON_FILE = "CHANGES.json";
  public static final String MD_FILE = "CHANGES.md";
  /** Where a record was read from is provenance, not content: moving a line is not a change. */
  private static final Set<String> NOT_CONTENT = Set.of("occurrenceID", "sourceFile", "sourceLine");
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Counts for one protocol. */
  public record Counts(long added, long removed, long changed, long unchanged) {
    /** For people: "504 added, 0 removed, 0 changed, 0 unchanged". */
    public String summary() {
      return added + " added, " + removed + " removed, " + changed + " changed, " + unchanged + " unchanged";
    }
  }

  private final String releaseId;
  private final String previousId;
  private final Map<String, Counts> byProtocol;

  private ReleaseChanges(String releaseId, String previousId, Map<String, Counts> byProtocol) {
    this.releaseId = releaseId;
    this.previousId = previousId;
    this.byProtocol = Map.copyOf(byProtocol);
  }

  /** Compares the occurrences of {@code release} with those of {@code previous} (null: the first release). */
  public static ReleaseChanges between(String previousId, Path previous, String releaseId, Path release) {
    Path newOcc = release.resolve("occurrences");
    Path oldOcc = previous == null ? null : previous.resolve("occurrences");
    try (Connection c = Duck.open(); Statement s = c.createStatement()) {
      List<String> newCols = createView(c, "new_occ", newOcc);
      List<String> oldCols = oldOcc == null ? List.of("occurrenceID", "protocol") : createView(c, "old_occ", oldOcc);
      if (oldOcc == null) {
        s.execute("CREATE VIEW old_occ AS SELECT NULL::VARCHAR AS occurrenceID, NULL::VARCHAR AS protocol WHERE false");
      }
      Set<String> shared = new LinkedHashSet<>(newCols);
      shared.retainAll(oldCols);
      shared.removeAll(NOT_CONTENT);
      String digest = shared.isEmpty() ? "''"
          : "md5(CAST(row(" + String.join(", ", shared.stream().map(Duck::ident).toList()) + ") AS VARCHAR))";
      String sql = "WITH n AS (SELECT occurrenceID, CAST(protocol AS VARCHAR) AS protocol, " + digest
          + " AS d FROM new_occ), o AS (SELECT occurrenceID, CAST(protocol AS VARCHAR) AS protocol, " + digest
          + " AS d FROM old_occ) SELECT coalesce(n.protocol, o.protocol) AS protocol,"
          + " count(*) FILTER (WHERE o.occurrenceID IS NULL) AS added,"
          + " count(*) FILTER (WHERE n.occurrenceID IS NULL) AS removed,"
          + " count(*) FILTER (WHERE n.occurrenceID IS NOT NULL AND o.occurrenceID IS NOT NULL AND n.d <> o.d) AS changed,"
          + " count(*) FILTER (WHERE n.occurrenceID IS NOT NULL AND o.occurrenceID IS NOT NULL AND n.d = o.d) AS same"
          + " FROM n FULL OUTER JOIN o ON n.occurrenceID = o.occurrenceID GROUP BY 1 ORDER BY 1";
      Map<String, Counts> counts = new TreeMap<>();
      try (ResultSet rs = s.executeQuery(sql)) {
        while (rs.next()) {
          counts.put(rs.getString(1), new Counts(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)));
        }
      }
      return new ReleaseChanges(releaseId, previousId, counts);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot compare release " + releaseId + " with " + previousId + ": "
          + e.getMessage(), e);
    }
  }

  /** Creates a view over a dataset folder (an empty one when it holds no file); returns its columns. */
  private static List<String> createView(Connection c, String name, Path dir) throws SQLException {
    try (Statement s = c.createStatement()) {
      if (!Duck.hasParquet(dir)) {
        s.execute("CREATE VIEW " + name + " AS SELECT NULL::VARCHAR AS occurrenceID, NULL::VARCHAR AS protocol"
            + " WHERE false");
      } else {
        s.execute("CREATE VIEW " + name + " AS SELECT * FROM " + Duck.readParquet(dir, true));
      }
    }
    return new ArrayList<>(Duck.columns(c, name));
  }

  public Map<String, Counts> byProtocol() {
    return byProtocol;
  }

  public Counts total() {
    long a = 0;
    long r = 0;
    long ch = 0;
    long u = 0;
    for (Counts c : byProtocol.values()) {
      a += c.added();
      r += c.removed();
      ch += c.changed();
      u += c.unchanged();
    }
    return new Counts(a, r, ch, u);
  }

  /** Writes CHANGES.json and CHANGES.md into {@code dir}. */
  public void writeTo(Path dir) {
    ObjectNode root = JSON.createObjectNode();
    root.put("release", releaseId);
    root.put("previous", previousId);
    root.put("dataset", "occurrences");
    root.put("key", "occurrenceID");
    root.put("definitions", "added: only in this release; removed: only in the previous one; changed: in both with"
        + " another value in a shared column (sourceFile and sourceLine aside); unchanged: in both, same values");
    ObjectNode protocols = root.putObject("protocols");
    new TreeMap<>(byProtocol).forEach((p, c) -> put(protocols.putObject(p), c));
    put(root.putObject("total"), total());
    StringBuilder md = new StringBuilder();
    md.append("# Changes in release ").append(releaseId).append("\n\n");
    md.append(previousId == null ? "First release: every occurrence is new.\n\n"
        : "Compared with release " + previousId + ", by `occurrenceID`.\n\n");
    md.append("| protocol | added | removed | changed | unchanged |\n|---|---:|---:|---:|---:|\n");
    new TreeMap<>(byProtocol).forEach((p, c) -> row(md, p, c));
    row(md, "**total**", total());
    md.append("\n").append(root.path("definitions").asText()).append(".\n");
    try {
      Files.writeString(dir.resolve(JSON_FILE), JSON.writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
      Files.writeString(dir.resolve(MD_FILE), md.toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the change summary in " + dir, e);
    }
  }

  private static void put(ObjectNode n, Counts c) {
    n.put("added", c.added()).put("removed", c.removed()).put("changed", c.changed()).put("unchanged", c.unchanged());
  }

  private static void row(StringBuilder md, String name, Counts c) {
    md.append("| ").append(name).append(" | ").append(c.added()).append(" | ").append(c.removed()).append(" | ")
        .append(c.changed()).append(" | ").append(c.unchanged()).append(" |\n");
  }
}
