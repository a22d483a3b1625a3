package org.observatoire.beam.transforms;

import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.TimeDomain;
import org.apache.beam.sdk.state.Timer;
import org.apache.beam.sdk.state.TimerSpec;
import org.apache.beam.sdk.state.TimerSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Splits accepted submissions (in the global window, stamped with their event time) into those still in time for
 * their fixed window — the window's end plus the allowed lateness is not yet behind the watermark — and those too
 * late, which Beam would otherwise drop silently at the next windowed grouping. Too-late ones go to their own
 * output (the {@code late/} dataset, for the nightly reconciliation).
 *
 * <p>How: keyed by the start of the element's fixed window, a stateful DoFn sets an event-time timer at the
 * window's expiry; once it has fired, later elements of that window are late. Timers do not hold the watermark.
 * The decision can lag the true watermark slightly, so the windowing downstream must allow some extra lateness
 * (see {@link CurateSubmissionStream}) and nothing is ever lost.
 */
public final class RouteLateSubmissions
    extends PTransform<PCollection<KV<String, GenericRecord>>, PCollectionTuple> {
  private static final TupleTag<KV<String, GenericRecord>> IN_TIME = new TupleTag<>() {};
  private static final TupleTag<KV<String, GenericRecord>> TOO_LATE = new TupleTag<>() {};

  private final Duration windowSize;
  private final Duration allowedLateness;

  private RouteLateSubmissions(Duration windowSize, Duration allowedLateness) {
    if (!windowSize.isLongerThan(Duration.ZERO) || allowedLateness.isShorterThan(Duration.ZERO)) {
      throw new IllegalArgumentException("window size must be positive and allowed lateness not negative, got "
          + windowSize + " and " + allowedLateness);
    }
    this.windowSize = windowSize;
    this.allowedLateness = allowedLateness;
  }

  public static RouteLateSubmissions of(Duration windowSize, Duration allowedLateness) {
    return new RouteLateSubmissions(windowSize, allowedLateness);
  }

  public TupleTag<KV<String, GenericRecord>> inTimeTag() {
    return IN_TIME;
  }

  public TupleTag<KV<String, GenericRecord>> tooLateTag() {
    return TOO_LATE;
  }

  @Override
  public PCollectionTuple expand(PCollection<KV<String, GenericRecord>> accepted) {
    Coder<KV<String, GenericRecord>> coder = accepted.getCoder();
    PCollectionTuple out = accepted
        .apply("KeyByWindowStart", ParDo.of(new KeyByWindowStartFn(windowSize.getMillis())))
        .setCoder(KvCoder.of(VarLongCoder.of(), coder))
        .apply("Route", ParDo.of(new RouteFn(windowSize.getMillis(), allowedLateness.getMillis()))
            .withOutputTags(IN_TIME, TupleTagList.of(TOO_LATE)));
    out.get(IN_TIME).setCoder(coder);
    out.get(TOO_LATE).setCoder(coder);
    return out;
  }

  static final class KeyByWindowStartFn
      extends DoFn<KV<String, GenericRecord>, KV<Long, KV<String, GenericRecord>>> {
    private final long windowMillis;

    KeyByWindowStartFn(long windowMillis) {
      this.windowMillis = windowMillis;
    }

    @ProcessElement
    public void process(@Element KV<String, GenericRecord> e, @Timestamp Instant ts,
        OutputReceiver<KV<Long, KV<String, GenericRecord>>> out) {
      long t = ts.getMillis();
      out.output(KV.of(t - Math.floorMod(t, windowMillis), e));
    }
  }

  static final class RouteFn extends DoFn<KV<Long, KV<String, GenericRecord>>, KV<String, GenericRecord>> {
    private final long windowMillis;
    private final long latenessMillis;

    @StateId("expired")
    private final StateSpec<ValueState<Boolean>> expiredSpec = StateSpecs.value(BooleanCoder.of());

    @TimerId("expiry")
    private final TimerSpec expirySpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

    RouteFn(long windowMillis, long latenessMillis) {
      this.windowMillis = windowMillis;
      this.latenessMillis = latenessMillis;
    }

    @ProcessElement
    public void process(@Element KV<Long, KV<String, GenericRecord>> e,
        @StateId("expired") ValueState<Boolean> expired, @TimerId("expiry") Timer expiry,
        MultiOutputReceiver out) {
      if (Boolean.TRUE.equals(expired.read())) {
        out.get(TOO_LATE).output(e.getValue());
        return;
      }
      long windowMax = e.getKey() + windowMillis - 1;
      expiry.withNoOutputTimestamp().set(new Instant(windowMax + latenessMillis));
      out.get(IN_TIME).output(e.getValue());
    }

    @OnTimer("expiry")
    public void onExpiry(@StateId("expired") ValueState<Boolean> expired) {
      expired.write(true);
    }
  }
}
