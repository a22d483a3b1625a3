package org.observatoire.beam.jobs;

import java.util.List;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.observatoire.core.interpret.BdqOptions;

/** The jobs' options choosing the TDWG BDQ tests run on every curated row (docs/bdq.md). */
public interface BdqJobOptions extends PipelineOptions {
  @Description("BDQ tests on every curated row: core (the row validations) or all (every registered test:"
      + " validations, amendments, measures, issues)")
  @Default.String("core")
  String getBdqTests();

  void setBdqTests(String value);

  @Description("A BDQ parameter for every row, name=value (e.g. earliestValidDate=1900-01-01,"
      + " sourceAuthority=...); latestValidDate defaults to the run's reference date. Repeatable (comma-separated)")
  List<String> getBdqParameters();

  void setBdqParameters(List<String> value);

  /** The options as the core reads them; a bad value fails with a message naming it. */
  static BdqOptions bdq(BdqJobOptions options) {
    return BdqOptions.parse(options.getBdqTests(), options.getBdqParameters());
  }
}
