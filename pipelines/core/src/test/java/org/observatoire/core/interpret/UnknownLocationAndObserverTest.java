package org.observatoire.core.interpret;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.observatoire.core.occurrence.FlatOccurrence;
import org.observatoire.core.occurrence.Flattener;
import org.observatoire.core.occurrence.Occurrence;
import org.observatoire.core.privacy.PseudonymKey;
import org.observatoire.core.quality.coordinates.LatLon;
import org.observatoire.core.samples.SampleData;

/**
 * Exports that lack a location (Propage visits not linked to a transect) or an observer (Propage, Vigie-Chiro
 * exports) give rows with explicit unknowns and a flag, never invented values. The protocol schemas still require
 * both, so these submissions are built from a valid sample and flattened directly: the layer below validation.
 */
class UnknownLocationAndObserverTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static OccurrenceInterpreter interpreter;

  @BeforeAll
  static void build() {
    interpreter = OccurrenceInterpreter.create(
        InterpretationSettings.of(LocalDate.of(2025, 11, 1), PseudonymKey.sampleKeyForSampleDataOnly()));
  }

  /** The first valid Propage sample, which has a site with coordinates and an observer. */
  static ObjectNode propage() throws Exception {
    String line = SampleData.readLines(SampleData.root().resolve("submissions/propage/valid.jsonl")).get(0);
    return (ObjectNode) JSON.readTree(line);
  }

  /** The same submission as an export without a place: no site id, no coordinates. */
  static ObjectNode withoutLocation(ObjectNode doc) {
    ObjectNode site = (ObjectNode) doc.get("site");
    site.remove(List.of("id", "latitude", "longitude"));
    return doc;
  }

  static ObjectNode withoutObserver(ObjectNode doc) {
    doc.remove("observer");
    return doc;
  }

  private static List<Interpreted> interpret(JsonNode doc) {
    List<FlatOccurrence> flat = Flattener.flatten(doc, org.observatoire.core.protocol.ProtocolPackages.bundled().require("propage"), 1,
        "test.jsonl", 1, List.of());
    return flat.stream().map(f -> interpreter.interpret(f, null)).toList();
  }

  @Test
  void aKnownSubmissionIsLocatedAndPseudonymisedWithoutTheNewFlags() throws Exception {
    ObjectNode doc = propage();
    LatLon site = LatLon.of(doc.at("/site/latitude").asDouble(), doc.at("/site/longitude").asDouble());
    for (FlatOccurrence f : Flattener.flatten(doc, org.observatoire.core.protocol.ProtocolPackages.bundled().require("propage"), 1,
        "test.jsonl", 1, List.of())) {
      Occurrence o = interpreter.interpret(f, site).publicRow();
      assertThat(o.decimalLatitude(), notNullValue());
      assertThat(o.eea10km(), notNullValue());
      assertThat(o.departementCode(), notNullValue());
      assertThat(o.recordedBy(), startsWith("obs_"));
      assertThat(o.flags(), not(hasItem(OccurrenceInterpreter.LOCATION_UNKNOWN)));
      assertThat(o.flags(), not(hasItem(OccurrenceInterpreter.OBSERVER_UNKNOWN)));
    }
  }

  @Test
  void rowsWithoutALocationHaveNullCoordinatesRegionsAndCellsAndTheFlag() throws Exception {
    ObjectNode doc = withoutLocation(propage());
    List<Interpreted> rows = interpret(doc);
    assertThat(rows, hasSize(doc.get("observations").size()));
    for (Interpreted i : rows) {
      Occurrence o = i.publicRow();
      assertThat(o.decimalLatitude(), nullValue());
      assertThat(o.decimalLongitude(), nullValue());
      assertThat(o.locationID(), nullValue());
      assertThat(o.stateProvince(), nullValue());
      assertThat(o.regionCode(), nullValue());
      assertThat(o.county(), nullValue());
      assertThat(o.departementCode(), nullValue());
      assertThat(o.inpn10km(), nullValue());
      assertThat(o.eea10km(), nullValue());
      assertThat(o.eea1km(), nullValue());
      assertThat(o.dataGeneralizations(), nullValue());
      assertThat("nothing to generalise: no location is published", i.generalised(), is(false));
      assertThat(o.flags(), hasItem(OccurrenceInterpreter.LOCATION_UNKNOWN));
      // no coordinate check ran: none of its flags, and no region flag
      assertThat(o.flags(), not(hasItem("COORDINATES_MISSING")));
      assertThat(o.flags(), not(hasItem("VALIDATION_COORDINATES_COUNTRYCODE_CONSISTENT")));
      assertThat(o.flags(), not(hasItem("LOCATION_OUTSIDE_FRANCE")));
      // the observer is still known
      assertThat(o.recordedBy(), startsWith("obs_"));
      assertThat(o.flags(), not(hasItem(OccurrenceInterpreter.OBSERVER_UNKNOWN)));
    }
  }

  @Test
  void rowsWithoutAnObserverHaveNoPseudonymAndTheFlag() throws Exception {
    for (Interpreted i : interpret(withoutObserver(propage()))) {
      Occurrence o = i.publicRow();
      assertThat(o.recordedBy(), nullValue());
      assertThat(o.flags(), hasItem(OccurrenceInterpreter.OBSERVER_UNKNOWN));
      assertThat(o.flags(), not(hasItem(OccurrenceInterpreter.LOCATION_UNKNOWN)));
      assertThat(o.eea10km(), notNullValue());
    }
  }

  @Test
  void theRowLevelBdqTestsStillRunWithoutLocationOrObserver() throws Exception {
    ObjectNode doc = withoutObserver(withoutLocation(propage()));
    ((ObjectNode) doc.get("visit")).put("date", "1500-06-12"); // before VALIDATION_EVENTDATE_INRANGE's range (1582-11-15)
    List<Interpreted> rows = interpret(doc);
    assertThat(rows.stream().map(i -> i.publicRow().flags()).toList(),
        everyItem(hasItem("VALIDATION_EVENTDATE_INRANGE")));
    assertThat(rows.stream().map(i -> i.publicRow().flags()).toList(),
        everyItem(hasItem(OccurrenceInterpreter.LOCATION_UNKNOWN)));
    assertThat(rows.stream().map(i -> i.publicRow().flags()).toList(),
        everyItem(hasItem(OccurrenceInterpreter.OBSERVER_UNKNOWN)));
  }

  /** A submission whose first observation is a sensitive species (Ciconia nigra, generalised to 10 km). */
  private static ObjectNode withSensitiveSpecies(ObjectNode doc) {
    ObjectNode taxon = (ObjectNode) doc.get("observations").get(0).get("taxon");
    taxon.removeAll();
    taxon.put("scientificName", "Ciconia nigra").put("taxrefId", 2514);
    return doc;
  }

  @Test
  void aSensitiveSpeciesWithoutALocationIsNotGeneralisedNorRestricted() throws Exception {
    assertThat("with its place known, the species is generalised",
        interpret(withSensitiveSpecies(propage())).get(0).generalised(), is(true));
    Interpreted i = interpret(withoutLocation(withSensitiveSpecies(propage()))).get(0);
    assertThat(i.publicRow().taxonKey(), is("taxref:2514"));
    assertThat(i.generalised(), is(false));
    assertThat(i.restricted(), nullValue());
    assertThat(i.publicRow().dataGeneralizations(), nullValue());
    assertThat(i.publicRow().informationWithheld(), nullValue());
    assertThat(i.publicRow().decimalLatitude(), nullValue());
    assertThat(i.publicRow().flags(), hasItem(OccurrenceInterpreter.LOCATION_UNKNOWN));
  }
}
