package org.observatoire.beam.jobs;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.options.StreamingOptions;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.observatoire.beam.io.RawLineCoder;
import org.observatoire.beam.transforms.CurateSubmissionStream;
import org.observatoire.beam.transforms.ExpandOccurrences;
import org.observatoire.beam.transforms.ProcessingConfig;
import org.observatoire.core.ingest.Outcome;
import org.observatoire.core.ingest.RawLine;
import org.observatoire.core.ingest.SourceRef;
import org.observatoire.core.ingest.SubmissionProcessor;
import org.observatoire.core.occurrence.Occurrence;

/**
 * Event-time behaviour of the streaming path on the DirectRunner with {@link TestStream}: windows, on-time and late
 * panes, out-of-order arrival, submissions past the allowed lateness routed to the late output, verdicts.
 * Few keys (four submissions, two windows) keep the DirectRunner fast.
 */
class StreamingJobTest {
  private static final Path ROOT = Path.of(System.getProperty("observatoire.root", "../.."));
  private static final Duration WINDOW = Duration.standardMinutes(1);
  private static final Duration LATENESS = Duration.standardMinutes(10);
  private static final Instant T0 = Instant.parse("2025-06-01T10:00:00Z");
  private static final IntervalWindow W0 = new IntervalWindow(T0, WINDOW);
  private static final IntervalWindow W1 = new IntervalWindow(T0.plus(WINDOW), WINDOW);

  private static List<RawLine> lines(String file, int n) throws Exception {
    List<String> text = Files.readAllLines(ROOT.resolve("sample-data/submissions/" + file), StandardCharsets.UTF_8);
    List<RawLine> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(RawLine.of(SourceRef.of("kafka:submissions/0", i + 1), text.get(i).getBytes(StandardCharsets.UTF_8)));
    }
    return out;
  }

  private static final ProcessingConfig CONFIG =
      ProcessingConfig.live(SubmissionProcessor.DEFAULT_MAX_LINE_BYTES, null, true, null);

  /** The verdict status the core implies: flagged rows make "accepted_with_flags". */
  private static String status(Outcome.Accepted a) {
    boolean flagged = a.occurrences().stream().anyMatch(o -> !o.flags().isEmpty());
    return a.submissionId() + (flagged ? "=accepted_with_flags" : "=accepted");
  }

  /** What the core makes of a line: its submission id and occurrence ids, the expectations of the pipeline. */
  private static Outcome.Accepted core(RawLine line) {
    Outcome o = CONFIG.processor().process(line);
    if (!(o instanceof Outcome.Accepted a)) {
      throw new AssertionError("fixture line not accepted by the core: " + o);
    }
    return a;
  }

  private static List<String> ids(Outcome.Accepted a) {
    return a.occurrences().stream().map(Occurrence::occurrenceID).toList();
  }

  /**
   * What the job's Kafka relay may do to the accepted submissions between their verdicts and their windows (a
   * replay after a restore): deliver each twice, with its event time.
   */
  static final class RepeatEachTwice
      extends PTransform<PCollection<KV<String, GenericRecord>>, PCollection<KV<String, GenericRecord>>> {
    @Override
    public PCollection<KV<String, GenericRecord>> expand(PCollection<KV<String, GenericRecord>> in) {
      return in.apply(ParDo.of(new TwiceFn())).setCoder(in.getCoder());
    }
  }

  static final class TwiceFn extends DoFn<KV<String, GenericRecord>, KV<String, GenericRecord>> {
    @ProcessElement
    public void process(@Element KV<String, GenericRecord> e, OutputReceiver<KV<String, GenericRecord>> out) {
      out.output(e);
      out.output(e);
    }
  }

  @ParameterizedTest(name = "accepted submissions relayed twice: {0}")
  @ValueSource(booleans = {false, true})
  void onTimeLateOutOfOrderAndTooLateSubmissionsLandWhereExpectedWithVerdicts(boolean relayedTwice)
      throws Exception {
    List<RawLine> valid = lines("spipoll/valid.jsonl", 4);
    RawLine invalid = lines("spipoll/invalid.jsonl", 2).get(1); // spipoll.inv: SCHEMA_ENUM
    Outcome.Accepted a = core(valid.get(0));
    Outcome.Accepted b = core(valid.get(1));
    Outcome.Accepted c = core(valid.get(2));
    Outcome.Accepted d = core(valid.get(3));

    TestStream<RawLine> events = TestStream.create(RawLineCoder.of())
        // out of order: B (second window) arrives before A (first window); B is sent twice, and kept once
        .addElements(TimestampedValue.of(valid.get(1), T0.plus(Duration.standardSeconds(70))),
            TimestampedValue.of(valid.get(0), T0.plus(Duration.standardSeconds(10))),
            TimestampedValue.of(valid.get(1), T0.plus(Duration.standardSeconds(75))))
        .advanceWatermarkTo(T0.plus(Duration.standardSeconds(125)))
        // C is late for W0 but within the allowed lateness: a late pane of W0
        .addElements(TimestampedValue.of(valid.get(2), T0.plus(Duration.standardSeconds(20))))
        .advanceWatermarkTo(T0.plus(WINDOW).plus(LATENESS).plus(Duration.standardMinutes(1)))
        // D is past W0's allowed lateness: routed to the late output, not dropped; R is rejected
        .addElements(TimestampedValue.of(valid.get(3), T0.plus(Duration.standardSeconds(30))),
            TimestampedValue.of(invalid, T0.plus(LATENESS).plus(Duration.standardMinutes(2))))
        .advanceWatermarkToInfinity();

    StreamingOptions options = PipelineOptionsFactory.create().as(StreamingOptions.class);
    options.setRunner(DirectRunner.class);
    options.setStreaming(true);
    Pipeline p = Pipeline.create(options);
    CurateSubmissionStream plain = CurateSubmissionStream.of(WINDOW, LATENESS, Duration.standardSeconds(5), CONFIG);
    CurateSubmissionStream curate = relayedTwice ? plain.relayedThrough(new RepeatEachTwice(), 5) : plain;
    PCollectionTuple out = p.apply(events).apply(curate);

    PCollection<String> occurrenceIds = out.get(curate.curatedTag())
        .apply("Rows", ExpandOccurrences.create())
        .apply("OccurrenceIds", MapElements.into(TypeDescriptors.strings())
            .via((GenericRecord r) -> r.get("occurrenceID").toString()));
    PAssert.that(occurrenceIds).inOnTimePane(W0).containsInAnyOrder(ids(a));
    PAssert.that(occurrenceIds).inOnTimePane(W1).containsInAnyOrder(ids(b));
    PAssert.that(occurrenceIds).inLatePane(W0).containsInAnyOrder(ids(c));
    PAssert.that(occurrenceIds).inWindow(W1).containsInAnyOrder(ids(b));

    PCollection<String> lateIds = out.get(curate.tooLateTag())
        .apply("LateRows", ExpandOccurrences.create())
        .apply("LateIds", MapElements.into(TypeDescriptors.strings())
            .via((GenericRecord r) -> r.get("occurrenceID").toString()));
    // the windows keep one copy of a submission; the late output, for the nightly reconciliation, keeps them all
    List<String> late = new ArrayList<>(ids(d));
    if (relayedTwice) {
      late.addAll(ids(d));
    }
    PAssert.that(lateIds).containsInAnyOrder(late);

    PCollection<String> statuses = out.get(curate.verdictsTag())
        .apply("Statuses", MapElements.into(TypeDescriptors.strings())
            .via((KV<String, String> v) -> v.getKey() + "=" + status(v.getValue())));
    PAssert.that(statuses).containsInAnyOrder(
        status(a), status(b), status(b), status(c), status(d), rejectedId(invalid) + "=rejected");
    PAssert.that(out.get(curate.verdictsTag())).satisfies(vs -> {
      for (KV<String, String> v : vs) {
        JsonNode json = read(v.getValue());
        if (json.get("status").asText().equals("rejected")) {
          JsonNode reason = json.get("reasons").get(0);
          assertThat(reason.get("code").asText().isEmpty(), equalTo(false));
          assertThat(reason.get("message").get("fr").asText().isEmpty(), equalTo(false));
          assertThat(reason.get("message").get("en").asText().isEmpty(), equalTo(false));
        } else {
          assertThat(json.get("occurrences").asInt() > 0, equalTo(true));
        }
      }
      return null;
    });
    PAssert.that(out.get(curate.rejectedTag()).apply("RejectedIds", MapElements.into(TypeDescriptors.strings())
            .via((GenericRecord r) -> String.valueOf(r.get("submissionId")))))
        .containsInAnyOrder(String.valueOf(rejectedId(invalid)));

    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertAllAssertionsRan(p, result);
  }

  private static String rejectedId(RawLine line) {
    Outcome o = SubmissionProcessor.create(Clock.systemUTC(), SubmissionProcessor.DEFAULT_MAX_LINE_BYTES)
        .process(line);
    Outcome.Rejected r = (Outcome.Rejected) o;
    return r.submissionId() != null ? r.submissionId() : r.source().toString();
  }

  private static String status(String json) {
    return read(json).get("status").asText();
  }

  private static JsonNode read(String json) {
    try {
      return new ObjectMapper().readTree(json);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Outside TestPipeline's JUnit 4 rule, check ourselves that no PAssert passed by never running. */
  private static void assertAllAssertionsRan(Pipeline p, PipelineResult result) {
    long expected = PAssert.countAsserts(p);
    long succeeded = 0;
    for (MetricResult<Long> c : result.metrics().queryMetrics(MetricsFilter.builder()
        .addNameFilter(MetricNameFilter.named(PAssert.class, PAssert.SUCCESS_COUNTER)).build()).getCounters()) {
      succeeded += c.getAttempted();
    }
    assertThat("PAssert assertions that ran and succeeded", succeeded, equalTo(expected));
  }
}
