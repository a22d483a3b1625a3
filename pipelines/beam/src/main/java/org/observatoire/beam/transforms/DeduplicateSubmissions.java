package org.observatoire.beam.transforms;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
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
 * Keeps one accepted submission per submission id (the core's {@link Duplicates} rule) and emits its occurrence
 * rows; the others become duplicate records. Counts curated submissions, occurrence rows and duplicates.
 */
public final class DeduplicateSubmissions
    extends PTransform<PCollection<KV<String, GenericRecord>>, PCollectionTuple> {
  private static final TupleTag<GenericRecord> OCCURRENCES = new TupleTag<>() {};
  private static final TupleTag<GenericRecord> DUPLICATES = new TupleTag<>() {};
  private static final TupleTag<GenericRecord> RESTRICTED = new TupleTag<>() {};
  private static final TupleTag<KV<String, Long>> COUNTS = new TupleTag<>() {};
  private static final TupleTag<GenericRecord> KEPT_VISITS = new TupleTag<>() {};

  private DeduplicateSubmissions() {}

  public static DeduplicateSubmissions create() {
    return new DeduplicateSubmissions();
  }

  public TupleTag<GenericRecord> occurrencesTag() {
    return OCCURRENCES;
  }

  public TupleTag<GenericRecord> duplicatesTag() {
    return DUPLICATES;
  }

  /** Restricted: full-precision locations of the kept submissions' generalised occurrences. */
  public TupleTag<GenericRecord> restrictedTag() {
    return RESTRICTED;
  }

  public TupleTag<KV<String, Long>> countsTag() {
    return COUNTS;
  }

  /** The kept accepted submissions that carry a complete-count visit (for {@link ZeroFillVisits}). */
  public TupleTag<GenericRecord> keptVisitsTag() {
    return KEPT_VISITS;
  }

  @Override
  public PCollectionTuple expand(PCollection<KV<String, GenericRecord>> accepted) {
    PCollectionTuple out = accepted
        .apply("GroupBySubmissionId", GroupByKey.create())
        .apply("KeepOne", ParDo.of(new KeepOneFn())
            .withOutputTags(OCCURRENCES, TupleTagList.of(DUPLICATES).and(RESTRICTED).and(COUNTS).and(KEPT_VISITS)));
    out.get(RESTRICTED).setCoder(AvroRecordCoder.of(AvroSchemas.RESTRICTED_LOCATION));
    out.get(OCCURRENCES).setCoder(AvroRecordCoder.of(AvroSchemas.OCCURRENCE));
    out.get(DUPLICATES).setCoder(AvroRecordCoder.of(AvroSchemas.DUPLICATE));
    out.get(COUNTS).setCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()));
    out.get(KEPT_VISITS).setCoder(AvroRecordCoder.of(AvroSchemas.ACCEPTED));
    return out;
  }

  static final class KeepOneFn extends DoFn<KV<String, Iterable<GenericRecord>>, GenericRecord> {
    @ProcessElement
    public void process(@Element KV<String, Iterable<GenericRecord>> group, MultiOutputReceiver out) {
      List<GenericRecord> all = new ArrayList<>();
      List<Duplicates.Candidate> candidates = new ArrayList<>();
      for (GenericRecord r : group.getValue()) {
        all.add(r);
        candidates.add(candidate(r));
      }
      int w = Duplicates.winner(candidates);
      GenericRecord winner = all.get(w);
      String protocol = winner.get("protocol").toString();
      List<GenericRecord> rows = AvroRecords.occurrencesOf(winner);
      for (GenericRecord row : rows) {
        out.get(OCCURRENCES).output(row);
      }
      @SuppressWarnings("unchecked")
      List<GenericRecord> restricted = (List<GenericRecord>) winner.get("restricted");
      for (GenericRecord location : restricted) {
        out.get(RESTRICTED).output(location);
      }
      if (winner.get("visit") != null) {
        out.get(KEPT_VISITS).output(winner);
      }
      String file = winner.get("sourceFile").toString();
      count(out, file, protocol, OutcomeKind.CURATED, 1);
      count(out, file, protocol, OutcomeKind.OCCURRENCES, rows.size());
      for (int i = 0; i < all.size(); i++) {
        if (i != w) {
          GenericRecord loser = all.get(i);
          String reason = Duplicates.reason(candidates.get(i), candidates.get(w));
          out.get(DUPLICATES).output(AvroRecords.duplicate(loser, winner, reason));
          count(out, loser.get("sourceFile").toString(), loser.get("protocol").toString(), OutcomeKind.DUPLICATE, 1);
        }
      }
    }

    private static Duplicates.Candidate candidate(GenericRecord r) {
      return new Duplicates.Candidate(
          SourceRef.of(r.get("sourceFile").toString(), (Long) r.get("sourceLine")),
          Instant.ofEpochMilli((Long) r.get("submittedAtMillis")),
          r.get("contentHash").toString());
    }

    private static void count(MultiOutputReceiver out, String file, String protocol, OutcomeKind kind, long n) {
      out.get(COUNTS).output(KV.of(CountKey.of(file, protocol, kind).encode(), n));
    }
  }
}
