package org.observatoire.beam.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A DuckDB connection with one view per dataset of a release: {@code occurrences} and {@code events} (Hive partitions
 * {@code protocol} and {@code year} as columns), {@code checklists}, {@code rejected}, {@code duplicates},
 * {@code dead_letter}, {@code visits} when the run materialised them, and a {@code cubes_*} view for every cube
 * dataset ({@code cubes/<grid>/} gives {@code cubes_<grid>}); then the derived view {@code visits_zerofilled}
 * ({@link #ZERO_FILLED_SQL}). A declared dataset without files is an empty view with its columns.
 */
public final class ReleaseViews {
  /** The datasets partitioned Hive-style by protocol and year. */
  private static final List<String> HIVE = List.of("occurrences", "events", "visits");
  /** The datasets every release has a view of (with their columns, empty when the release has no files). */
  private static final List<String> ALWAYS = List.of("occurrences", "events", "checklists", "rejected", "duplicates",
      "dead-letter");
  /** The zero-filled visits' view. */
  public static final String ZERO_FILLED = "visits_zerofilled";
  /**
   * The zero-filled visits as SQL over the views {@code events}, {@code checklists} and {@code occurrences}
   * (DuckDB and Spark SQL alike): complete-list events × their list's entries, with each entry's summed count from
   * the visit's occurrences, 0 and {@code absent} when not reported. Gives the rows of the materialised
   * {@code visits} dataset (see docs/events.md).
   */
  public static final String ZERO_FILLED_SQL = readSql("visits_zerofilled.sql");

  private ReleaseViews() {}

  /** Opens DuckDB over {@code release}; returns the connection and the views created. */
  public static Connection open(Path release, List<String> viewsOut) {
    Connection c = Duck.open();
    try (Statement s = c.createStatement()) {
      Map<String, List<String>> declared = NightlyDatasets.declaredColumns(true);
      List<String> datasets = new ArrayList<>(ALWAYS);
      if (Duck.hasParquet(release.resolve("visits"))) {
        datasets.add(2, "visits");
      }
      for (String dataset : datasets) {
        String view = viewName(dataset);
        Path dir = release.resolve(dataset);
        if (Duck.hasParquet(dir)) {
          s.execute("CREATE VIEW " + view + " AS SELECT * FROM " + Duck.readParquet(dir, HIVE.contains(dataset)));
        } else {
          List<String> cols = new ArrayList<>(declared.getOrDefault(dataset, List.of("empty")));
          if (HIVE.contains(dataset)) {
            cols.addAll(List.of("protocol", "year"));
          }
          s.execute("CREATE VIEW " + view + " AS SELECT " + String.join(", ", cols.stream()
              .map(col -> "NULL::VARCHAR AS " + Duck.ident(col)).toList()) + " WHERE false");
        }
        viewsOut.add(view);
      }
      for (Path cubes : cubeFolders(release)) {
        String view = viewName(release.relativize(cubes).toString());
        s.execute("CREATE VIEW " + view + " AS SELECT * FROM " + Duck.readParquet(cubes, true));
        viewsOut.add(view);
      }
      s.execute("CREATE VIEW " + ZERO_FILLED + " AS " + ZERO_FILLED_SQL);
      viewsOut.add(ZERO_FILLED);
      return c;
    } catch (SQLException e) {
      try {
        c.close();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new IllegalStateException("cannot create the views over " + release + ": " + e.getMessage(), e);
    }
  }

  /**
   * The zero-filled visits of the release folder {@code release} as a parenthesised query, for use in a FROM clause
   * on any DuckDB connection (without the views of {@link #open}).
   */
  public static String zeroFilledQuery(Path release) {
    return "(WITH events AS (SELECT * FROM " + Duck.readParquet(release.resolve("events"), true) + "),"
        + " checklists AS (SELECT * FROM " + Duck.readParquet(release.resolve("checklists"), false) + "),"
        + " occurrences AS (SELECT * FROM " + Duck.readParquet(release.resolve("occurrences"), true) + ") "
        + ZERO_FILLED_SQL + ")";
  }

  private static String readSql(String name) {
    try (var in = ReleaseViews.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the jar");
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name, e);
    }
  }

  /** A dataset folder's view name: lower case, '-' and other punctuation as '_'. */
  static String viewName(String folder) {
    return folder.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
  }

  /**
   * The cube datasets: each {@code cubes*} folder, or, when it holds one folder per grid ({@code cubes/eea10km/}),
   * each of those (Hive partition folders such as {@code year=2025} are part of a dataset, not datasets).
   */
  private static List<Path> cubeFolders(Path release) {
    List<Path> found = new java.util.ArrayList<>();
    for (Path cubes : subfolders(release)) {
      if (!cubes.getFileName().toString().startsWith("cubes") || !Duck.hasParquet(cubes)) {
        continue;
      }
      List<Path> grids = subfolders(cubes).stream()
          .filter(p -> !p.getFileName().toString().contains("=") && !p.getFileName().toString().startsWith("."))
          .filter(Duck::hasParquet).toList();
      found.addAll(grids.isEmpty() ? List.of(cubes) : grids);
    }
    return found;
  }

  private static List<Path> subfolders(Path dir) {
    try (Stream<Path> list = Files.list(dir)) {
      return list.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }
}
