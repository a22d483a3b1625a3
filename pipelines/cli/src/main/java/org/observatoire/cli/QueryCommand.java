package org.observatoire.cli;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.observatoire.beam.publish.QueryOutput;
import org.observatoire.beam.publish.ReleaseCatalog;
import org.observatoire.beam.publish.ReleaseViews;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code observatoire query}: SQL (DuckDB) over a published release's datasets. */
@Command(
    name = "query",
    mixinStandardHelpOptions = true,
    description = {
        "Run SQL (DuckDB) over the current release, or another one with --release.",
        "Views: occurrences and events (with protocol and year from the partitions), checklists, rejected,",
        "duplicates, dead_letter, cubes_* for every cubes folder of the release, and visits_zerofilled",
        "(complete-list visits x their list's taxa, absences with 0: see docs/events.md)."})
public final class QueryCommand implements Callable<Integer> {
  @Option(names = "--catalog", required = true, description = "Release catalog root.")
  Path catalog;

  @Option(names = "--release", description = "Release id. Default: the current release.")
  String release;

  @Option(names = "--format", defaultValue = "table",
      description = "csv, table or parquet (parquet needs --output). Default: ${DEFAULT-VALUE}.")
  QueryOutput.Format format;

  @Option(names = "--output", description = "Write the result to this file instead of standard output.")
  Path output;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SQL", description = "The query, e.g. \"SELECT protocol, count(*) FROM"
      + " occurrences GROUP BY ALL\".")
  String sql;

  @Override
  public Integer call() throws SQLException {
    Path dir = ReleaseCatalog.existing(catalog).releaseOrCurrent(release);
    List<String> views = new ArrayList<>();
    try (Connection c = ReleaseViews.open(dir, views)) {
      long rows = QueryOutput.write(c, sql, format, output, spec.commandLine().getOut());
      if (output != null) {
        System.err.println(rows + " rows written to " + output + " (release " + dir.getFileName() + ")");
      }
    } catch (SQLException e) {
      spec.commandLine().getErr().println("query failed: " + e.getMessage().lines().findFirst().orElse("")
          + "\nviews: " + views);
      return 2;
    }
    return 0;
  }
}
