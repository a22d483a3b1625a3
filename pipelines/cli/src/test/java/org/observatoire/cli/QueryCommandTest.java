package org.observatoire.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class QueryCommandTest {
  @TempDir
  Path tmp;

  private record Run(int code, String out, String err) {}

  private static Run query(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Observatoire.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    String[] full = new String[args.length + 1];
    full[0] = "query";
    System.arraycopy(args, 0, full, 1, args.length);
    int code = cli.execute(full);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void namedViewsOverTheCurrentRelease() {
    Run r = query("--catalog", PublishedSample.catalog().toString(), "--format", "csv",
        "SELECT view_name FROM duckdb_views() WHERE NOT internal ORDER BY view_name");
    assertThat(r.err(), r.code(), is(0));
    assertThat(r.out(), is("view_name\r\nchecklists\r\ncubes_eea10km\r\ncubes_eea1km\r\ncubes_inpn10km\r\n"
        + "dead_letter\r\nduplicates\r\nevents\r\noccurrences\r\nrejected\r\nvisits_zerofilled\r\n"));
  }

  @Test
  void occurrencesHavePartitionColumnsAndTheManifestCounts() throws Exception {
    Run r = query("--catalog", PublishedSample.catalog().toString(), "--format", "csv",
        "SELECT protocol, count(*) AS n, min(year) >= 2000 AS years FROM occurrences GROUP BY ALL ORDER BY protocol");
    assertThat(r.err(), r.code(), is(0));
    Map<String, Long> expected = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = PublishedSample.manifest().path("protocols").fields();
        it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().path("occurrenceRows").asLong() > 0) {
        expected.put(e.getKey(), e.getValue().path("occurrenceRows").asLong());
      }
    }
    StringBuilder csv = new StringBuilder("protocol,n,years\r\n");
    expected.forEach((p, n) -> csv.append(p).append(',').append(n).append(",true\r\n"));
    assertThat(r.out(), is(csv.toString()));
  }

  @Test
  void rejectedAndDuplicatesAreQueryable() throws Exception {
    JsonNode totals = PublishedSample.manifest().path("totals");
    Run r = query("--catalog", PublishedSample.catalog().toString(), "--format", "csv",
        "SELECT (SELECT count(*) FROM rejected) AS rejected, (SELECT count(*) FROM duplicates) AS duplicates,"
            + " (SELECT count(*) FROM dead_letter) AS dead");
    assertThat(r.err(), r.code(), is(0));
    assertThat(r.out(), is("rejected,duplicates,dead\r\n" + totals.path("rejected").asLong() + ","
        + totals.path("duplicates").asLong() + ",0\r\n"));
  }

  @Test
  void tableAndParquetOutputs() throws Exception {
    Run table = query("--catalog", PublishedSample.catalog().toString(),
        "SELECT 'stoc-eps' AS protocol, 2 AS n");
    assertThat(table.out(), containsString("protocol | n\n-------- | -\nstoc-eps | 2\n(1 row)"));
    Path parquet = tmp.resolve("q.parquet");
    Run p = query("--catalog", PublishedSample.catalog().toString(), "--release", PublishedSample.RELEASE,
        "--format", "parquet", "--output", parquet.toString(), "SELECT * FROM occurrences WHERE protocol = 'stoc-eps'");
    assertThat(p.err(), p.code(), is(0));
    long expected = PublishedSample.manifest().path("protocols").path("stoc-eps").path("occurrenceRows").asLong();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM read_parquet('" + parquet + "')")) {
      rs.next();
      assertThat(rs.getLong(1), is(expected));
    }
  }

  @Test
  void cubeFoldersBecomeViews() throws Exception {
    Path root = tmp.resolve("catalog");
    Path cubes = root.resolve("releases/c1/cubes-taxon-cell-year/year=2025");
    Files.createDirectories(cubes);
    Files.writeString(root.resolve("current"), "c1\n");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
      s.execute("COPY (SELECT * FROM (VALUES ('PARMAJ', '10kmE428N267', 3), ('ERIRUB', '10kmE428N267', 1))"
          + " t(taxon, cell, occurrences)) TO '" + cubes.resolve("part-0.parquet") + "' (FORMAT parquet)");
    }
    Run r = query("--catalog", root.toString(), "--format", "csv",
        "SELECT taxon, occurrences, year FROM cubes_taxon_cell_year ORDER BY taxon");
    assertThat(r.err(), r.code(), is(0));
    assertThat(r.out(), is("taxon,occurrences,year\r\nERIRUB,1,2025\r\nPARMAJ,3,2025\r\n"));
    Run empty = query("--catalog", root.toString(), "--format", "csv", "SELECT count(*) AS n FROM occurrences");
    assertThat(empty.out(), is("n\r\n0\r\n"));
  }

  @Test
  void anUnknownReleaseOrBadSqlFailsClearly() {
    Run unknown = query("--catalog", PublishedSample.catalog().toString(), "--release", "nope", "SELECT 1");
    assertThat(unknown.code(), is(UserErrors.USAGE));
    assertThat(unknown.err(), containsString("no release nope"));
    Run bad = query("--catalog", PublishedSample.catalog().toString(), "SELECT * FROM nowhere");
    assertThat(bad.code(), is(2));
    assertThat(bad.err(), containsString("nowhere"));
    assertThat(List.of(bad.err().split("\n")).get(1), containsString("views: [occurrences, events, checklists, rejected"));
  }
}
