package org.observatoire.beam.transforms;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.observatoire.beam.avro.AvroRecordCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.transforms.windowing.AfterProcessingTime;
import org.apache.beam.sdk.transforms.windowing.AfterWatermark;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Repeatedly;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.joda.time.Duration;
import org.observatoire.beam.avro.AvroSchemas;
import org.observatoire.beam.avro.OccurrencePicker;
import org.observatoire.core.ingest.RawLine;
import org.observatoire.core.validation.Verdict;
import org.observatoire.core.validation.Violation;

/**
 * The streaming path over submissions stamped with their event time ({@code submittedAt}): the same core
 * validation as the nightly job ({@link ProcessSubmissions}, judged against the wall clock), then
 * <ul>
 *   <li>curated submissions in time (each carrying its occurrence rows as one block, unpacked where they are
 *       written), in fixed event-time windows (on-time pane when the watermark passes
 *       the window's end, then a late pane every {@code flushDelay} while late submissions within the allowed
 *       lateness arrive), de-duplicated per
 *       submission id within a window ({@link DeduplicateSubmissions}, in {@value #DEDUPE_BUCKETS} groups);
 *   <li>accepted submissions later than that ({@link RouteLateSubmissions}), never dropped;
 *   <li>rejected submissions and dead letters, in the global window, flushed every {@code flushDelay};
 *   <li>one verdict per submission (JSON keyed by submission id), as soon as it is processed.
 * </ul>
 * Optionally ({@link #relayedThrough}) the accepted submissions reach their windows through a Kafka topic, after
 * their verdicts have been sent.
 */
public final class CurateSubmissionStream extends PTransform<PCollection<RawLine>, PCollectionTuple> {
  private static final TupleTag<GenericRecord> CURATED = new TupleTag<>() {};
  private static final TupleTag<GenericRecord> TOO_LATE = new TupleTag<>() {};
  private static final TupleTag<GenericRecord> REJECTED = new TupleTag<>() {};
  private static final TupleTag<GenericRecord> DEAD_LETTERS = new TupleTag<>() {};
  private static final TupleTag<KV<String, String>> VERDICTS = new TupleTag<>() {};

  /**
   * How many groups the de-duplication makes of each window: a few per worker, not one per submission (see
   * {@link DeduplicateSubmissions#inBuckets}).
   */
  static final int DEDUPE_BUCKETS = 64;

  private final Duration windowSize;
  private final Duration allowedLateness;
  private final Duration flushDelay;
  private final ProcessingConfig config;
  private final PTransform<PCollection<KV<String, GenericRecord>>, PCollection<KV<String, GenericRecord>>> relay;
  private final int windowingNiceness;

  private CurateSubmissionStream(Duration windowSize, Duration allowedLateness, Duration flushDelay,
      ProcessingConfig config,
      PTransform<PCollection<KV<String, GenericRecord>>, PCollection<KV<String, GenericRecord>>> relay,
      int windowingNiceness) {
    this.windowSize = windowSize;
    this.allowedLateness = allowedLateness;
    this.flushDelay = flushDelay;
    this.config = config;
    this.relay = relay;
    this.windowingNiceness = windowingNiceness;
  }

  /**
   * @param windowSize length of the event-time windows the curated files are cut in
   * @param allowedLateness how long after a window's end its late submissions are still curated in it
   * @param flushDelay how often rejected, dead-letter and too-late outputs are flushed (processing time)
   */
  public static CurateSubmissionStream of(Duration windowSize, Duration allowedLateness, Duration flushDelay,
      ProcessingConfig config) {
    return new CurateSubmissionStream(windowSize, allowedLateness, flushDelay, config, null, 0);
  }

  /**
   * The same, with the accepted submissions passed through {@code relay} (a Kafka topic: {@link
   * org.observatoire.beam.io.RelayThroughKafka}) between their verdicts and their windows, so that a window's firing
   * does not hold the verdicts back. The relay must keep event times; it may repeat elements.
   *
   * @param windowingNiceness the nice value of the threads that read the relay and window, de-duplicate and route
   *     the submissions (0: unchanged; see {@link LowerPriority}): with the two halves unconnected, the windows can
   *     yield the cores to the verdicts
   */
  public CurateSubmissionStream relayedThrough(
      PTransform<PCollection<KV<String, GenericRecord>>, PCollection<KV<String, GenericRecord>>> relay,
      int windowingNiceness) {
    return new CurateSubmissionStream(windowSize, allowedLateness, flushDelay, config, relay, windowingNiceness);
  }

  /** Curated submissions (accepted-submission records, each with its occurrence rows as one block), windowed. */
  public TupleTag<GenericRecord> curatedTag() {
    return CURATED;
  }

  /** Accepted submissions too late for their window, for the nightly reconciliation; global window, flushed. */
  public TupleTag<GenericRecord> tooLateTag() {
    return TOO_LATE;
  }

  public TupleTag<GenericRecord> rejectedTag() {
    return REJECTED;
  }

  public TupleTag<GenericRecord> deadLettersTag() {
    return DEAD_LETTERS;
  }

  public TupleTag<KV<String, String>> verdictsTag() {
    return VERDICTS;
  }

  @Override
  public PCollectionTuple expand(PCollection<RawLine> lines) {
    ProcessSubmissions process = ProcessSubmissions.with(config);
    PCollectionTuple processed = lines.apply("ProcessSubmissions", process);
    PCollection<KV<String, GenericRecord>> accepted = processed.get(process.acceptedTag());
    RouteSideRecords side = RouteSideRecords.create();
    PCollectionTuple sides = PCollectionList.of(processed.get(process.sideTag())).apply("RouteSideRecords", side);
    PCollection<GenericRecord> rejected = sides.get(side.tag(SideKind.REJECTED));

    KvCoder<String, String> verdictCoder = KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of());
    PCollection<KV<String, String>> verdicts = PCollectionList
        .of(accepted.apply("VerdictAccepted", ParDo.of(new AcceptedVerdictFn())).setCoder(verdictCoder))
        .and(rejected.apply("VerdictRejected", ParDo.of(new RejectedVerdictFn())).setCoder(verdictCoder))
        .apply("Verdicts", Flatten.pCollections());

    PCollection<KV<String, GenericRecord>> toWindow = relay == null ? accepted
        : lowered("LowerRelayed", accepted.apply("RelayAccepted", relay));
    RouteLateSubmissions route = RouteLateSubmissions.of(windowSize, allowedLateness);
    PCollectionTuple routed = toWindow.apply("RouteLate", route);
    DeduplicateSubmissions dedupe = DeduplicateSubmissions.inBuckets(DEDUPE_BUCKETS);
    PCollection<GenericRecord> windowed = lowered("LowerRouted", routed.get(route.inTimeTag()))
        .apply("FixedWindows", Window.<KV<String, GenericRecord>>into(FixedWindows.of(windowSize))
            // late submissions within the allowed lateness are gathered for flushDelay, not one pane (and one
            // Parquet file per partition) each: under load, per-element late panes were the job's bottleneck
            .triggering(AfterWatermark.pastEndOfWindow().withLateFirings(
                AfterProcessingTime.pastFirstElementInPane().plusDelayOf(flushDelay)))
            // the router decides lateness; the extra margin only covers its lag behind the watermark
            .withAllowedLateness(allowedLateness.plus(allowedLateness).plus(windowSize))
            // Beam's default fires the on-time pane even when empty (a window whose elements all came in late
            // panes); an empty group has no submission to keep, and the embedded Flink runner failed on it
            .withOnTimeBehavior(Window.OnTimeBehavior.FIRE_IF_NON_EMPTY)
            .discardingFiredPanes())
        .apply("DeduplicateSubmissions", dedupe)
        .get(dedupe.curatedTag());
    PCollection<GenericRecord> curated = lowered("LowerCurated", windowed);

    PCollection<GenericRecord> late = lowered("LowerLate", routed.get(route.tooLateTag())
        .apply("Submissions", Values.create())
        .setCoder(AvroRecordCoder.of(AvroSchemas.ACCEPTED))
        .apply("FlushLate", flushed()));

    return PCollectionTuple.of(CURATED, curated)
        .and(TOO_LATE, late)
        .and(REJECTED, rejected.apply("FlushRejected", flushed()))
        .and(DEAD_LETTERS, sides.get(side.tag(SideKind.DEAD_LETTER)).apply("FlushDeadLetters", flushed()))
        .and(VERDICTS, verdicts);
  }

  /** {@code in} on lower-priority threads when relayed with a niceness, else as it is. */
  private <T> PCollection<T> lowered(String name, PCollection<T> in) {
    return windowingNiceness == 0 ? in : in.apply(name, LowerPriority.to(windowingNiceness));
  }

  private Window<GenericRecord> flushed() {
    return Window.<GenericRecord>into(new GlobalWindows())
        .triggering(Repeatedly.forever(AfterProcessingTime.pastFirstElementInPane().plusDelayOf(flushDelay)))
        .withAllowedLateness(Duration.ZERO)
        .discardingFiredPanes();
  }

  static final class AcceptedVerdictFn extends DoFn<KV<String, GenericRecord>, KV<String, String>> {
    private transient OccurrencePicker flags;

    @Setup
    public void setup() {
      flags = flagsPicker();
    }

    @ProcessElement
    public void process(@Element KV<String, GenericRecord> e, OutputReceiver<KV<String, String>> out) {
      out.output(KV.of(e.getKey(), acceptedVerdict(e.getKey(), e.getValue(), flags).toJson()));
    }
  }

  static final class RejectedVerdictFn extends DoFn<GenericRecord, KV<String, String>> {
    @ProcessElement
    public void process(@Element GenericRecord r, OutputReceiver<KV<String, String>> out) {
      // without an id (not JSON, say) the verdict is keyed by where the record came from
      String id = r.get("submissionId") != null ? r.get("submissionId").toString()
          : r.get("sourceFile") + ":" + r.get("sourceLine");
      List<Violation> violations = new ArrayList<>();
      @SuppressWarnings("unchecked")
      List<GenericRecord> vs = (List<GenericRecord>) r.get("violations");
      for (GenericRecord v : vs) {
        violations.add(Violation.of(v.get("code").toString(), v.get("pointer").toString(),
            v.get("message").toString()));
      }
      String protocol = r.get("protocol") == null ? null : r.get("protocol").toString();
      out.output(KV.of(id, Verdict.rejected(id, protocol, violations).toJson()));
    }
  }

  /** Reads the one column an accepted verdict needs: each occurrence row's quality flags. */
  static OccurrencePicker flagsPicker() {
    return OccurrencePicker.of(List.of("flags"));
  }

  /**
   * The verdict of an accepted record: its occurrence count, and one reason per distinct quality flag saying on how
   * many rows it was raised. The flags are read straight from the occurrence block's bytes: decoding whole rows, and
   * later Avro's schema resolution down to the flags, were each a tenth of the reading thread's time, the thread
   * every verdict waits on.
   */
  static Verdict acceptedVerdict(String id, GenericRecord accepted, OccurrencePicker flags) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    int[] rows = {0};
    flags.rows((ByteBuffer) accepted.get("occurrences"), v -> {
      rows[0]++;
      if (v[0] instanceof List<?> codes) {
        for (Object code : codes) {
          counts.merge((String) code, 1, Integer::sum);
        }
      }
    });
    List<Verdict.Reason> reasons = new ArrayList<>();
    counts.forEach((code, n) -> reasons.add(Verdict.Reason.of(code, "", "raised on " + n + " of " + rows[0]
        + " occurrence(s)")));
    return Verdict.accepted(id, accepted.get("protocol").toString(), rows[0], reasons);
  }
}
