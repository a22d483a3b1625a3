package org.observatoire.beam.transforms;

import java.time.Clock;
import java.time.Instant;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.observatoire.beam.Progress;
import org.observatoire.beam.avro.AvroRecords;
import org.observatoire.beam.avro.AvroSchemas;
import org.observatoire.core.ingest.Outcome;
import org.observatoire.core.ingest.RawLine;
import org.observatoire.core.ingest.SubmissionProcessor;
import org.observatoire.core.run.CountKey;
import org.observatoire.core.run.OutcomeKind;

/**
 * Validates and flattens every line with the core's {@link SubmissionProcessor}. Outputs accepted submissions keyed
 * by submission id (for the duplicate check), rejected rows, dead letters (unexpected failures, with the line) and
 * outcome counters.
 */
public final class ProcessSubmissions extends PTransform<PCollection<RawLine>, PCollectionTuple> {
  private static final TupleTag<KV<String, GenericRecord>> ACCEPTED = new TupleTag<>() {};
  private static final TupleTag<GenericRecord> REJECTED = new TupleTag<>() {};
  private static final TupleTag<GenericRecord> DEAD_LETTERS = new TupleTag<>() {};
  private static final TupleTag<KV<String, Long>> COUNTS = new TupleTag<>() {};

  /** Marks a live run: "now" is read from the system clock for every line (streaming). */
  private static final long LIVE = Long.MIN_VALUE;

  private final Instant referenceTime;
  private final int maxLineBytes;

  private ProcessSubmissions(Instant referenceTime, int maxLineBytes) {
    this.referenceTime = referenceTime;
    this.maxLineBytes = maxLineBytes;
  }

  public static ProcessSubmissions at(Instant referenceTime, int maxLineBytes) {
    return new ProcessSubmissions(referenceTime, maxLineBytes);
  }

  /** For streaming: each submission is judged against the wall clock when it is processed. */
  public static ProcessSubmissions live(int maxLineBytes) {
    return new ProcessSubmissions(null, maxLineBytes);
  }

  public TupleTag<KV<String, GenericRecord>> acceptedTag() {
    return ACCEPTED;
  }

  public TupleTag<GenericRecord> rejectedTag() {
    return REJECTED;
  }

  public TupleTag<GenericRecord> deadLettersTag() {
    return DEAD_LETTERS;
  }

  public TupleTag<KV<String, Long>> countsTag() {
    return COUNTS;
  }

  @Override
  public PCollectionTuple expand(PCollection<RawLine> lines) {
    PCollectionTuple out = lines.apply("Validate", ParDo.of(new ProcessFn(referenceTime == null ? LIVE : referenceTime.toEpochMilli(), maxLineBytes))
        .withOutputTags(ACCEPTED, TupleTagList.of(REJECTED).and(DEAD_LETTERS).and(COUNTS)));
    out.get(ACCEPTED).setCoder(KvCoder.of(StringUtf8Coder.of(), AvroCoder.of(AvroSchemas.ACCEPTED)));
    out.get(REJECTED).setCoder(AvroCoder.of(AvroSchemas.REJECTED));
    out.get(DEAD_LETTERS).setCoder(AvroCoder.of(AvroSchemas.DEAD_LETTER));
    out.get(COUNTS).setCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()));
    return out;
  }

  static final class ProcessFn extends DoFn<RawLine, KV<String, GenericRecord>> {
    private final long referenceMillis;
    private final int maxLineBytes;
    private transient SubmissionProcessor processor;

    ProcessFn(long referenceMillis, int maxLineBytes) {
      this.referenceMillis = referenceMillis;
      this.maxLineBytes = maxLineBytes;
    }

    @Setup
    public void setup() {
      processor = referenceMillis == LIVE
          ? SubmissionProcessor.create(Clock.systemUTC(), maxLineBytes)
          : SubmissionProcessor.create(Instant.ofEpochMilli(referenceMillis), maxLineBytes);
    }

    @ProcessElement
    public void process(@Element RawLine line, MultiOutputReceiver out) {
      Progress.line();
      Outcome outcome;
      try {
        outcome = processor.process(line);
      } catch (RuntimeException | StackOverflowError e) {
        out.get(DEAD_LETTERS).output(AvroRecords.deadLetter(line, "validate", e));
        count(out, line.source().file(), null, OutcomeKind.DEAD_LETTERED, 1);
        return;
      }
      if (outcome instanceof Outcome.Accepted a) {
        out.get(ACCEPTED).output(KV.of(a.submissionId(), AvroRecords.accepted(a)));
      } else if (outcome instanceof Outcome.Rejected r) {
        out.get(REJECTED).output(AvroRecords.rejected(r));
        count(out, r.source().file(), r.protocol(), OutcomeKind.REJECTED, 1);
      }
    }

    static void count(MultiOutputReceiver out, String file, String protocol, OutcomeKind kind, long n) {
      out.get(COUNTS).output(KV.of(CountKey.of(file, protocol, kind).encode(), n));
    }
  }
}
