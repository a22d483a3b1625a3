package org.observatoire.beam.transforms;

import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.observatoire.beam.avro.AvroRecordCoder;
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
  private static final TupleTag<GenericRecord> RAW_REJECTED = new TupleTag<>() {};
  private static final TupleTag<KV<String, Long>> COUNTS = new TupleTag<>() {};

  private final ProcessingConfig config;

  private ProcessSubmissions(ProcessingConfig config) {
    this.config = config;
  }

  public static ProcessSubmissions with(ProcessingConfig config) {
    return new ProcessSubmissions(config);
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

  /** Restricted: the bytes of every rejected line. */
  public TupleTag<GenericRecord> rawRejectedTag() {
    return RAW_REJECTED;
  }

  public TupleTag<KV<String, Long>> countsTag() {
    return COUNTS;
  }

  @Override
  public PCollectionTuple expand(PCollection<RawLine> lines) {
    PCollectionTuple out = lines.apply("ValidateAndInterpret", ParDo.of(new ProcessFn(config))
        .withOutputTags(ACCEPTED, TupleTagList.of(REJECTED).and(DEAD_LETTERS).and(RAW_REJECTED).and(COUNTS)));
    out.get(RAW_REJECTED).setCoder(AvroRecordCoder.of(AvroSchemas.RAW_LINE));
    out.get(ACCEPTED).setCoder(KvCoder.of(StringUtf8Coder.of(), AvroRecordCoder.of(AvroSchemas.ACCEPTED)));
    out.get(REJECTED).setCoder(AvroRecordCoder.of(AvroSchemas.REJECTED));
    out.get(DEAD_LETTERS).setCoder(AvroRecordCoder.of(AvroSchemas.DEAD_LETTER));
    out.get(COUNTS).setCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()));
    return out;
  }

  static final class ProcessFn extends DoFn<RawLine, KV<String, GenericRecord>> {
    private final ProcessingConfig config;
    private transient SubmissionProcessor processor;

    ProcessFn(ProcessingConfig config) {
      this.config = config;
    }

    @Setup
    public void setup() {
      processor = config.processor();
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
        out.get(RAW_REJECTED).output(AvroRecords.rawLine(r));
        count(out, r.source().file(), r.protocol(), OutcomeKind.REJECTED, 1);
      }
    }

    static void count(MultiOutputReceiver out, String file, String protocol, OutcomeKind kind, long n) {
      out.get(COUNTS).output(KV.of(CountKey.of(file, protocol, kind).encode(), n));
    }
  }
}
