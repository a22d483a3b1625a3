package org.observatoire.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatoire.core.geo.Coordinate;
import org.observatoire.core.geo.Projected;
import org.observatoire.core.geo.Reprojector;
import org.observatoire.core.samples.SampleData;

/**
 * The README's main command, end to end: {@code observatoire nightly} on the bundled sample data with the embedded
 * default runner (Flink local), its Parquet outputs read back with DuckDB (an independent reader) and compared with
 * the hand-written expected verdicts; privacy and cube totals checked on what was published.
 */
class NightlyEndToEndTest {
  @TempDir static Path tmp;
  static Path out;
  static Path restricted;
  static JsonNode manifest;
  static int exitCode;

  @BeforeAll
  static void runNightlyOnSampleData() throws Exception {
    out = tmp.resolve("out");
    restricted = tmp.resolve("restricted");
    exitCode = Observatoire.commandLine().execute("nightly", "--input", SampleData.root().toString(),
        "--output", out.toString(), "--restricted-output", restricted.toString(),
        "--reference-time", "2026-11-23T00:00:00Z", "--sample-pseudonym-key", "--parallelism", "2");
    manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
  }

  @Test
  void runSucceedsAndTheManifestProvesConservation() {
    assertThat(exitCode, is(0));
    assertThat(manifest.at("/conservation/holds").asBoolean(), is(true));
    Map<String, Long> byVerdict = new TreeMap<>();
    SampleData.verdicts().forEach(v -> byVerdict.merge(v.verdict(), 1L, Long::sum));
    assertThat(manifest.at("/totals/curatedSubmissions").asLong(), equalTo(byVerdict.get("curated")));
    assertThat(manifest.at("/totals/rejected").asLong(), equalTo(byVerdict.get("rejected")));
    assertThat(manifest.at("/totals/duplicates").asLong(), equalTo(byVerdict.get("duplicate")));
    assertThat(manifest.at("/totals/linesRead").asLong(), equalTo((long) SampleData.verdicts().size()));
    assertThat(manifest.at("/run/runner").asText(), equalTo("FlinkRunner"));
    assertThat(manifest.path("inputs").size(), equalTo(20));
    manifest.path("inputs").forEach(f -> assertThat(f.path("sha256").asText().length(), equalTo(64)));
  }

  @Test
  void curatedRowsPerSubmissionMatchTheExpectedVerdicts() throws SQLException {
    Map<String, Long> expected = new TreeMap<>();
    SampleData.verdicts().stream().filter(v -> v.verdict().equals("curated") && v.occurrences() > 0)
        .forEach(v -> expected.put(v.submissionId(), (long) v.occurrences()));
    Map<String, Long> actual = new TreeMap<>();
    // a generalised event's public ids are opaque: its submission is found through the restricted locations
    for (Map<String, Object> r : query("SELECT CASE WHEN l.eventID IS NULL THEN o.submissionId"
        + " ELSE regexp_extract(l.eventID, '^[^:]+:([^/]+)', 1) END AS submissionId, count(*) AS n FROM "
        + files("occurrences") + " o LEFT JOIN read_parquet('" + restricted + "/locations/*.parquet') l"
        + " ON o.occurrenceID = l.publishedOccurrenceID GROUP BY 1")) {
      actual.put((String) r.get("submissionId"), (Long) r.get("n"));
    }
    assertThat(actual, equalTo(expected));
    List<Map<String, Object>> dupIds = query("SELECT count(*) - count(DISTINCT occurrenceID) AS d FROM "
        + files("occurrences"));
    assertThat(dupIds.get(0).get("d"), equalTo(0L));
  }

  @Test
  void rejectedAndDuplicateLinesAreTheExpectedOnesWithTheirReasons() throws SQLException {
    Map<String, List<String>> rejected = new TreeMap<>();
    for (Map<String, Object> r : query("SELECT sourceFile, sourceLine, array_to_string(violationCodes, ',') AS c FROM "
        + files("rejected"))) {
      rejected.put(r.get("sourceFile") + ":" + r.get("sourceLine"), List.of(r.get("c").toString().split(",")));
    }
    Set<String> duplicates = new TreeSet<>();
    for (Map<String, Object> r : query("SELECT sourceFile, sourceLine FROM " + files("duplicates"))) {
      duplicates.add(r.get("sourceFile") + ":" + r.get("sourceLine"));
    }
    Set<String> expectedRejected = new TreeSet<>();
    Set<String> expectedDuplicates = new TreeSet<>();
    for (SampleData.Verdict v : SampleData.verdicts()) {
      String key = v.file() + ":" + v.line();
      if (v.verdict().equals("rejected")) {
        expectedRejected.add(key);
        for (String code : v.codes()) {
          assertThat(key, rejected.get(key), hasItem(code));
        }
      } else if (v.verdict().equals("duplicate")) {
        expectedDuplicates.add(key);
      }
    }
    assertThat(rejected.keySet(), equalTo(expectedRejected));
    assertThat(duplicates, equalTo(expectedDuplicates));
  }

  @Test
  void noObserverNameOrEmailReachesAnyPublicOutput() throws Exception {
    Set<String> personal = new TreeSet<>();
    ObjectMapper mapper = new ObjectMapper();
    try (Stream<Path> files = Files.walk(SampleData.root())) {
      for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).toList()) {
        for (String line : Files.readAllLines(f, StandardCharsets.ISO_8859_1)) {
          try {
            JsonNode observer = mapper.readTree(new String(line.getBytes(StandardCharsets.ISO_8859_1),
                StandardCharsets.UTF_8)).path("observer");
            for (String field : List.of("name", "email")) {
              if (observer.path(field).isTextual() && observer.path(field).asText().length() > 3) {
                personal.add(observer.path(field).asText());
              }
            }
          } catch (Exception notJson) {
            // malformed lines are part of the sample; they have no observer to collect
          }
        }
      }
    }
    assertThat(personal.size() > 20, is(true));
    List<String> leaks = new ArrayList<>();
    try (Stream<Path> files = Files.walk(out)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String text = f.toString().endsWith(".parquet") ? allValuesAsText(f)
            : new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
        for (String p : personal) {
          if (text.contains(p)) {
            leaks.add(out.relativize(f) + " contains " + p);
          }
        }
      }
    }
    assertThat(leaks, empty());
    // the restricted output does hold the raw lines, names included: that is where they belong
    assertThat(allValuesAsText(restricted.resolve("rejected-raw")).isEmpty(), is(false));
  }

  @Test
  void sensitiveSpeciesArePublishedNoFinerThanTheirGeneralisation() throws SQLException {
    List<Map<String, Object>> rows = query("SELECT decimalLatitude AS lat, decimalLongitude AS lon, "
        + "dataGeneralizations AS g, coordinateUncertaintyInMeters AS u FROM " + files("occurrences")
        + " WHERE scientificName IN ('Circus pygargus', 'Bubo bubo')");
    // the sample's two raptors and the eagle owl of the privacy reproducers
    assertThat(rows.size(), equalTo(3));
    Reprojector sis = Reprojector.sis();
    for (Map<String, Object> r : rows) {
      assertThat(r.get("g") != null, is(true));
      Projected p = sis.toLambert93(Coordinate.of((Double) r.get("lat"), (Double) r.get("lon")));
      // the public point is the centre of a 10 km Lambert-93 cell (5 decimals of a degree: within ~1 m)
      assertThat(Math.abs(Math.floorMod(Math.round(p.x()), 10_000L) - 5_000L), lessThan(2L));
      assertThat(Math.abs(Math.floorMod(Math.round(p.y()), 10_000L) - 5_000L), lessThan(2L));
      assertThat((Double) r.get("u") >= 7_071, is(true));
    }
    // every generalised row (the sensitive ones, the other rows of their events and of their sites' visits) has
    // its full-precision location in the restricted output, and only those
    List<Map<String, Object>> full = query("SELECT count(*) AS n FROM read_parquet('" + restricted
        + "/locations/*.parquet')");
    List<Map<String, Object>> generalised = query("SELECT count(*) AS n FROM " + files("occurrences")
        + " WHERE dataGeneralizations IS NOT NULL");
    assertThat(full.get(0).get("n"), equalTo(generalised.get(0).get("n")));
    assertThat((Long) generalised.get(0).get("n") > 3, is(true));
  }

  @Test
  void cubeTotalsEqualTheCuratedOccurrencesGroupedIndependently() throws SQLException {
    String curated = "SELECT taxonKey, protocol, CAST(year AS INTEGER) AS year, count(*) AS n FROM "
        + files("occurrences") + " WHERE taxonKey IS NOT NULL GROUP BY ALL";
    for (String grid : List.of("inpn10km", "eea10km", "eea1km")) {
      String cube = "SELECT taxonKey, protocol, year, sum(occurrences) AS n FROM read_parquet('" + out + "/cubes/"
          + grid + "/*.parquet') GROUP BY ALL";
      List<Map<String, Object>> diff = query("(" + curated + " EXCEPT " + cube + ") UNION ALL (" + cube + " EXCEPT "
          + curated + ")");
      assertThat(grid, diff, empty());
      List<Map<String, Object>> effort = query("SELECT count(*) AS bad FROM read_parquet('" + out + "/cubes/" + grid
          + "/*.parquet') WHERE higherTaxonOccurrences < occurrences OR distinctVisits < 1 OR distinctObservers < 1"
          + " OR distinctVisits > occurrences");
      assertThat(grid, effort.get(0).get("bad"), equalTo(0L));
    }
  }

  private static String files(String dataset) {
    return "read_parquet('" + out.resolve(dataset) + "/**/*.parquet', hive_partitioning = true)";
  }

  private static String allValuesAsText(Path parquetFileOrDir) throws SQLException {
    String glob = Files.isDirectory(parquetFileOrDir) ? parquetFileOrDir + "/*.parquet" : parquetFileOrDir.toString();
    StringBuilder sb = new StringBuilder();
    for (Map<String, Object> r : query("SELECT * FROM read_parquet('" + glob + "')")) {
      for (Object v : r.values()) {
        if (v instanceof byte[] b) {
          sb.append(new String(b, StandardCharsets.UTF_8));
        } else {
          sb.append(v);
        }
        sb.append('\u0001');
      }
    }
    return sb.toString();
  }

  static List<Map<String, Object>> query(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      List<Map<String, Object>> rows = new ArrayList<>();
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        Map<String, Object> row = new HashMap<>();
        for (int i = 1; i <= n; i++) {
          row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
        }
        rows.add(row);
      }
      return rows;
    }
  }
}
