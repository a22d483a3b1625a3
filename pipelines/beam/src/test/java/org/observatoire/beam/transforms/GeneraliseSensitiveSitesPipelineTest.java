package org.observatoire.beam.transforms;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.observatoire.beam.avro.AvroRecords;
import org.observatoire.core.ingest.LineReader;
import org.observatoire.core.ingest.Outcome;
import org.observatoire.core.occurrence.Occurrence;
import org.observatoire.core.privacy.ReleaseIds;
import org.observatoire.core.samples.SampleData;

/**
 * The release-wide pass over the privacy reproducers: the later visits to the falcon's garden (same site id, or the
 * same point under another id) and the second STOC visit of the eagle owl's square are generalised with their site;
 * visits elsewhere pass through unchanged; the rows newly generalised go to the restricted output.
 */
class GeneraliseSensitiveSitesPipelineTest {
  private static List<Outcome.Accepted> reproducers;

  @BeforeAll
  static void read() throws Exception {
    reproducers = new ArrayList<>();
    try (InputStream in = Files.newInputStream(SampleData.root().resolve("privacy/reproducers.jsonl"))) {
      LineReader.of(1 << 20).read(in, -1, "privacy/reproducers.jsonl", 1, line -> {
        if (AcceptedSamples.CONFIG.processor().process(line) instanceof Outcome.Accepted a) {
          reproducers.add(a);
        }
      });
    }
  }

  @Test
  void everyVisitToASensitiveSiteIsGeneralisedAndOnlyThose() {
    Pipeline p = AcceptedSamples.directPipeline();
    PCollection<GenericRecord> out = AcceptedSamples.curated(p, reproducers)
        .apply(GeneraliseSensitiveSites.with(AcceptedSamples.CONFIG));
    PAssert.that(out).satisfies(records -> {
      Map<String, GenericRecord> byId = new TreeMap<>();
      records.forEach(r -> byId.put(r.get("submissionId").toString(), r));
      assertThat(byId.size(), is(9));
      for (String id : List.of("privacy.garden.falper.2", "privacy.garden.falper.3", "privacy.stoc.bubbub.v2")) {
        GenericRecord r = byId.get(id);
        assertThat(id, (Integer) r.get("generalisationMeters"), is(10_000));
        List<Occurrence> rows = AvroRecords.occurrencesOf(r).stream().map(AvroRecords::occurrenceOf).toList();
        assertThat(id, rows.stream().map(Occurrence::dataGeneralizations).toList(), everyItem(notNullValue()));
        assertThat(id, rows.stream().map(Occurrence::informationWithheld).toList(),
            everyItem(is(GeneraliseSensitiveSites.SENSITIVE_SITE)));
        assertThat(id, rows.stream().map(Occurrence::eventID).toList(), everyItem(startsWith(ReleaseIds.PREFIX)));
        assertThat(id, rows.stream().map(Occurrence::locationID).toList(), everyItem(startsWith(ReleaseIds.PREFIX)));
        assertThat(id, AvroRecords.visitOf(r).submissionId(), startsWith(ReleaseIds.PREFIX));
      }
      // the falcon's garden visits share one public site id and one public point
      List<Occurrence> first = AvroRecords.occurrencesOf(byId.get("privacy.garden.falper.1")).stream()
          .map(AvroRecords::occurrenceOf).toList();
      List<Occurrence> later = AvroRecords.occurrencesOf(byId.get("privacy.garden.falper.2")).stream()
          .map(AvroRecords::occurrenceOf).toList();
      assertThat(later.get(0).locationID(), is(first.get(0).locationID()));
      assertThat(later.get(0).decimalLatitude(), is(first.get(0).decimalLatitude()));
      return null;
    });
    PAssert.that(out.apply(CollectRestrictedLocations.create())).satisfies(locations -> {
      List<String> ids = new ArrayList<>();
      locations.forEach(l -> ids.add(l.get("locationID").toString()));
      // the sensitive records' own events (the falcon, the eagle owl) and the visits this pass generalised:
      // 2 + 1 more in the garden, 2 in the STOC square
      // every located row of a generalised event: the falcon's and the eagle owl's own events (2 and 3 rows),
      // the four other reproducers generalised for their own species (2 rows each), and the rows this pass
      // generalised at the two sites (2 + 1 in the garden, 2 in the STOC square)
      assertThat(ids, containsInAnyOrder("jardin-privacy-1", "jardin-privacy-1", "jardin-privacy-1",
          "jardin-privacy-1", "jardin-privacy-1bis", "jardin-privacy-2", "jardin-privacy-2", "jardin-privacy-3",
          "jardin-privacy-3", "jardin-privacy-4", "jardin-privacy-4", "jardin-privacy-5", "jardin-privacy-5",
          "STOC-990001", "STOC-990001", "STOC-990001", "STOC-990001", "STOC-990001"));
      return null;
    });
    p.run().waitUntilFinish();
  }

  @Test
  void aRowGeneralisedTwiceIsRestrictedUnderTheIdItIsPublishedWith() throws Exception {
    // a later visit to the falcon's garden records Bonelli's eagle (20 km cell): the falcon's own visit, generalised
    // to 10 km for the falcon, is generalised again to 20 km for its site and published under new ids; its
    // restricted locations must name those, or its precise place leads to no published row
    String line = SampleData.readLines(SampleData.root().resolve("privacy/reproducers.jsonl")).get(1)
        .replace("privacy.garden.falper.2", "privacy.garden.hiefas.4")
        .replace("\"code\":\"PARMAJ\",\"scientificName\":\"Parus major\"",
            "\"code\":\"HIEFAS\",\"scientificName\":\"Aquila fasciata\"");
    List<Outcome.Accepted> input = new ArrayList<>(reproducers);
    input.add((Outcome.Accepted) AcceptedSamples.CONFIG.processor().process(
        org.observatoire.core.ingest.RawLine.of(org.observatoire.core.ingest.SourceRef.of("x.jsonl", 1),
            line.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    Pipeline p = AcceptedSamples.directPipeline();
    PCollection<GenericRecord> out = AcceptedSamples.curated(p, input)
        .apply(GeneraliseSensitiveSites.with(AcceptedSamples.CONFIG));
    PAssert.that(out).satisfies(records -> {
      java.util.Set<String> published = new java.util.HashSet<>();
      Map<String, GenericRecord> byId = new TreeMap<>();
      for (GenericRecord r : records) {
        byId.put(r.get("submissionId").toString(), r);
        AvroRecords.occurrencesOf(r).stream().map(AvroRecords::occurrenceOf)
            .forEach(o -> published.add(o.occurrenceID()));
      }
      GenericRecord falcon = byId.get("privacy.garden.falper.1");
      assertThat((Integer) falcon.get("generalisationMeters"), is(20_000));
      List<GenericRecord> locations = CollectRestrictedLocations.locationsOf(falcon);
      assertThat(locations.size(), is(2));
      for (GenericRecord l : locations) {
        assertThat(l.get("publishedOccurrenceID").toString(), published.contains(
            l.get("publishedOccurrenceID").toString()), is(true));
        assertThat((Integer) l.get("generalisationMeters"), is(20_000));
      }
      return null;
    });
    // the restricted dataset as the nightly writes it: the six rows in the garden (the falcon's visit, the later one
    // and the eagle's) at the site's 20 km cell
    PAssert.that(out.apply(CollectRestrictedLocations.create())).satisfies(locations -> {
      List<Integer> cells = new ArrayList<>();
      for (GenericRecord l : locations) {
        if (l.get("locationID").toString().equals("jardin-privacy-1")) {
          cells.add((Integer) l.get("generalisationMeters"));
        }
      }
      assertThat(cells, is(java.util.Collections.nCopies(6, 20_000)));
      return null;
    });
    p.run().waitUntilFinish();
  }

  @Test
  void aRejectedSubmissionAtASensitiveSiteIsPublishedWithoutItsPlaces() throws Exception {
    String line = SampleData.readLines(SampleData.root().resolve("privacy/reproducers.jsonl")).get(1)
        // the great tit twice: rejected by JARDINS_TAXON_REPEATED, its structure known, so its text is published
        .replace("\"code\":\"TURMER\",\"scientificName\":\"Turdus merula\"",
            "\"code\":\"PARMAJ\",\"scientificName\":\"Parus major\"");
    Outcome.Rejected rejected = (Outcome.Rejected) AcceptedSamples.CONFIG.processor().process(
        org.observatoire.core.ingest.RawLine.of(org.observatoire.core.ingest.SourceRef.of("x.jsonl", 1),
            line.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertThat(rejected.publicText(), org.hamcrest.Matchers.containsString("jardin-privacy-1"));
    Pipeline p = AcceptedSamples.directPipeline();
    var sites = AcceptedSamples.curated(p, reproducers).apply(FindSensitiveSites.create());
    var out = p.apply(org.apache.beam.sdk.transforms.Create.of(List.of(AvroRecords.rejected(rejected)))
            .withCoder(org.observatoire.beam.avro.AvroRecordCoder.of(org.observatoire.beam.avro.AvroSchemas.REJECTED)))
        .apply(WithholdRejectedPlaces.at(sites));
    PAssert.that(out).satisfies(records -> {
      GenericRecord r = records.iterator().next();
      String text = r.get("submission").toString();
      assertThat(text, org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("jardin-privacy-1")));
      assertThat(text, org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("45.18825")));
      assertThat(text, org.hamcrest.Matchers.containsString("Parus major"));
      return null;
    });
    p.run().waitUntilFinish();
  }
}
