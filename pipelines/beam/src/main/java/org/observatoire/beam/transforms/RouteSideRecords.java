package org.observatoire.beam.transforms;

import java.util.HashMap;
import java.util.Map;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.observatoire.beam.avro.AvroRecordCoder;

/** Splits the stages' {@link SideRecords} streams into typed outputs: one per record kind, and the counters. */
public final class RouteSideRecords extends PTransform<PCollectionList<KV<String, byte[]>>, PCollectionTuple> {
  private static final Map<String, TupleTag<GenericRecord>> TAGS = Map.of(
      SideRecords.REJECTED, new TupleTag<>(SideRecords.REJECTED) {},
      SideRecords.RAW_REJECTED, new TupleTag<>(SideRecords.RAW_REJECTED) {},
      SideRecords.DEAD_LETTER, new TupleTag<>(SideRecords.DEAD_LETTER) {},
      SideRecords.DUPLICATE, new TupleTag<>(SideRecords.DUPLICATE) {},
      SideRecords.RESTRICTED_LOCATION, new TupleTag<>(SideRecords.RESTRICTED_LOCATION) {});
  private static final TupleTag<KV<String, Long>> COUNTS = new TupleTag<>(SideRecords.COUNT) {};

  private RouteSideRecords() {}

  public static RouteSideRecords create() {
    return new RouteSideRecords();
  }

  /** The output of one record kind ({@link SideRecords#REJECTED}, ...). */
  public TupleTag<GenericRecord> tag(String kind) {
    TupleTag<GenericRecord> tag = TAGS.get(kind);
    if (tag == null) {
      throw new IllegalArgumentException("unknown side record kind '" + kind + "'; known: " + TAGS.keySet());
    }
    return tag;
  }

  /** Counter increments ({@code CountKey} encoded → n). */
  public TupleTag<KV<String, Long>> countsTag() {
    return COUNTS;
  }

  @Override
  public PCollectionTuple expand(PCollectionList<KV<String, byte[]>> sides) {
    TupleTagList others = TupleTagList.empty();
    for (TupleTag<GenericRecord> t : TAGS.values()) {
      others = others.and(t);
    }
    PCollectionTuple out = sides
        .apply("FlattenSides", Flatten.pCollections())
        .apply("Route", ParDo.of(new RouteFn()).withOutputTags(COUNTS, others));
    out.get(COUNTS).setCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()));
    TAGS.forEach((kind, tag) -> out.get(tag).setCoder(AvroRecordCoder.of(SideRecords.SCHEMAS.get(kind))));
    return out;
  }

  static final class RouteFn extends DoFn<KV<String, byte[]>, KV<String, Long>> {
    private transient Map<String, GenericDatumReader<GenericRecord>> readers;

    @Setup
    public void setup() {
      readers = new HashMap<>();
      SideRecords.SCHEMAS.forEach((kind, schema) -> readers.put(kind, new GenericDatumReader<>(schema)));
    }

    @ProcessElement
    public void process(@Element KV<String, byte[]> side, MultiOutputReceiver out) {
      String kind = side.getKey();
      if (SideRecords.COUNT.equals(kind)) {
        out.get(COUNTS).output(SideRecords.decodeCount(side.getValue()));
        return;
      }
      if (SideRecords.REPEATED.equals(kind)) {
        return; // taken by the duplicate check, which reports what becomes of them
      }
      GenericDatumReader<GenericRecord> reader = readers.get(kind);
      if (reader == null) {
        throw new IllegalStateException("unknown side record kind '" + kind + "'");
      }
      out.get(TAGS.get(kind)).output(SideRecords.decode(kind, side.getValue(), reader));
    }
  }
}
