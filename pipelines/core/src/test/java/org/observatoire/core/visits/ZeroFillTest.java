package org.observatoire.core.visits;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.util.List;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.observatoire.core.geo.CellAssigner;
import org.observatoire.core.samples.SampleData;

class ZeroFillTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ZeroFill FILL = ZeroFill.with(CellAssigner.create(0));
  private static final List<ListedTaxon> LIST = List.of(
      new ListedTaxon("taxref:3764", "Parus major", "Mésange charbonnière"),
      new ListedTaxon("taxref:4001", "Erithacus rubecula", "Rougegorge familier"),
      new ListedTaxon("taxref:4117", "Turdus merula", "Merle noir"));

  private static JsonNode sample(String protocol, String file, String submissionId) throws Exception {
    for (String line : SampleData.readLines(SampleData.root().resolve("submissions/" + protocol + "/" + file))) {
      JsonNode doc = JSON.readTree(line);
      if (submissionId.equals(doc.path("submissionId").asText())) {
        return doc;
      }
    }
    throw new AssertionError("no sample submission " + submissionId);
  }

  private static final org.observatoire.core.protocol.ProtocolPackages PKG =
      org.observatoire.core.protocol.ProtocolPackages.bundled();

  @Test
  void describesAStocVisitWithItsPointsAndDuration() throws Exception {
    JsonNode doc = sample("stoc-eps", "edge.jsonl", "stoc-eps.edge.empty");
    Visit v = Visits.describe(doc, PKG.require("stoc-eps"), "stoc-eps.edge.empty");
    assertThat(v.eventID(), is("stoc-eps:stoc-eps.edge.empty"));
    assertThat(v.locationID(), is("STOC-510210"));
    assertThat(v.eventDate(), is("2025-04-01"));
    assertThat(v.pointCount(), is(doc.at("/visit/points").size()));
    assertThat(v.durationMinutes(), is(5.0 * doc.at("/visit/points").size()));
    assertThat(v.transectLengthMeters(), nullValue());
  }

  @Test
  void describesPropageAndGardenEffortAndPresenceOnlyVisitsWithoutAList() throws Exception {
    Visit p = Visits.describe(sample("propage", "edge.jsonl", "propage.edge.june01"), PKG.require("propage"), "propage.edge.june01");
    assertThat(p.transectLengthMeters(), is(150));
    assertThat(p.durationMinutes(), is(10.0));
    Visit g = Visits.describe(sample("oiseaux-des-jardins", "edge.jsonl", "odj.edge.nobird"), PKG.require("oiseaux-des-jardins"),
        "odj.edge.nobird");
    assertThat(g.durationMinutes(), is(60.0));
    assertThat(g.pointCount(), nullValue());
    assertThat(p.completeList(), is(true));
    assertThat(p.samplingProtocol(), is("Propage butterfly transect (10 min), Vigie-Nature"));
    String chiro = "vigiechiro.2025.ped.0001";
    Visit night = Visits.describe(sample("vigie-chiro", "valid.jsonl", chiro), PKG.require("vigie-chiro"), chiro);
    assertThat(night.completeList(), is(false));
    assertThat(night.eventDate(), is("2025-06-24"));
    assertThat(night.startTime(), is("21:50"));
    assertThat(night.sampleSizeMinutes(), is(95.0));
    assertThat(night.durationMinutes(), nullValue());
    assertThat(night.samplingEffort(), is("pedestrian survey, 95 minutes"));
  }

  @Test
  void aVisitWithNothingSeenIsAllZerosAtItsSite() throws Exception {
    Visit v = Visits.describe(sample("oiseaux-des-jardins", "edge.jsonl", "odj.edge.nobird"), PKG.require("oiseaux-des-jardins"),
        "odj.edge.nobird");
    List<ZeroFill.Row> rows = FILL.rows(v, List.of(), LIST);
    assertThat(rows.stream().map(r -> r.taxon().taxonKey()).toList(),
        contains("taxref:3764", "taxref:4001", "taxref:4117"));
    assertThat(rows.stream().map(ZeroFill.Row::individualCount).toList(), everyItem(is(0)));
    assertThat(rows.stream().map(ZeroFill.Row::present).toList(), everyItem(is(false)));
    assertThat(rows.get(0).decimalLatitude(), is(v.siteLatitude()));
    assertThat(rows.get(0).eea10km(), Matchers.startsWith("10kmE"));
  }

  @Test
  void countsAreSummedPerTaxonAndUnlistedTaxaGetNoRow() throws Exception {
    Visit v = Visits.describe(sample("stoc-eps", "edge.jsonl", "stoc-eps.edge.empty"), PKG.require("stoc-eps"), "e");
    List<ZeroFill.Row> rows = FILL.rows(v, List.of(
        new Observed("taxref:3764", 2, 49.1, 4.1, null, false),
        new Observed("taxref:3764", 3, 49.2, 4.2, null, false),
        new Observed("taxref:4117", null, 49.2, 4.2, null, false),
        new Observed("taxref:999999", 7, 49.2, 4.2, null, false),
        new Observed(null, 1, 49.2, 4.2, null, false)), LIST);
    assertThat(rows.stream().map(ZeroFill.Row::individualCount).toList(), contains(5, 0, 0));
    assertThat(rows.stream().map(ZeroFill.Row::present).toList(), contains(true, false, true));
    assertThat(rows.get(0).locationGeneralised(), is(false));
  }

  @Test
  void aVisitWithAGeneralisedOccurrenceIsPublishedAtTheGeneralisedLocation() throws Exception {
    Visit v = Visits.describe(sample("stoc-eps", "edge.jsonl", "stoc-eps.edge.empty"), PKG.require("stoc-eps"), "e");
    List<ZeroFill.Row> rows = FILL.rows(v, List.of(
        new Observed("taxref:3764", 1, v.siteLatitude(), v.siteLongitude(), 30.0, false),
        new Observed("taxref:4001", 1, 49.25, 4.05, 7100.0, true)), LIST);
    for (ZeroFill.Row r : rows) {
      assertThat(r.decimalLatitude(), is(49.25));
      assertThat(r.decimalLongitude(), is(4.05));
      assertThat(r.coordinateUncertaintyInMeters(), is(7100.0));
      assertThat(r.locationGeneralised(), is(true));
    }
    assertThat(rows.stream().map(ZeroFill.Row::decimalLatitude).toList(), not(hasItem(v.siteLatitude())));
  }

  @Test
  void aVisitWithoutASiteLocationIsStillZeroFilledWithNullCoordinatesAndCells() throws Exception {
    com.fasterxml.jackson.databind.node.ObjectNode doc =
        (com.fasterxml.jackson.databind.node.ObjectNode) sample("propage", "edge.jsonl", "propage.edge.june01");
    ((com.fasterxml.jackson.databind.node.ObjectNode) doc.get("site")).remove(List.of("id", "latitude", "longitude"));
    Visit v = Visits.describe(doc, PKG.require("propage"), "propage.edge.june01");
    assertThat(v.locationID(), nullValue());
    assertThat(v.siteLatitude(), nullValue());
    assertThat(v.siteLongitude(), nullValue());
    assertThat("the effort is still known", v.transectLengthMeters(), is(150));
    List<ZeroFill.Row> rows = FILL.rows(v, List.of(
        new Observed("taxref:3764", 2, null, null, null, false),
        new Observed("taxref:4117", 1, null, null, null, false)), LIST);
    assertThat(rows.stream().map(ZeroFill.Row::individualCount).toList(), contains(2, 0, 1));
    assertThat(rows.stream().map(ZeroFill.Row::present).toList(), contains(true, false, true));
    for (ZeroFill.Row r : rows) {
      assertThat(r.decimalLatitude(), nullValue());
      assertThat(r.decimalLongitude(), nullValue());
      assertThat(r.coordinateUncertaintyInMeters(), nullValue());
      assertThat(r.eea10km(), nullValue());
      assertThat(r.inpn10km(), nullValue());
      assertThat(r.locationGeneralised(), is(false));
    }
  }

  @Test
    void listsAreTheListedEntriesOfThePackageChecklists() {
    ProtocolLists lists = ProtocolLists.bundled();
    assertThat(lists.list("stoc-eps").stream().map(ListedTaxon::taxonKey).toList(), hasItem("taxref:3764"));
    assertThat(lists.listKey("stoc-eps", "taxref:3764"), is("taxref:3764"));
    assertThat(lists.listKey("stoc-eps", "taxref:999999"), nullValue());
    assertThat(lists.listKey("stoc-eps", null), nullValue());
    // Propage: the 39 names of the real Propage sheet, groups included
    assertThat(lists.list("propage").size(), is(39));
    assertThat(lists.list("propage").stream().map(ListedTaxon::vernacularName).toList(),
        hasItems("Citrons", "Lycènes bleus", "Piérides blanches", "Papillon indéterminé"));
    assertThat(lists.list("spipoll"), empty());
    assertThat(lists.listKey("spipoll", "taxref:3764"), nullValue());
  }
}
