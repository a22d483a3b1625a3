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
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.observatoire.beam.Progress;
import org.observatoire.beam.avro.AvroRecords;
import org.observatoire.beam.avro.AvroSchemas;
import org.observatoire.core.ingest.Outcome;
import org.observatoire.core.ingest.RawLine;
import org.observatoire.core.ingest.RepeatedIds;
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
  private static final TupleTag<SideRecord> SIDE = new TupleTag<>() {};

  private final ProcessingConfig config;
  private final PCollectionView<RepeatedIds> repeated;

  private ProcessSubmissions(ProcessingConfig config, PCollectionView<RepeatedIds> repeated) {
    this.config = config;
    this.repeated = repeated;
  }

  /** Every accepted submission on {@link #acceptedTag()}, for a duplicate check downstream. */
  public static ProcessSubmissions with(ProcessingConfig config) {
    return new ProcessSubmissions(config, null);
  }

  /**
   * Keeps the accepted submissions whose id is on no other line ({@link FindRepeatedIds}) on the way: they are the
   * {@link #acceptedTag()} output, already curated, their counters on the side stream as
   * {@link DeduplicateSubmissions} would put them. The others go on the side stream as {@link SideRecords#REPEATED}
   * to {@link DeduplicateSubmissions#takeRepeated}. In the batch job ids rarely repeat: the whole submissions then
   * skip the shuffle, only their 8-byte keys are grouped.
   */
  public ProcessSubmissions keepingUnique(PCollectionView<RepeatedIds> repeatedIds) {
    return new ProcessSubmissions(config, java.util.Objects.requireNonNull(repeatedIds, "repeatedIds"));
  }

  public TupleTag<KV<String, GenericRecord>> acceptedTag() {
    return ACCEPTED;
  }

  /** Rejected rows, raw rejected lines (restricted), dead letters and counters: see {@link RouteSideRecords}. */
  public TupleTag<SideRecord> sideTag() {
    return SIDE;
  }

  @Override
  public PCollectionTuple expand(PCollection<RawLine> lines) {
    ParDo.MultiOutput<RawLine, KV<String, GenericRecord>> parDo = repeated == null
        ? ParDo.of(new ProcessFn(config, null)).withOutputTags(ACCEPTED, TupleTagList.of(SIDE))
        : ParDo.of(new ProcessFn(config, repeated)).withSideInputs(repeated)
            .withOutputTags(ACCEPTED, TupleTagList.of(SIDE));
    PCollectionTuple out = lines.apply("ValidateAndInterpret", parDo);
    out.get(ACCEPTED).setCoder(KvCoder.of(StringUtf8Coder.of(), AvroRecordCoder.of(AvroSchemas.ACCEPTED)));
    out.get(SIDE).setCoder(SideRecords.coder());
    return out;
  }

  static final class ProcessFn extends DoFn<RawLine, KV<String, GenericRecord>> {
    private final ProcessingConfig config;
    private final PCollectionView<RepeatedIds> repeatedView;
    private transient SubmissionProcessor processor;
    private transient RepeatedIds repeated;

    ProcessFn(ProcessingConfig config, PCollectionView<RepeatedIds> repeatedView) {
      this.config = config;
      this.repeatedView = repeatedView;
    }

    @Setup
    public void setup() {
      processor = config.processor();
    }

    @StartBundle
    public void startBundle() {
      repeated = null;
    }

    @FinishBundle
    public void finishBundle() {
      BdqCounters.publish(processor);
    }

    @ProcessElement
    public void process(ProcessContext c) {
      RawLine line = c.element();
      Progress.line();
      Outcome outcome;
      try {
        outcome = processor.process(line);
      } catch (RuntimeException | StackOverflowError e) {
        c.output(SIDE, SideRecords.of(SideKind.DEAD_LETTER, AvroRecords.deadLetter(line, "validate", e)));
        c.output(SIDE, SideRecords.count(CountKey.of(line.source().file(), null, OutcomeKind.DEAD_LETTERED), 1));
        return;
      }
      if (outcome instanceof Outcome.Accepted a) {
        GenericRecord accepted = AvroRecords.accepted(a);
        if (repeatedView == null) {
          c.output(KV.of(a.submissionId(), accepted));
          return;
        }
        if (repeated == null) {
          repeated = c.sideInput(repeatedView);
        }
        if (repeated.mayRepeat(a.submissionId())) {
          c.output(SIDE, SideRecords.of(SideKind.REPEATED, accepted));
        } else {
          c.output(KV.of(a.submissionId(), accepted));
          DeduplicateSubmissions.kept(accepted, kv -> c.output(SIDE, kv));
        }
      } else if (outcome instanceof Outcome.Rejected r) {
        c.output(SIDE, SideRecords.of(SideKind.REJECTED, AvroRecords.rejected(r)));
        c.output(SIDE, SideRecords.of(SideKind.RAW_REJECTED, AvroRecords.rawLine(r)));
        c.output(SIDE, SideRecords.count(CountKey.of(r.source().file(), r.protocol(), OutcomeKind.REJECTED), 1));
      }
    }
  }
}
