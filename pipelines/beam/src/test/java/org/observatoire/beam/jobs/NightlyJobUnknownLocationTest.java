package org.observatoire.beam.jobs;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatoire.beam.parquet.ReadParquet;
import org.observatoire.beam.publish.ReleaseViews;
import org.observatoire.beam.publish.DwcaExport;
import org.observatoire.beam.publish.NightlyDatasets;
import org.observatoire.beam.publish.QualityReport;
import org.observatoire.beam.publish.ReleaseVerifier;
import org.observatoire.core.samples.SampleData;
import org.observatoire.core.visits.ProtocolLists;

/**
 * A Propage submission as real exports give it, with no site id, no coordinates and no observer, goes through the
 * nightly job (DirectRunner) beside ordinary ones: curated, not rejected nor dead-lettered; its occurrences and its
 * zero-filled visit are published with null coordinates, geometry and cells and the LOCATION_UNKNOWN and
 * OBSERVER_UNKNOWN flags; conservation holds and the cubes hold exactly the located rows.
 * The Propage package's schema accepts such submissions, as the Propage export produces them.
 */
class NightlyJobUnknownLocationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String UNLOCATED = "propage.2025.t0001.p2";

  @TempDir static Path tmp;
  private static NightlyJob.Result result;
  private static Path out;
  private static int unlocatedObservations;

  @BeforeAll
  static void run() throws Exception {
    Path in = Files.createDirectories(tmp.resolve("in"));
    List<String> propage = Files.readAllLines(SampleData.root().resolve("submissions/propage/valid.jsonl"));
    ObjectNode unlocated = (ObjectNode) JSON.readTree(propage.get(1));
    assertThat(unlocated.path("submissionId").asText(), is(UNLOCATED));
    ((ObjectNode) unlocated.get("site")).remove(List.of("id", "latitude", "longitude"));
    unlocated.remove("observer");
    // a bird the shared reference checklist matches, off the Propage list: a row of the cubes to leave out
    ((com.fasterxml.jackson.databind.node.ArrayNode) unlocated.get("observations")).addObject()
        .put("count", 2).putObject("taxon").put("taxrefId", 3764).put("scientificName", "Parus major");
    unlocatedObservations = unlocated.get("observations").size();
    Files.writeString(in.resolve("propage.jsonl"),
        propage.get(0) + "\n" + JSON.writeValueAsString(unlocated) + "\n" + propage.get(2) + "\n",
        StandardCharsets.UTF_8);
    Files.copy(SampleData.root().resolve("submissions/stoc-eps/valid.jsonl"), in.resolve("stoc-eps.jsonl"));

    out = tmp.resolve("out");
    NightlyJob.Options options = PipelineOptionsFactory.fromArgs(
        "--input=" + in, "--output=" + out, "--referenceTime=2026-11-23T00:00:00Z",
        "--samplePseudonymKey=true").as(NightlyJob.Options.class);
    options.setRunner(DirectRunner.class);
    result = NightlyJob.run(options);
  }

  @Test
  void theSubmissionIsCuratedAndConservationHolds() {
    JsonNode m = result.manifest().json();
    assertThat(m.at("/conservation/problems").toString(), result.manifest().conservationHolds(), is(true));
    JsonNode propage = m.path("protocols").path("propage");
    assertThat(propage.path("curatedSubmissions").asLong(), equalTo(3L));
    assertThat(propage.path("rejected").asLong(), equalTo(0L));
    assertThat(m.at("/totals/deadLettered").asLong(), equalTo(0L));
    assertThat(propage.path("occurrenceRowsWithoutLocation").asLong(), equalTo((long) unlocatedObservations));
    assertThat(propage.path("occurrenceRowsWithoutObserver").asLong(), equalTo((long) unlocatedObservations));
    assertThat(m.at("/totals/occurrenceRowsWithoutLocation").asLong(), equalTo((long) unlocatedObservations));
    assertThat(m.path("protocols").path("stoc-eps").path("occurrenceRowsWithoutLocation").asLong(), equalTo(0L));
  }

  @Test
  void itsOccurrencesArePublishedWithNullLocationObserverAndTheFlags() throws Exception {
    List<Map<String, Object>> rows = Parquet.query("SELECT decimalLatitude, decimalLongitude, geometry, locationID,"
        + " recordedBy, eea10km, inpn10km, eea1km, departementCode, regionCode,"
        + " list_contains(flags, 'LOCATION_UNKNOWN') AS noPlace, list_contains(flags, 'OBSERVER_UNKNOWN') AS noObserver"
        + " FROM " + Parquet.files(out.resolve("occurrences")) + " WHERE submissionId = '" + UNLOCATED + "'");
    assertThat(rows.size(), is(unlocatedObservations));
    for (Map<String, Object> r : rows) {
      for (String column : List.of("decimalLatitude", "decimalLongitude", "geometry", "locationID", "recordedBy",
          "eea10km", "inpn10km", "eea1km", "departementCode", "regionCode")) {
        assertThat(column, r.get(column), nullValue());
      }
      assertThat(r.get("noPlace"), equalTo(true));
      assertThat(r.get("noObserver"), equalTo(true));
    }
    // the others keep their place, observer pseudonym and point, without the flags
    List<Map<String, Object>> others = Parquet.query("SELECT count(*) AS n,"
        + " count(*) FILTER (WHERE geometry IS NULL OR decimalLatitude IS NULL OR recordedBy IS NULL"
        + " OR eea10km IS NULL OR list_contains(flags, 'LOCATION_UNKNOWN')"
        + " OR list_contains(flags, 'OBSERVER_UNKNOWN')) AS unknown"
        + " FROM " + Parquet.files(out.resolve("occurrences")) + " WHERE submissionId <> '" + UNLOCATED + "'");
    assertThat((Long) others.get(0).get("n"), greaterThan(0L));
    assertThat(others.get(0).get("unknown"), equalTo(0L));
  }

  @Test
  void itsVisitIsZeroFilledWithNullCoordinatesCellsAndGeometry() throws Exception {
    List<Map<String, Object>> rows = Parquet.query("SELECT count(*) AS n,"
        + " count(*) FILTER (WHERE decimalLatitude IS NULL AND decimalLongitude IS NULL AND geometry IS NULL"
        + " AND eea10km IS NULL AND inpn10km IS NULL AND locationID IS NULL) AS unlocated,"
        + " count(*) FILTER (WHERE occurrenceStatus = 'present') AS present,"
        + " sum(individualCount) AS individuals, max(transectLengthMeters) AS transect"
        + " FROM " + ReleaseViews.zeroFilledQuery(out) + " WHERE eventID = 'propage:" + UNLOCATED + "'");
    Map<String, Object> r = rows.get(0);
    // one row per entry of the Propage list; present and counted: the visit's occurrences of listed taxa
    assertThat((Long) r.get("n"), equalTo((long) ProtocolLists.bundled().list("propage").size()));
    assertThat(r.get("unlocated"), equalTo(r.get("n")));
    ProtocolLists lists = ProtocolLists.bundled();
    long listed = 0;
    long listedIndividuals = 0;
    for (Map<String, Object> o : Parquet.query("SELECT taxonKey, individualCount FROM "
        + Parquet.files(out.resolve("occurrences")) + " WHERE eventID = 'propage:" + UNLOCATED + "'")) {
      if (lists.listKey("propage", (String) o.get("taxonKey")) != null) {
        listed++;
        listedIndividuals += ((Number) o.get("individualCount")).longValue();
      }
    }
    assertThat("the unlocated visit reports listed taxa", listed, greaterThan(0L));
    assertThat(r.get("present"), equalTo(listed));
    assertThat(((Number) r.get("individuals")).longValue(), equalTo(listedIndividuals));
    assertThat(r.get("transect"), notNullValue());
    List<Map<String, Object>> located = Parquet.query("SELECT count(*) FILTER (WHERE geometry IS NULL) AS nulls"
        + " FROM " + ReleaseViews.zeroFilledQuery(out) + " WHERE eventID <> 'propage:" + UNLOCATED + "'");
    assertThat(located.get(0).get("nulls"), equalTo(0L));
  }

  @Test
  void theGeoParquetBboxCoversTheNonNullPointsOfEachFile() throws Exception {
    for (String dataset : List.of("occurrences", "events")) {
      List<Path> files;
      try (Stream<Path> walk = Files.walk(out.resolve(dataset))) {
        files = walk.filter(p -> p.toString().endsWith(".parquet")).toList();
      }
      assertThat(files, not(empty()));
      for (Path f : files) {
        JsonNode geo = JSON.readTree(ReadParquet.footer(f).getKeyValueMetaData().get("geo"));
        assertThat(geo.path("primary_column").asText(), is("geometry"));
        JsonNode bbox = geo.at("/columns/geometry/bbox");
        Map<String, Object> extent = Parquet.query("SELECT min(decimalLongitude) AS w, min(decimalLatitude) AS s,"
            + " max(decimalLongitude) AS e, max(decimalLatitude) AS n FROM read_parquet('" + f + "')").get(0);
        if (extent.get("w") == null) {
          assertThat(f + ": only null points, so no bbox", bbox.isMissingNode(), is(true));
          continue;
        }
        assertThat(bbox.size(), is(4));
        assertThat(bbox.get(0).asDouble(), closeTo((Double) extent.get("w"), 1e-9));
        assertThat(bbox.get(1).asDouble(), closeTo((Double) extent.get("s"), 1e-9));
        assertThat(bbox.get(2).asDouble(), closeTo((Double) extent.get("e"), 1e-9));
        assertThat(bbox.get(3).asDouble(), closeTo((Double) extent.get("n"), 1e-9));
      }
    }
  }

  @Test
  void cubesHoldExactlyTheRowsWithATaxonAndALocation() throws Exception {
    long cubable = (Long) Parquet.query("SELECT count(*) AS n FROM " + Parquet.files(out.resolve("occurrences"))
        + " WHERE taxonKey IS NOT NULL AND decimalLatitude IS NOT NULL").get(0).get("n");
    long withTaxon = (Long) Parquet.query("SELECT count(*) AS n FROM " + Parquet.files(out.resolve("occurrences"))
        + " WHERE taxonKey IS NOT NULL").get(0).get("n");
    assertThat("some unlocated rows have a taxon, so the cubes must leave rows out", withTaxon,
        greaterThan(cubable));
    for (String grid : List.of("inpn10km", "eea10km", "eea1km")) {
      Object cubed = Parquet.query("SELECT sum(occurrences) AS n FROM read_parquet('"
          + out.resolve("cubes").resolve(grid).toAbsolutePath() + "/**/*.parquet')").get(0).get("n");
      assertThat(grid, ((Number) cubed).longValue(), equalTo(cubable));
    }
  }

  /** The streaming output's compaction (DuckDB rewrites the files, geometry included) keeps the null points. */
  @Test
  void compactionKeepsTheRowsWithoutAPoint() throws Exception {
    Path compacted = tmp.resolve("compacted");
    org.observatoire.beam.publish.CompactStreamOutput.Result r =
        org.observatoire.beam.publish.CompactStreamOutput.compact(List.of(out), compacted);
    assertThat(r.rowsOut(), equalTo(result.manifest().json().at("/totals/occurrenceRows").asLong()));
    Map<String, Object> row = Parquet.query("SELECT count(*) AS n, count(*) FILTER (WHERE geometry IS NULL"
        + " AND decimalLatitude IS NULL) AS unlocated FROM " + Parquet.files(compacted.resolve("occurrences"))
        + " WHERE submissionId = '" + UNLOCATED + "'").get(0);
    assertThat(row.get("n"), equalTo((long) unlocatedObservations));
    assertThat(row.get("unlocated"), equalTo((long) unlocatedObservations));
  }

  @Test
  void theReleaseVerifierQualityReportAndDarwinCoreArchiveReadTheNulls() throws Exception {
    assertThat(ReleaseVerifier.of(NightlyDatasets.declaredColumns()).problems(out), empty());
    String html = Files.readString(QualityReport.write(out), StandardCharsets.UTF_8);
    assertThat(html, containsString(unlocatedObservations + " without a known location"));
    assertThat(html, containsString("LOCATION_UNKNOWN"));
    DwcaExport.Summary dwca = DwcaExport.export(out, tmp.resolve("dwca.zip"), DwcaExport.Metadata.defaults());
    long total = result.manifest().json().at("/totals/occurrenceRows").asLong();
    assertThat(dwca.occurrences(), equalTo(total));
    try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(tmp.resolve("dwca.zip").toFile())) {
      String eml = new String(zip.getInputStream(zip.getEntry("eml.xml")).readAllBytes(), StandardCharsets.UTF_8);
      assertThat(eml, containsString("<westBoundingCoordinate>"));
      String events = new String(zip.getInputStream(zip.getEntry("event.txt")).readAllBytes(),
          StandardCharsets.UTF_8);
      List<String> header = List.of(events.lines().findFirst().orElseThrow().split("\t", -1));
      int lat = header.indexOf("decimalLatitude");
      List<String> unlocatedEvent = events.lines().filter(l -> l.startsWith("propage:" + UNLOCATED + "\t"))
          .toList();
      assertThat(unlocatedEvent.size(), is(1));
      assertThat(unlocatedEvent.get(0).split("\t", -1)[lat], is(""));
    }
  }
}
