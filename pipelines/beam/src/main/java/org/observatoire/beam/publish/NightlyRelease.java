package org.observatoire.beam.publish;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.observatoire.beam.jobs.NightlyJob;

/** The nightly job run as a release of a catalog: staged, reported on, verified, then published. */
public final class NightlyRelease {
  private NightlyRelease() {}

  /**
   * Runs the nightly job into {@code catalog/staging/<releaseId>/}, writes its quality report, verifies it (plus any
   * {@code extraChecks}) and publishes it; keeps the last {@code keep} releases.
   */
  public static ReleasePublisher.Published<NightlyJob.Result> run(NightlyJob.Options options, Path catalog,
      String releaseId, int keep, List<ReleaseCheck> extraChecks, Clock clock) {
    List<ReleaseCheck> checks = new ArrayList<>();
    checks.add(ReleaseVerifier.of(NightlyDatasets.declaredColumns(options.getMaterialiseVisits())));
    boolean restrictedGiven = options.getRestrictedOutput() != null;
    Path restricted = restrictedGiven ? Path.of(options.getRestrictedOutput()).toAbsolutePath().normalize()
        : catalog.resolve(ReleaseCatalog.RESTRICTED).resolve(releaseId);
    // no observer's name or e-mail, no precise sensitive location or linkable id in any public file
    checks.add(PublicDataCheck.forRun(Path.of(options.getInput()).toAbsolutePath().normalize(), restricted));
    checks.addAll(extraChecks);
    ReleasePublisher publisher = ReleasePublisher.of(ReleaseCatalog.at(catalog, clock), checks, keep);
    return publisher.publish(releaseId, staging -> {
      options.setOutput(staging.toString());
      if (!restrictedGiven) {
        // restricted data never goes into a release: it has its own folder beside them
        options.setRestrictedOutput(restricted.toString());
      }
      options.setRunId(releaseId);
      options.setOverwrite(false);
      NightlyJob.Result result = NightlyJob.run(options);
      QualityReport.write(staging);
      return result;
    });
  }

  /** A release id from the clock: {@code r<UTC yyyyMMdd'T'HHmmss'Z'>}, sortable like publication order. */
  public static String defaultId(Clock clock) {
    return "r" + java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
        .withZone(java.time.ZoneOffset.UTC).format(clock.instant());
  }
}
