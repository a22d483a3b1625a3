package org.observatoire.beam.transforms;

import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
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
 * by submission id (for the duplicate check) and, on the {@link SideRecords} stream, rejected rows, their raw bytes
 * (restricted), dead letters (unexpected failures, with the line) and outcome counters.
 */
public final class ProcessSubmissions extends PTransform<PCollection<RawLine>, PCollectionTuple> {
  private static final TupleTag<KV<String, GenericRecord>> ACCEPTED = new TupleTag<>() {};
  private static final TupleTag<KV<String, byte[]>> SIDE = new TupleTag<>() {};

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

  /** Rejected rows, raw rejected lines (restricted), dead letters and counters: see {@link RouteSideRecords}. */
  public TupleTag<KV<String, byte[]>> sideTag() {
    return SIDE;
  }

  @Override
  public PCollectionTuple expand(PCollection<RawLine> lines) {
    PCollectionTuple out = lines.apply("ValidateAndInterpret", ParDo.of(new ProcessFn(config))
        .withOutputTags(ACCEPTED, TupleTagList.of(SIDE)));
    out.get(ACCEPTED).setCoder(KvCoder.of(StringUtf8Coder.of(), AvroRecordCoder.of(AvroSchemas.ACCEPTED)));
    out.get(SIDE).setCoder(SideRecords.coder());
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
        OutputReceiver<KV<String, byte[]>> side = out.get(SIDE);
        side.output(SideRecords.of(SideRecords.DEAD_LETTER, AvroRecords.deadLetter(line, "validate", e)));
        side.output(SideRecords.count(CountKey.of(line.source().file(), null, OutcomeKind.DEAD_LETTERED), 1));
        return;
      }
      if (outcome instanceof Outcome.Accepted a) {
        out.get(ACCEPTED).output(KV.of(a.submissionId(), AvroRecords.accepted(a)));
      } else if (outcome instanceof Outcome.Rejected r) {
        OutputReceiver<KV<String, byte[]>> side = out.get(SIDE);
        side.output(SideRecords.of(SideRecords.REJECTED, AvroRecords.rejected(r)));
        side.output(SideRecords.of(SideRecords.RAW_REJECTED, AvroRecords.rawLine(r)));
        side.output(SideRecords.count(CountKey.of(r.source().file(), r.protocol(), OutcomeKind.REJECTED), 1));
      }
    }
  }
}
