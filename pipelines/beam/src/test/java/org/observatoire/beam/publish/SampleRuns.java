package org.observatoire.beam.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.observatoire.beam.jobs.NightlyJob;

/** Real nightly runs (DirectRunner) over files of sample-data/, for the publishing tests. */
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

  /** Options for a DirectRunner run of {@code input}; the output is set by whoever runs it. */
  static NightlyJob.Options options(Path input) {
    return PipelineOptionsFactory.fromArgs("--runner=DirectRunner", "--input=" + input, "--output=unset",
        "--referenceTime=" + REFERENCE_TIME, "--targetParallelism=1",
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
