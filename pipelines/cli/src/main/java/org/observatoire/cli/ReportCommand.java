package org.observatoire.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.observatoire.beam.publish.QualityReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code observatoire report}: (re)writes a run's quality report. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = "Write report.html (self-contained) for a nightly run's output folder or a published release.")
public final class ReportCommand implements Callable<Integer> {
  @Option(names = "--output-dir", required = true, description = "A run's output folder (holding manifest.json).")
  Path outputDir;

  @Override
  public Integer call() {
    System.out.println("quality report: " + QualityReport.write(outputDir));
    return 0;
  }
}
