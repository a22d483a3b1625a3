package org.observatoire.beam.publish;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.io.WKBReader;
import org.observatoire.beam.parquet.ReadParquet;
import org.observatoire.beam.jobs.NightlyJob;
import org.observatoire.core.visits.ProtocolLists;

/**
 * The published files of one real nightly run (embedded Flink, sample submissions of the complete-count protocols and
 * SPIPOLL): GeoParquet 1.1 geometry read by independent readers, rows sorted inside files, DuckDB pruning partitions
 * and pushing the sort-key filter down, and the zero-filled visits.
 */
class PublishedDatasetsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path tmp;

  static Path out;
  static NightlyJob.Result result;

  @BeforeAll
  static void run() throws Exception {
    // STOC edge cases hold an empty visit and sensitive species; the garden edge cases a count with no bird
    Path input = SampleRuns.input(tmp.resolve("in"), List.of("submissions/stoc-eps/valid.jsonl",
        "submissions/stoc-eps/edge.jsonl", "submissions/propage/valid.jsonl",
        "submissions/oiseaux-des-jardins/edge.jsonl", "submissions/spipoll/valid.jsonl"));
    NightlyJob.Options o = SampleRuns.options(input);
    o.setOutput(tmp.resolve("out").toString());
    o.setRunId("layout");
    result = NightlyJob.run(o);
    result.manifest().requireConservation();
    out = result.output();
  }

  private static List<Path> parquet(String dataset) {
    return Duck.parquetFiles(out.resolve(dataset));
  }

  private static List<GenericRecord> rows(Path file) throws Exception {
    return ReadParquet.rows(file);
  }

  private static String geo(Path file) throws Exception {
    return ReadParquet.footer(file).getKeyValueMetaData().get("geo");
  }

  private static List<List<Object>> query(String sql) throws SQLException {
    try (Connection c = Duck.open(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      List<List<Object>> rows = new ArrayList<>();
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          row.add(rs.getObject(i));
        }
        rows.add(row);
      }
      return rows;
    }
  }

  @Test
  void everyOccurrenceFileIsGeoParquet11WithItsOwnBboxAndJtsDecodesThePublishedPoints() throws Exception {
    WKBReader wkb = new WKBReader();
    List<Path> files = parquet("occurrences");
    assertThat(files, not(empty()));
    for (Path f : files) {
      JsonNode geo = JSON.readTree(geo(f));
      assertThat(f + " geo version", geo.path("version").asText(), is("1.1.0"));
      assertThat(geo.path("primary_column").asText(), is("geometry"));
      JsonNode col = geo.path("columns").path("geometry");
      assertThat(col.path("encoding").asText(), is("WKB"));
      assertThat(col.path("geometry_types").toString(), is("[\"Point\"]"));
      assertThat("crs omitted = OGC:CRS84", col.has("crs"), is(false));
      double minX = Double.POSITIVE_INFINITY;
      double minY = Double.POSITIVE_INFINITY;
      double maxX = Double.NEGATIVE_INFINITY;
      double maxY = Double.NEGATIVE_INFINITY;
      for (GenericRecord r : rows(f)) {
        ByteBuffer b = (ByteBuffer) r.get("geometry");
        byte[] bytes = new byte[b.remaining()];
        b.duplicate().get(bytes);
        Geometry g = wkb.read(bytes);
        assertThat(g, org.hamcrest.Matchers.instanceOf(Point.class));
        double lon = (Double) r.get("decimalLongitude");
        double lat = (Double) r.get("decimalLatitude");
        assertThat(g.getCoordinate().x, is(lon));
        assertThat(g.getCoordinate().y, is(lat));
        minX = Math.min(minX, lon);
        minY = Math.min(minY, lat);
        maxX = Math.max(maxX, lon);
        maxY = Math.max(maxY, lat);
      }
      JsonNode bbox = col.path("bbox");
      assertThat(f + " bbox", List.of(bbox.get(0).asDouble(), bbox.get(1).asDouble(), bbox.get(2).asDouble(),
          bbox.get(3).asDouble()), is(List.of(minX, minY, maxX, maxY)));
    }
  }

  @Test
  void duckDbReadsTheGeometryColumnAsGeometryWithoutTheSpatialExtension() throws Exception {
    String occ = Duck.readParquet(out.resolve("occurrences"), true);
    List<List<Object>> types = query("SELECT DISTINCT typeof(geometry) FROM " + occ);
    assertThat(types.toString(), types, is(List.of(List.of("GEOMETRY('OGC:CRS84')"))));
    // ST_AsText is in DuckDB's core since its GEOMETRY type moved there; every point is the published coordinate
    List<List<Object>> points = query("SELECT count(*), count(*) FILTER (WHERE ST_AsText(geometry) = 'POINT ('"
        + " || CAST(decimalLongitude AS VARCHAR) || ' ' || CAST(decimalLatitude AS VARCHAR) || ')') FROM " + occ);
    assertThat(((Number) points.get(0).get(0)).longValue(), greaterThan(0L));
    assertThat(points.get(0).get(1), is(points.get(0).get(0)));
    // the spatial extension itself cannot be downloaded here: its functions are unavailable, not faked
    SQLException e = assertThrows(SQLException.class, () -> query("SELECT ST_X(geometry) FROM " + occ));
    assertThat(e.getMessage(), containsString("spatial extension"));
  }

  @Test
  void rowsAreSortedInsideEachFileByTaxonCellAndDate() throws Exception {
    Comparator<String> nullsLast = Comparator.nullsLast(Comparator.naturalOrder());
    for (Path f : parquet("occurrences")) {
      String[] previous = null;
      for (GenericRecord r : rows(f)) {
        String[] key = new String[NightlyJob.OCCURRENCE_SORT.size()];
        for (int i = 0; i < key.length; i++) {
          Object v = r.get(NightlyJob.OCCURRENCE_SORT.get(i));
          key[i] = v == null ? null : v.toString();
        }
        if (previous != null) {
          int c = 0;
          for (int i = 0; i < key.length && c == 0; i++) {
            c = nullsLast.compare(previous[i], key[i]);
          }
          assertThat(f + ": " + String.join("/", key) + " after " + String.join("/", previous), c, lessThan(1));
        }
        previous = key;
      }
    }
  }

  @Test
  void duckDbPrunesPartitionsAndPushesTheTaxonFilterDown() throws Exception {
    String taxon = (String) query("SELECT scientificName FROM " + Duck.readParquet(out.resolve("occurrences"), true)
        + " WHERE protocol = 'stoc-eps' AND year = 2025 GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1").get(0).get(0);
    int total = parquet("occurrences").size();
    String sql = "EXPLAIN ANALYZE SELECT count(*) FROM " + Duck.readParquet(out.resolve("occurrences"), true)
        + " WHERE protocol = 'stoc-eps' AND year = 2025 AND scientificName = " + Duck.literal(taxon);
    StringBuilder plan = new StringBuilder();
    for (List<Object> row : query(sql)) {
      plan.append(row.get(1)).append('\n');
    }
    System.out.println("DuckDB plan over " + total + " occurrence files:\n" + plan);
    // the plan is drawn in boxes whose line breaks depend on the width: compare its text only
    String p = plan.toString().replaceAll("[\u2500-\u257f]", " ").replaceAll("\\s+", " ");
    assertThat(p, containsString("File Filters: (protocol = 'stoc-eps')(year = 2025)"));
    assertThat(p, containsString("Filters: scientificName = " + Duck.literal(taxon) + " File Filters:"));
    Matcher m = Pattern.compile("Scanning Files: (\\d+)/(\\d+)").matcher(p);
    assertThat(p, m.find(), is(true));
    int scanned = Integer.parseInt(m.group(1));
    assertThat(Integer.parseInt(m.group(2)), is(total));
    int inPartition = Duck.parquetFiles(out.resolve("occurrences/protocol=stoc-eps/year=2025")).size();
    assertThat(scanned, is(inPartition));
    assertThat(scanned, lessThan(total));
  }

  @Test
  void visitsAreZeroFilledPerProtocolListWithEffortAndEventsAreCountedInTheManifest() throws Exception {
    String visits = ReleaseViews.zeroFilledQuery(out);
    String occ = Duck.readParquet(out.resolve("occurrences"), true);
    long events = ((Number) query("SELECT count(*) FROM " + Duck.readParquet(out.resolve("events"), true))
        .get(0).get(0)).longValue();
    JsonNode outputs = JSON.readTree(result.manifest().toJson()).path("outputs");
    assertThat(outputs.toString(), outputs.path("events").path("rows").asLong(), is(events));
    assertThat("zero-filled visits are a view, not a dataset", outputs.has("visits"), is(false));
    assertThat(Files.exists(out.resolve("visits")), is(false));

    // every visit has one row per entry of its package's list: rows = visits x list size, per protocol
    for (List<Object> r : query("SELECT protocol, count(DISTINCT eventID), count(DISTINCT taxonKey), count(*),"
        + " count(*) FILTER (WHERE individualCount = 0) FROM " + visits + " GROUP BY 1 ORDER BY 1")) {
      long v = ((Number) r.get(1)).longValue();
      long t = ((Number) r.get(2)).longValue();
      assertThat(r.toString(), t, is((long) ProtocolLists.bundled().list((String) r.get(0)).size()));
      assertThat(r.toString(), ((Number) r.get(3)).longValue(), is(v * t));
      assertThat(r + " has zeros", ((Number) r.get(4)).longValue(), greaterThan(0L));
    }
    List<Object> protocols = query("SELECT DISTINCT protocol FROM " + visits + " ORDER BY 1").stream()
        .map(r -> r.get(0)).toList();
    assertThat(protocols, is(List.of("oiseaux-des-jardins", "propage", "stoc-eps")));

    // a garden count where nothing was seen is a visit of zeros
    List<List<Object>> nobird = query("SELECT count(*), sum(individualCount), min(durationMinutes) FROM " + visits
        + " WHERE eventID = 'oiseaux-des-jardins:odj.edge.nobird'");
    assertThat(((Number) nobird.get(0).get(0)).longValue(), greaterThan(0L));
    assertThat(((Number) nobird.get(0).get(1)).longValue(), is(0L));
    assertThat(nobird.get(0).get(2), is(60.0));

    // counts equal the occurrences' sums (STOC: over the points of the visit)
    List<List<Object>> mismatches = query("WITH o AS (SELECT protocol, coalesce(parentEventID, eventID) AS eventID,"
        + " taxonKey, sum(coalesce(individualCount, 0)) AS n FROM " + occ + " GROUP BY ALL)"
        + " SELECT v.eventID, v.taxonKey, v.individualCount, o.n FROM " + visits + " v LEFT JOIN o"
        + " ON o.eventID = v.eventID AND o.taxonKey = v.taxonKey"
        + " WHERE v.individualCount <> coalesce(o.n, 0) OR (v.occurrenceStatus = 'present') <> (o.n IS NOT NULL)");
    assertThat(mismatches.toString(), mismatches, is(List.of()));

    // effort columns per protocol
    for (List<Object> r : query("SELECT protocol, count(*) FILTER (WHERE durationMinutes IS NULL),"
        + " count(*) FILTER (WHERE pointCount IS NULL), count(*) FILTER (WHERE transectLengthMeters IS NULL),"
        + " count(*) FROM " + visits + " GROUP BY 1")) {
      long n = ((Number) r.get(4)).longValue();
      assertThat(r.toString(), ((Number) r.get(1)).longValue(), is(0L));
      assertThat(r.toString(), ((Number) r.get(2)).longValue(), is("stoc-eps".equals(r.get(0)) ? 0L : n));
      assertThat(r.toString(), ((Number) r.get(3)).longValue(), is("propage".equals(r.get(0)) ? 0L : n));
    }
  }

  @Test
  void visitsWithASensitiveSpeciesNeverShowAFinerLocationThanItsOccurrence() throws Exception {
    String visits = Duck.readParquet(out.resolve("events"), true);
    String occ = Duck.readParquet(out.resolve("occurrences"), true);
    List<List<Object>> generalised = query("SELECT DISTINCT coalesce(parentEventID, eventID), decimalLatitude,"
        + " decimalLongitude FROM " + occ + " WHERE dataGeneralizations IS NOT NULL AND protocol IN ('stoc-eps',"
        + " 'propage', 'oiseaux-des-jardins')");
    assertThat("the STOC edge samples hold sensitive species", generalised, not(empty()));
    for (List<Object> g : generalised) {
      List<List<Object>> finer = query("SELECT count(*) FROM " + visits + " WHERE eventID = "
          + Duck.literal((String) g.get(0)) + " AND (NOT locationGeneralised OR decimalLatitude <> " + g.get(1)
          + " OR decimalLongitude <> " + g.get(2) + ")");
      assertThat(g.toString(), ((Number) finer.get(0).get(0)).longValue(), is(0L));
    }
  }

  @Test
  void releaseViewsIncludeEventsAndTheZeroFilledVisitsWithTheirPartitions() throws Exception {
    List<String> views = new ArrayList<>();
    try (Connection c = ReleaseViews.open(out, views); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM visits_zerofilled WHERE protocol = 'stoc-eps'"
            + " AND year = 2025")) {
      assertThat(views, hasItem("events"));
      assertThat(views, hasItem("checklists"));
      assertThat(views, hasItem("visits_zerofilled"));
      assertThat(views, not(hasItem("visits")));
      rs.next();
      assertThat(rs.getLong(1), greaterThan(0L));
    }
    assertThat(Files.isDirectory(out.resolve("events/protocol=stoc-eps")), is(true));
  }
}
