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
import org.apache.beam.sdk.values.PCollectionTuple;
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
    GeneraliseSensitiveSites sites = GeneraliseSensitiveSites.with(AcceptedSamples.CONFIG);
    PCollectionTuple out = AcceptedSamples.curated(p, reproducers).apply(sites);
    PAssert.that(out.get(sites.curatedTag())).satisfies(records -> {
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
    PAssert.that(out.get(sites.restrictedTag())).satisfies(locations -> {
      List<String> ids = new ArrayList<>();
      locations.forEach(l -> ids.add(l.get("locationID").toString()));
      // the rows generalised by this pass only: 2 + 1 in the garden, 2 in the STOC square
      assertThat(ids, containsInAnyOrder("jardin-privacy-1", "jardin-privacy-1", "jardin-privacy-1bis",
          "STOC-990001", "STOC-990001"));
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
