package org.observatoire.beam.transforms;

import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Max;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.observatoire.beam.avro.AvroRecords;

/**
 * Finds the release's sensitive sites: the site keys ({@link org.observatoire.core.privacy.SiteKeys}) of every
 * curated submission whose event was generalised, each with the widest cell among its events. A side input, small
 * (only sites with a sensitive record), restricted (its keys hold site ids and points): it never leaves the job.
 */
public final class FindSensitiveSites
    extends PTransform<PCollection<GenericRecord>, PCollectionView<Map<String, Integer>>> {

  private FindSensitiveSites() {}

  public static FindSensitiveSites create() {
    return new FindSensitiveSites();
  }

  @Override
  public PCollectionView<Map<String, Integer>> expand(PCollection<GenericRecord> curated) {
    return curated
        .apply("KeySensitiveSites", ParDo.of(new SensitiveSiteKeysFn()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), VarIntCoder.of()))
        .apply("WidestCellPerSite", Max.integersPerKey())
        .apply("AsSideInput", View.asMap());
  }

  /** The site keys of each generalised event, with its cell. */
  static final class SensitiveSiteKeysFn extends DoFn<GenericRecord, KV<String, Integer>> {
    @ProcessElement
    public void process(@Element GenericRecord accepted, OutputReceiver<KV<String, Integer>> out) {
      int cell = (Integer) accepted.get("generalisationMeters");
      if (cell > 0) {
        for (String key : AvroRecords.siteKeysOf(accepted)) {
          out.output(KV.of(key, cell));
        }
      }
    }
  }
}
