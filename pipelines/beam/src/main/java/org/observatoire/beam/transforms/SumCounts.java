package org.observatoire.beam.transforms;

import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.TypeDescriptors;

/** Adds up the stages' counters (few distinct keys, so combining is cheap) into {@code key<TAB>total} lines. */
public final class SumCounts extends PTransform<PCollectionList<KV<String, Long>>, PCollection<String>> {
  private SumCounts() {}

  public static SumCounts create() {
    return new SumCounts();
  }

  @Override
  public PCollection<String> expand(PCollectionList<KV<String, Long>> counters) {
    return counters
        .apply("FlattenCounters", Flatten.pCollections())
        .apply("Sum", Sum.longsPerKey())
        .apply("Format", MapElements.into(TypeDescriptors.strings()).via(kv -> kv.getKey() + "\t" + kv.getValue()));
  }
}
