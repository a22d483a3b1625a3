package org.observatoire.beam.transforms;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.observatoire.beam.avro.AvroRecordCoder;
import org.observatoire.beam.avro.AvroRecords;
import org.observatoire.beam.avro.AvroSchemas;
import org.observatoire.beam.avro.OccurrencePicker;
import org.observatoire.beam.avro.VisitBlocks;
import org.observatoire.beam.io.RowBlock;
import org.observatoire.core.geo.CellAssigner;
import org.observatoire.core.visits.ListedTaxon;
import org.observatoire.core.visits.Observed;
import org.observatoire.core.visits.ProtocolLists;
import org.observatoire.core.visits.Visit;
import org.observatoire.core.visits.ZeroFill;

/**
 * Zero-fills the complete-count visits: from the kept accepted submissions that carry a visit (one per visit, so no
 * shuffle of the rows), the taxa each protocol's visits reported that may be on its list ({@link ProtocolLists}),
 * combined into a small side input, then one row per visit × listed taxon ({@link ZeroFill}). Output: one
 * {@link RowBlock} of {@link AvroSchemas#VISIT_FILE} rows per visit ({@link VisitBlocks}), expanded into rows only by
 * the Parquet writer: a visit's ~100 rows repeat its columns, so they travel and sort as one element.
 */
public final class ZeroFillVisits extends PTransform<PCollection<GenericRecord>, PCollection<RowBlock>> {
  private ZeroFillVisits() {}

  public static ZeroFillVisits create() {
    return new ZeroFillVisits();
  }

  @Override
  public PCollection<RowBlock> expand(PCollection<GenericRecord> curated) {
    PCollection<GenericRecord> kept = curated
        .apply("CompleteCountVisits", Filter.by(ZeroFillVisits::hasVisit))
        .setCoder(AvroRecordCoder.of(AvroSchemas.ACCEPTED));
    PCollectionView<Map<String, Iterable<String>>> lists = kept
        .apply("ListedTaxaReported", ParDo.of(new ListedTaxaFn()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()))
        .apply("OnePerTaxon", Combine.perKey(new FirstName()))
        .apply("ByProtocol", ParDo.of(new ByProtocolFn()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()))
        .apply("AsLists", View.asMultimap());
    return kept.apply("ZeroFill", ParDo.of(new ZeroFillFn(lists)).withSideInputs(lists))
        .setCoder(RowBlock.coder());
  }

  private static boolean hasVisit(GenericRecord accepted) {
    return accepted.get("visit") != null;
  }

  /**
   * {@code protocol \t taxonKey} → {@code scientificName \t vernacularName} for each listable reported taxon, once
   * per bundle and window with the bundle's smallest names ({@link FirstName}'s choice, so the combined result is the
   * same): a few hundred taxa instead of one element per occurrence into the combine.
   */
  static final class ListedTaxaFn extends DoFn<GenericRecord, KV<String, String>> {
    private transient OccurrencePicker picker;
    private transient Map<BoundedWindow, Map<String, String>> seen;

    @Setup
    public void setup() {
      picker = OccurrencePicker.of(List.of("taxonKey", "scientificName", "vernacularName"));
    }

    @StartBundle
    public void startBundle() {
      seen = new HashMap<>();
    }

    @ProcessElement
    public void process(@Element GenericRecord accepted, BoundedWindow window) {
      String protocol = accepted.get("protocol").toString();
      Map<String, String> taxa = seen.computeIfAbsent(window, w -> new HashMap<>());
      picker.rows((ByteBuffer) accepted.get("occurrences"), o -> {
        String key = ProtocolLists.listKey(protocol, (String) o[0], (String) o[1]);
        if (key != null) {
          taxa.merge(protocol + "\t" + key, nullable(o[1]) + "\t" + nullable(o[2]), FirstName::smaller);
        }
      });
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext c) {
      seen.forEach((window, taxa) -> taxa.forEach((k, names) -> c.output(KV.of(k, names), window.maxTimestamp(),
          window)));
      seen = null;
    }
  }

  /** The smallest names string of a taxon: deterministic whatever the order rows arrive in. */
  static final class FirstName implements SerializableFunction<Iterable<String>, String> {
    @Override
    public String apply(Iterable<String> names) {
      String first = null;
      for (String n : names) {
        first = first == null ? n : smaller(first, n);
      }
      return first;
    }

    static String smaller(String a, String b) {
      return a.compareTo(b) <= 0 ? a : b;
    }
  }

  static final class ByProtocolFn extends DoFn<KV<String, String>, KV<String, String>> {
    @ProcessElement
    public void process(@Element KV<String, String> e, OutputReceiver<KV<String, String>> out) {
      int tab = e.getKey().indexOf('\t');
      out.output(KV.of(e.getKey().substring(0, tab), e.getKey().substring(tab + 1) + "\t" + e.getValue()));
    }
  }

  static final class ZeroFillFn extends DoFn<GenericRecord, RowBlock> {
    private final PCollectionView<Map<String, Iterable<String>>> listsView;
    private transient ZeroFill fill;
    private transient VisitBlocks blocks;
    private transient OccurrencePicker picker;
    private transient Map<String, List<ListedTaxon>> lists;

    ZeroFillFn(PCollectionView<Map<String, Iterable<String>>> listsView) {
      this.listsView = listsView;
    }

    @Setup
    public void setup() {
      fill = ZeroFill.with(CellAssigner.create(0));
      blocks = VisitBlocks.create();
      picker = OccurrencePicker.of(List.of("taxonKey", "scientificName", "individualCount", "decimalLatitude",
          "decimalLongitude", "coordinateUncertaintyInMeters", "dataGeneralizations"));
    }

    @StartBundle
    public void startBundle() {
      lists = new HashMap<>();
    }

    @ProcessElement
    public void process(@Element GenericRecord accepted, ProcessContext c) {
      Visit visit = AvroRecords.visitOf(accepted);
      List<ListedTaxon> list = lists.computeIfAbsent(visit.protocol(), p -> list(c.sideInput(listsView).get(p)));
      List<Observed> observed = new ArrayList<>();
      picker.rows((ByteBuffer) accepted.get("occurrences"), o -> observed.add(new Observed(
          ProtocolLists.listKey(visit.protocol(), (String) o[0], (String) o[1]), (Integer) o[2], (Double) o[3],
          (Double) o[4], (Double) o[5], o[6] != null)));
      RowBlock block = blocks.block(fill.rows(visit, observed, list));
      if (block != null) {
        c.output(block);
      }
    }

    private static List<ListedTaxon> list(Iterable<String> encoded) {
      List<ListedTaxon> l = new ArrayList<>();
      if (encoded != null) {
        for (String e : encoded) {
          String[] p = e.split("\t", -1);
          l.add(new ListedTaxon(p[0], p[1].isEmpty() ? null : p[1], p[2].isEmpty() ? null : p[2]));
        }
      }
      l.sort(Comparator.comparing(ListedTaxon::taxonKey));
      return List.copyOf(l);
    }
  }

  private static String nullable(Object o) {
    return o == null ? "" : o.toString().replace('\t', ' ');
  }
}
