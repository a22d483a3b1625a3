package org.observatoire.beam.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.observatoire.beam.jobs.NightlyJob;

/** Real nightly runs (embedded Flink) over files of sample-data/, for the publishing tests. */
final class SampleRuns {
  static final String REFERENCE_TIME = "2026-11-23T00:00:00Z";

  private SampleRuns() {}

  static Path sampleData() {
    return Path.of(System.getProperty("observatoire.root", "../..")).resolve("sample-data");
  }

  /** A folder holding copies of the given sample files (paths relative to sample-data/). */
  static Path input(Path dir, List<String> files) throws IOException {
    for (String f : files) {
      Path target = dir.resolve(f);
      Files.createDirectories(target.getParent());
      Files.copy(sampleData().resolve(f), target);
    }
    return dir;
  }

  /**
   * Options for a run of {@code input} on the embedded Flink runner, as {@code observatoire nightly} runs by default;
   * the output is set by whoever runs it. The DirectRunner, which the transforms' own tests use, took 30 to 90 s per
   * run of a few dozen submissions here: it builds a new evaluator (the ParDo translated to its proto, the DoFn
   * serialized and read back) for every bundle, and its GroupByKeys emit one bundle per key.
   */
  static NightlyJob.Options options(Path input) {
    return PipelineOptionsFactory.fromArgs("--runner=FlinkRunner", "--flinkMaster=[local]", "--parallelism=2",
        "--objectReuse=true", "--input=" + input, "--output=unset", "--referenceTime=" + REFERENCE_TIME,
        "--samplePseudonymKey=true").as(NightlyJob.Options.class);
  }

  /** Runs the nightly job into {@code output} and returns it. */
  static Path nightly(Path input, Path output, String runId) {
    NightlyJob.Options o = options(input);
    o.setOutput(output.toString());
    o.setRunId(runId);
    NightlyJob.run(o).manifest().requireConservation();
    return output;
  }
}
