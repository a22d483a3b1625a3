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
 * A DuckDB connection with one view per dataset of a release: {@code occurrences} (Hive partitions {@code protocol}
 * and {@code year} as columns), {@code rejected}, {@code duplicates}, {@code dead_letter}, and a {@code cubes_*}
 * view for every {@code cubes*} folder. A declared dataset without files is an empty view with its columns.
 */
public final class ReleaseViews {
  private ReleaseViews() {}

  /** Opens DuckDB over {@code release}; returns the connection and the views created. */
  public static Connection open(Path release, List<String> viewsOut) {
    Connection c = Duck.open();
    try (Statement s = c.createStatement()) {
      Map<String, List<String>> declared = NightlyDatasets.declaredColumns();
      for (String dataset : List.of("occurrences", "rejected", "duplicates", "dead-letter")) {
        String view = viewName(dataset);
        Path dir = release.resolve(dataset);
        if (Duck.hasParquet(dir)) {
          s.execute("CREATE VIEW " + view + " AS SELECT * FROM " + Duck.readParquet(dir, "occurrences".equals(dataset)));
        } else {
          List<String> cols = new ArrayList<>(declared.getOrDefault(dataset, List.of("empty")));
          if ("occurrences".equals(dataset)) {
            cols.addAll(List.of("protocol", "year"));
          }
          s.execute("CREATE VIEW " + view + " AS SELECT " + String.join(", ", cols.stream()
              .map(col -> "NULL::VARCHAR AS " + Duck.ident(col)).toList()) + " WHERE false");
        }
        viewsOut.add(view);
      }
      for (Path cubes : cubeFolders(release)) {
        String view = viewName(cubes.getFileName().toString());
        s.execute("CREATE VIEW " + view + " AS SELECT * FROM " + Duck.readParquet(cubes, true));
        viewsOut.add(view);
      }
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

  /** A dataset folder's view name: lower case, '-' and other punctuation as '_'. */
  static String viewName(String folder) {
    return folder.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
  }

  private static List<Path> cubeFolders(Path release) {
    try (Stream<Path> list = Files.list(release)) {
      return list.filter(Files::isDirectory).filter(p -> p.getFileName().toString().startsWith("cubes"))
          .filter(Duck::hasParquet).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + release, e);
    }
  }
}
