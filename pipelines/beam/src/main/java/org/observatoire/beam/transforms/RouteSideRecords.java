package org.observatoire.beam.transforms;

import java.util.EnumMap;
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

/** Splits the stages' {@link SideRecords} streams into typed outputs: one per routed {@link SideKind}, and the counters. */
public final class RouteSideRecords extends PTransform<PCollectionList<SideRecord>, PCollectionTuple> {
  private static final Map<SideKind, TupleTag<GenericRecord>> TAGS = new EnumMap<>(SideKind.class);
  private static final TupleTag<KV<String, Long>> COUNTS = new TupleTag<>("count") {};

  static {
    for (SideKind kind : SideKind.values()) {
      if (kind.routed()) {
        TAGS.put(kind, new TupleTag<>(kind.name()) {});
      }
    }
  }

  private RouteSideRecords() {}

  public static RouteSideRecords create() {
    return new RouteSideRecords();
  }

  /** The output of one routed record kind ({@link SideKind#REJECTED}, ...). */
  public TupleTag<GenericRecord> tag(SideKind kind) {
    TupleTag<GenericRecord> tag = TAGS.get(kind);
    if (tag == null) {
      throw new IllegalArgumentException("side records of kind " + kind + " are not routed; routed: " + TAGS.keySet());
    }
    return tag;
  }

  /** Counter increments ({@code CountKey} encoded → n). */
  public TupleTag<KV<String, Long>> countsTag() {
    return COUNTS;
  }

  @Override
  public PCollectionTuple expand(PCollectionList<SideRecord> sides) {
    TupleTagList others = TupleTagList.empty();
    for (TupleTag<GenericRecord> t : TAGS.values()) {
      others = others.and(t);
    }
    PCollectionTuple out = sides
        .apply("FlattenSides", Flatten.pCollections())
        .apply("Route", ParDo.of(new RouteFn()).withOutputTags(COUNTS, others));
    out.get(COUNTS).setCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()));
    TAGS.forEach((kind, tag) -> out.get(tag).setCoder(AvroRecordCoder.of(kind.schema())));
    return out;
  }

  static final class RouteFn extends DoFn<SideRecord, KV<String, Long>> {
    private transient Map<SideKind, GenericDatumReader<GenericRecord>> readers;

    @Setup
    public void setup() {
      readers = new EnumMap<>(SideKind.class);
      TAGS.keySet().forEach(kind -> readers.put(kind, new GenericDatumReader<>(kind.schema())));
    }

    @ProcessElement
    public void process(@Element SideRecord side, MultiOutputReceiver out) {
      SideKind kind = side.kind();
      if (kind == SideKind.COUNT) {
        out.get(COUNTS).output(SideRecords.decodeCount(side.bytes()));
      } else if (kind.routed()) {
        out.get(TAGS.get(kind)).output(SideRecords.decode(kind, side.bytes(), readers.get(kind)));
      }
      // REPEATED: taken by the duplicate check, which reports what becomes of them
    }
  }
}
