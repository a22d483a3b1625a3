package org.observatoire.beam.transforms;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.coders.KvCoder;
import org.observatoire.beam.avro.AvroRecordCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.observatoire.beam.avro.AvroRecords;
import org.observatoire.beam.avro.AvroSchemas;
import org.observatoire.core.ingest.Duplicates;
import org.observatoire.core.ingest.SourceRef;
import org.observatoire.core.run.CountKey;
import org.observatoire.core.run.OutcomeKind;

/**
 * Keeps one accepted submission per submission id (the core's {@link Duplicates} rule). The kept submissions are the
 * main output, still carrying their occurrence rows as one block, which each consumer reads where it is consumed;
 * duplicate records, the kept submissions' restricted locations and the counters of curated submissions, occurrence
 * rows and duplicates go to the {@link SideRecords} stream.
 */
public final class DeduplicateSubmissions
    extends PTransform<PCollection<KV<String, GenericRecord>>, PCollectionTuple> {
  private static final TupleTag<GenericRecord> CURATED = new TupleTag<>() {};
  private static final TupleTag<KV<String, byte[]>> SIDE = new TupleTag<>() {};

  private DeduplicateSubmissions() {}

  public static DeduplicateSubmissions create() {
    return new DeduplicateSubmissions();
  }

  /** The kept submissions (accepted-submission records). */
  public TupleTag<GenericRecord> curatedTag() {
    return CURATED;
  }

  /** Duplicates, restricted locations and counters: see {@link RouteSideRecords}. */
  public TupleTag<KV<String, byte[]>> sideTag() {
    return SIDE;
  }

  @Override
  public PCollectionTuple expand(PCollection<KV<String, GenericRecord>> accepted) {
    PCollectionTuple out = accepted
        .apply("GroupBySubmissionId", GroupByKey.create())
        .apply("KeepOne", ParDo.of(new KeepOneFn()).withOutputTags(CURATED, TupleTagList.of(SIDE)));
    out.get(CURATED).setCoder(AvroRecordCoder.of(AvroSchemas.ACCEPTED));
    out.get(SIDE).setCoder(SideRecords.coder());
    return out;
  }

  static final class KeepOneFn extends DoFn<KV<String, Iterable<GenericRecord>>, GenericRecord> {
    @ProcessElement
    public void process(@Element KV<String, Iterable<GenericRecord>> group, MultiOutputReceiver out) {
      List<GenericRecord> all = new ArrayList<>(1);
      List<Duplicates.Candidate> candidates = new ArrayList<>(1);
      for (GenericRecord r : group.getValue()) {
        all.add(r);
        candidates.add(candidate(r));
      }
      if (all.isEmpty()) {
        return; // a streaming runner may fire an empty pane; nothing to keep
      }
      int w = all.size() == 1 ? 0 : Duplicates.winner(candidates);
      GenericRecord winner = all.get(w);
      out.get(CURATED).output(winner);
      OutputReceiver<KV<String, byte[]>> side = out.get(SIDE);
      @SuppressWarnings("unchecked")
      List<GenericRecord> restricted = (List<GenericRecord>) winner.get("restricted");
      for (GenericRecord location : restricted) {
        side.output(SideRecords.of(SideRecords.RESTRICTED_LOCATION, location));
      }
      String protocol = winner.get("protocol").toString();
      String file = winner.get("sourceFile").toString();
      side.output(SideRecords.count(CountKey.of(file, protocol, OutcomeKind.CURATED), 1));
      side.output(SideRecords.count(CountKey.of(file, protocol, OutcomeKind.OCCURRENCES),
          (Integer) winner.get("occurrenceCount")));
      for (int i = 0; i < all.size(); i++) {
        if (i != w) {
          GenericRecord loser = all.get(i);
          String reason = Duplicates.reason(candidates.get(i), candidates.get(w));
          side.output(SideRecords.of(SideRecords.DUPLICATE, AvroRecords.duplicate(loser, winner, reason)));
          side.output(SideRecords.count(CountKey.of(loser.get("sourceFile").toString(),
              loser.get("protocol").toString(), OutcomeKind.DUPLICATE), 1));
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
}
