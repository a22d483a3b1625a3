package org.observatoire.beam.transforms;

import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.observatoire.core.ingest.SubmissionProcessor;
import org.observatoire.core.quality.bdq.ResponseTally;

/**
 * The BDQ responses of the interpreted rows as Beam counters (namespace {@value #NAMESPACE}, one per
 * {@link ResponseTally#key}): the DoFns that interpret hand over their processor's tally at the end of each bundle,
 * and the job reads the counters back for the run manifest once the pipeline is done.
 */
public final class BdqCounters {
  public static final String NAMESPACE = "bdq";

  private BdqCounters() {}

  /** Adds what {@code processor}'s interpreter counted since the last hand-over to the counters. */
  static void publish(SubmissionProcessor processor) {
    if (processor == null || processor.interpreter() == null) {
      return;
    }
    processor.interpreter().drainBdqTally().forEach((key, n) -> Metrics.counter(NAMESPACE, key).inc(n));
  }

  /** The counters of a finished pipeline, by key (attempted values: every runner reports them). */
  public static Map<String, Long> read(PipelineResult result) {
    Map<String, Long> out = new TreeMap<>();
    MetricQueryResults q = result.metrics().queryMetrics(
        MetricsFilter.builder().addNameFilter(MetricNameFilter.inNamespace(NAMESPACE)).build());
    for (MetricResult<Long> c : q.getCounters()) {
      Long n = c.getAttempted();
      if (n != null && n != 0) {
        out.merge(c.getName().getName(), n, Long::sum);
      }
    }
    return out;
  }
}
