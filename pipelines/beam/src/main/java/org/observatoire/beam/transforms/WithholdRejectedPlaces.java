package org.observatoire.beam.transforms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.observatoire.beam.avro.AvroRecordCoder;
import org.observatoire.beam.avro.AvroSchemas;
import org.observatoire.core.privacy.PlaceFields;
import org.observatoire.core.privacy.SiteKeys;
import org.observatoire.core.protocol.ProtocolPackages;

/**
 * Publishes a rejected submission made at a sensitive site of the release (see {@link FindSensitiveSites}) without
 * its places: its public text (the submission minus personal data) would otherwise show the site's id and
 * coordinates. Other rejected rows pass through unchanged.
 */
public final class WithholdRejectedPlaces extends PTransform<PCollection<GenericRecord>, PCollection<GenericRecord>> {
  private final PCollectionView<Map<String, Integer>> sites;

  private WithholdRejectedPlaces(PCollectionView<Map<String, Integer>> sites) {
    this.sites = sites;
  }

  public static WithholdRejectedPlaces at(PCollectionView<Map<String, Integer>> sensitiveSites) {
    return new WithholdRejectedPlaces(java.util.Objects.requireNonNull(sensitiveSites, "sensitiveSites"));
  }

  @Override
  public PCollection<GenericRecord> expand(PCollection<GenericRecord> rejected) {
    return rejected.apply("WithholdPlacesAtSensitiveSites", ParDo.of(new WithholdFn(sites)).withSideInputs(sites))
        .setCoder(AvroRecordCoder.of(AvroSchemas.REJECTED));
  }

  static final class WithholdFn extends DoFn<GenericRecord, GenericRecord> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final PCollectionView<Map<String, Integer>> sitesView;

    WithholdFn(PCollectionView<Map<String, Integer>> sitesView) {
      this.sitesView = sitesView;
    }

    @ProcessElement
    public void process(ProcessContext c) throws IOException {
      GenericRecord r = c.element();
      Object text = r.get("submission");
      Map<String, Integer> sensitive = c.sideInput(sitesView);
      if (text == null || sensitive.isEmpty() || r.get("protocol") == null) {
        c.output(r);
        return;
      }
      String protocol = r.get("protocol").toString();
      JsonNode doc = JSON.readTree(text.toString());
      String pointer = ProtocolPackages.bundled().get(protocol)
          .map(p -> p.mapping().event().locationID()).orElse(null);
      boolean atSensitiveSite = SiteKeys.ofSubmission(doc, protocol, pointer).stream()
          .anyMatch(sensitive::containsKey);
      if (!atSensitiveSite) {
        c.output(r);
        return;
      }
      GenericRecord copy = new GenericData.Record((GenericData.Record) r, true);
      copy.put("submission", PlaceFields.without(text.toString()));
      c.output(copy);
    }
  }
}
