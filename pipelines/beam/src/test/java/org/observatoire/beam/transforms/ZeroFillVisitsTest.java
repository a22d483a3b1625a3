package org.observatoire.beam.transforms;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.junit.jupiter.api.Test;
import org.observatoire.core.ingest.Outcome;
import org.observatoire.core.occurrence.Occurrence;
import org.observatoire.core.visits.ProtocolLists;

/**
 * The listed taxa the complete-count visits reported, as the zero-fill takes them: every listable taxon of the
 * accepted sample submissions, with the smallest of its names whatever the bundles. Each submission comes three
 * times: as sampled, with its vernacular names changed to sort last, and without them (the smallest).
 */
class ZeroFillVisitsTest {
  @Test
  void everyReportedListedTaxonOnceWithItsSmallestNames() throws IOException {
    List<Outcome.Accepted> twice = new ArrayList<>();
    for (Outcome.Accepted a : AcceptedSamples.all().stream().filter(a -> a.visit() != null).toList()) {
      twice.add(withVernacular(a, "~"));
      twice.add(a);
      twice.add(withVernacular(a, null));
    }
    Map<String, String> expected = new TreeMap<>();
    for (Outcome.Accepted a : twice) {
      for (Occurrence o : a.occurrences()) {
        String key = ProtocolLists.listKey(o.protocol(), o.taxonKey(), o.scientificName());
        if (key != null) {
          String names = text(o.scientificName()) + "\t" + text(o.vernacularName());
          expected.merge(o.protocol() + "\t" + key, names, (x, y) -> x.compareTo(y) <= 0 ? x : y);
        }
      }
    }
    assertThat(expected.size(), greaterThan(20));

    Pipeline p = AcceptedSamples.directPipeline();
    PAssert.that(AcceptedSamples.curated(p, twice)
        .apply(ParDo.of(new ZeroFillVisits.ListedTaxaFn()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()))
        .apply(Combine.perKey(new ZeroFillVisits.FirstName()))).satisfies(taxa -> {
          Map<String, String> actual = new TreeMap<>();
          for (KV<String, String> t : taxa) {
            actual.put(t.getKey(), t.getValue());
          }
          assertThat(actual, equalTo(expected));
          return null;
        });
    p.run().waitUntilFinish();
  }

  /** The submission with each occurrence's vernacular name prefixed, or removed when {@code prefix} is null. */
  private static Outcome.Accepted withVernacular(Outcome.Accepted a, String prefix) {
    List<Occurrence> changed = a.occurrences().stream().map(o -> o.toBuilder()
        .vernacularName(prefix == null || o.vernacularName() == null ? null : prefix + o.vernacularName())
        .build()).toList();
    return new Outcome.Accepted(a.source(), a.submissionId(), a.protocol(), a.protocolVersion(), a.submittedAt(),
        a.contentHash(), changed, a.restricted(), a.visit());
  }

  private static String text(String s) {
    return s == null ? "" : s.replace('\t', ' ');
  }
}
