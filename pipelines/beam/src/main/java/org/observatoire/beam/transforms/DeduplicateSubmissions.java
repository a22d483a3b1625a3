package org.observatoire.beam.transforms;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.observatoire.beam.avro.AvroRecordCoder;
import org.observatoire.beam.avro.AvroRecords;
import org.observatoire.beam.avro.AvroSchemas;
import org.observatoire.core.ingest.Duplicates;
import org.observatoire.core.ingest.SourceRef;
import org.observatoire.core.run.CountKey;
import org.observatoire.core.run.OutcomeKind;

/**
 * Keeps one accepted submission per submission id (the core's {@link Duplicates} rule). The kept submissions are the
 * main output, still carrying their occurrence rows as one block, which each consumer reads where it is consumed;
 * duplicate records and the counters of curated submissions, occurrence
 * rows and duplicates go to the {@link SideRecords} stream.
 *
 * <p>{@link #create()} groups by submission id: the batch job's grouping sorts, and holds no more than one id's
 * submissions at a time. {@link #inBuckets(int)} groups by a hash of the id into a fixed number of buckets and
 * matches ids within each bucket in memory: for windowed (streaming) input, where every key of every window carries
 * its own trigger state, watermark hold and timers until the window expires (its allowed lateness, hours), and fires
 * on its own when the window closes. One key per submission meant some 18,000 of each per minute at 300/s.
 */
public final class DeduplicateSubmissions
    extends PTransform<PCollection<KV<String, GenericRecord>>, PCollectionTuple> {
  private static final TupleTag<GenericRecord> CURATED = new TupleTag<>() {};
  private static final TupleTag<SideRecord> SIDE = new TupleTag<>() {};

  private final int buckets;

  private DeduplicateSubmissions(int buckets) {
    this.buckets = buckets;
  }

  /** One group per submission id. */
  public static DeduplicateSubmissions create() {
    return new DeduplicateSubmissions(0);
  }

  /** One group per bucket of submission ids, for windowed input (see the class comment). */
  public static DeduplicateSubmissions inBuckets(int buckets) {
    if (buckets < 1) {
      throw new IllegalArgumentException("the number of buckets must be positive, got " + buckets);
    }
    return new DeduplicateSubmissions(buckets);
  }

  /** The kept submissions (accepted-submission records). */
  public TupleTag<GenericRecord> curatedTag() {
    return CURATED;
  }

  /** Duplicates and counters: see {@link RouteSideRecords}. */
  public TupleTag<SideRecord> sideTag() {
    return SIDE;
  }

  @Override
  public PCollectionTuple expand(PCollection<KV<String, GenericRecord>> accepted) {
    PCollectionTuple out;
    if (buckets == 0) {
      out = accepted
          .apply("GroupBySubmissionId", GroupByKey.create())
          .apply("KeepOne", ParDo.of(new KeepOneFn()).withOutputTags(CURATED, TupleTagList.of(SIDE)));
    } else {
      out = accepted
          .apply("BucketById", ParDo.of(new BucketFn(buckets)))
          .setCoder(KvCoder.of(VarIntCoder.of(), accepted.getCoder()))
          .apply("GroupByBucket", GroupByKey.create())
          .apply("KeepOnePerId", ParDo.of(new KeepOnePerIdFn()).withOutputTags(CURATED, TupleTagList.of(SIDE)));
    }
    out.get(CURATED).setCoder(AvroRecordCoder.of(AvroSchemas.ACCEPTED));
    out.get(SIDE).setCoder(SideRecords.coder());
    return out;
  }

  /** The bucket of a submission id: stable across runs and runners (String's hash is specified). */
  static int bucket(String submissionId, int buckets) {
    return Math.floorMod(submissionId.hashCode(), buckets);
  }

  static final class BucketFn extends DoFn<KV<String, GenericRecord>, KV<Integer, KV<String, GenericRecord>>> {
    private final int buckets;

    BucketFn(int buckets) {
      this.buckets = buckets;
    }

    @ProcessElement
    public void process(@Element KV<String, GenericRecord> e,
        OutputReceiver<KV<Integer, KV<String, GenericRecord>>> out) {
      out.output(KV.of(bucket(e.getKey(), buckets), e));
    }
  }

  static final class KeepOneFn extends DoFn<KV<String, Iterable<GenericRecord>>, GenericRecord> {
    @ProcessElement
    public void process(@Element KV<String, Iterable<GenericRecord>> group, MultiOutputReceiver out) {
      List<GenericRecord> all = new ArrayList<>(1);
      group.getValue().forEach(all::add);
      keepOne(all, out.get(CURATED)::output, out.get(SIDE)::output);
    }
  }

  static final class KeepOnePerIdFn
      extends DoFn<KV<Integer, Iterable<KV<String, GenericRecord>>>, GenericRecord> {
    @ProcessElement
    public void process(@Element KV<Integer, Iterable<KV<String, GenericRecord>>> bucket,
        MultiOutputReceiver out) {
      Map<String, List<GenericRecord>> byId = new LinkedHashMap<>();
      for (KV<String, GenericRecord> e : bucket.getValue()) {
        byId.computeIfAbsent(e.getKey(), id -> new ArrayList<>(1)).add(e.getValue());
      }
      for (List<GenericRecord> all : byId.values()) {
        keepOne(all, out.get(CURATED)::output, out.get(SIDE)::output);
      }
    }
  }

  /**
   * Keeps the winner of one id's accepted submissions ({@code curated}), and reports the others as duplicates of it
   * on {@code side}, with the winner's side records ({@link #kept}).
   */
  public static void keepOne(List<GenericRecord> all, Consumer<GenericRecord> curated,
      Consumer<SideRecord> side) {
    if (all.isEmpty()) {
      return; // a streaming runner may fire an empty pane; nothing to keep
    }
    List<Duplicates.Candidate> candidates = new ArrayList<>(all.size());
    for (GenericRecord r : all) {
      candidates.add(candidate(r));
    }
    int w = all.size() == 1 ? 0 : Duplicates.winner(candidates);
    GenericRecord winner = all.get(w);
    curated.accept(winner);
    kept(winner, side);
    for (int i = 0; i < all.size(); i++) {
      if (i != w) {
        GenericRecord loser = all.get(i);
        String reason = Duplicates.reason(candidates.get(i), candidates.get(w));
        side.accept(SideRecords.of(SideKind.DUPLICATE, AvroRecords.duplicate(loser, winner, reason)));
        side.accept(SideRecords.count(CountKey.of(loser.get("sourceFile").toString(),
            loser.get("protocol").toString(), OutcomeKind.DUPLICATE), 1));
      }
    }
  }

  /**
   * What a kept submission puts on the side stream: its curated and occurrence counters. Also for submissions kept
   * without the check because their id is their own ({@link ProcessSubmissions#keepingUnique}). Its restricted
   * locations stay in the submission until the release-wide generalisation is done ({@link
   * CollectRestrictedLocations}).
   */
  public static void kept(GenericRecord winner, Consumer<SideRecord> side) {
    String protocol = winner.get("protocol").toString();
    String file = winner.get("sourceFile").toString();
    side.accept(SideRecords.count(CountKey.of(file, protocol, OutcomeKind.CURATED), 1));
    side.accept(SideRecords.count(CountKey.of(file, protocol, OutcomeKind.OCCURRENCES),
        (Integer) winner.get("occurrenceCount")));
    int nonTaxa = (Integer) winner.get("nonTaxonRecords");
    if (nonTaxa > 0) {
      side.accept(SideRecords.count(CountKey.of(file, protocol, OutcomeKind.NON_TAXON_RECORDS), nonTaxa));
    }
    int withoutLocation = (Integer) winner.get("occurrencesWithoutLocation");
    if (withoutLocation > 0) {
      side.accept(SideRecords.count(CountKey.of(file, protocol, OutcomeKind.OCCURRENCES_WITHOUT_LOCATION),
          withoutLocation));
    }
    int withoutObserver = (Integer) winner.get("occurrencesWithoutObserver");
    if (withoutObserver > 0) {
      side.accept(SideRecords.count(CountKey.of(file, protocol, OutcomeKind.OCCURRENCES_WITHOUT_OBSERVER),
          withoutObserver));
    }
  }

  /**
   * The side stream's {@link SideRecords#REPEATED} submissions, keyed by submission id: the input of
   * {@link #create()} when the submissions with a unique id were kept on the way ({@link
   * ProcessSubmissions#keepingUnique}).
   */
  public static PTransform<PCollection<SideRecord>, PCollection<KV<String, GenericRecord>>> takeRepeated() {
    return new TakeRepeated();
  }

  private static final class TakeRepeated
      extends PTransform<PCollection<SideRecord>, PCollection<KV<String, GenericRecord>>> {
    @Override
    public PCollection<KV<String, GenericRecord>> expand(PCollection<SideRecord> side) {
      return side.apply("TakeRepeated", ParDo.of(new TakeRepeatedFn()))
          .setCoder(KvCoder.of(StringUtf8Coder.of(), AvroRecordCoder.of(AvroSchemas.ACCEPTED)));
    }
  }

  static final class TakeRepeatedFn extends DoFn<SideRecord, KV<String, GenericRecord>> {
    private transient GenericDatumReader<GenericRecord> reader;

    @Setup
    public void setup() {
      reader = new GenericDatumReader<>(AvroSchemas.ACCEPTED);
    }

    @ProcessElement
    public void process(@Element SideRecord side, OutputReceiver<KV<String, GenericRecord>> out) {
      if (side.kind() == SideKind.REPEATED) {
        GenericRecord accepted = SideRecords.decode(SideKind.REPEATED, side.bytes(), reader);
        out.output(KV.of(accepted.get("submissionId").toString(), accepted));
      }
    }
  }

  private static Duplicates.Candidate candidate(GenericRecord r) {
    return new Duplicates.Candidate(
        SourceRef.of(r.get("sourceFile").toString(), (Long) r.get("sourceLine")),
        Instant.ofEpochMilli((Long) r.get("submittedAtMillis")),
        r.get("contentHash").toString());
  }
}
