package org.observatoire.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.observatoire.beam.parquet.ParquetWriterKind;
import org.observatoire.beam.jobs.NightlyJob;
import org.observatoire.beam.publish.NightlyRelease;
import org.observatoire.beam.publish.QualityReport;
import org.observatoire.beam.publish.ReleaseCatalog;
import org.observatoire.beam.publish.ReleasePublisher;
import org.observatoire.beam.publish.ReleaseRejectedException;
import org.observatoire.core.privacy.PseudonymKey;
import org.observatoire.core.run.ConservationException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/** {@code observatoire nightly}: the nightly batch job on an embedded Flink runner unless told otherwise. */
@Command(
    name = "nightly",
    mixinStandardHelpOptions = true,
    description = {
        "Validate, interpret and publish a folder of JSON-lines submissions as curated Parquet datasets.",
        "Other --options (e.g. --flinkMaster=host:8081, --runner=SparkRunner) are passed to Apache Beam."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:the run completed; every input file was read to its end",
        "1:the run stopped (an infrastructure failure: disk, runner)",
        "2:a usage error (an option or a file to fix)",
        "3:conservation failed (the manifest lists the discrepancies)",
        "4:with --catalog, the release was not published (the verifier's problems are printed)",
        NightlyCommand.FAULTY_INPUTS + ":completed with faulty inputs: some files could not be read to their end"
            + " (truncated or corrupt .gz, I/O error); their lines before the fault were processed, one line per"
            + " file is printed and the manifest's faultyInputs lists them"})
public final class NightlyCommand implements Callable<Integer> {
  /**
   * The collector for the batch job (the launcher passes it to {@code nightly}, the bench to its child JVMs): the
   * parallel collector spends less CPU than G1 on a throughput job. 100k submissions: 160.1 → 148.5 CPU s, 84.1 →
   * 78.0 s wall, 1.56 → 1.37 GB peak RSS (docs/benchmarks.md). Streaming keeps G1 for its short pauses.
   */
  public static final String BATCH_GC = "-XX:+UseParallelGC";
  /** Exit code of a user error (picocli's own for bad options). */
  static final int USAGE = 2;
  /** Exit code of a run that completed but could not read some input files to their end. */
  static final int FAULTY_INPUTS = 5;
  /** With --cpu-by-stage: a task ending between two samples loses at most this much of its CPU time. */
  private static final long CPU_SAMPLE_MILLIS = 100;

  @Option(names = "--input", required = true, description = "Folder of submission files (read recursively).")
  Path input;

  @Option(names = "--output", description = "Output folder (or use --catalog).")
  Path output;

  @Option(names = "--catalog", description = "Release catalog: run into ROOT/staging/<id>, verify, publish as"
      + " ROOT/releases/<id> and move ROOT/current (the id is --run-id, else r<UTC time>).")
  Path catalog;

  @Option(names = "--keep", defaultValue = "7", description = "With --catalog: releases kept. Default: ${DEFAULT-VALUE}.")
  int keep;

  @Option(names = "--runner", defaultValue = "FlinkRunner",
      description = "Beam runner: FlinkRunner (embedded local by default; --flinkMaster=host:8081 for a cluster), "
          + "SparkRunner (local[cores] by default; --sparkMaster=spark://host:7077), DirectRunner (small data only)."
          + " See docs/runners.md. Default: ${DEFAULT-VALUE}.")
  String runner;

  @Option(names = "--parallelism",
      description = "Parallelism for Flink, threads for local Spark. Default: the number of cores.")
  Integer parallelism;

  @Option(names = "--max-line-bytes", defaultValue = "8388608",
      description = "Longest line accepted, in bytes. Default: ${DEFAULT-VALUE}.")
  int maxLineBytes;

  @Option(names = "--reference-time", description = "The run's 'now' (RFC 3339), for reproducible reruns.")
  String referenceTime;

  @Option(names = "--run-id", description = "Run id for the manifest.")
  String runId;

  @Option(names = "--overwrite", description = "Replace an earlier run's outputs in the output folder.")
  boolean overwrite;

  @Option(names = "--restricted-output",
      description = "Folder for restricted data (sensitive species at full precision, raw rejected lines, dead "
          + "letters). Default: <output>-restricted.")
  Path restrictedOutput;

  @Option(names = "--pseudonym-key-file",
      description = "File with the observer pseudonym key (64 hex chars), outside any repository. The environment "
          + "variable OBSERVATOIRE_PSEUDONYM_KEY takes precedence.")
  Path pseudonymKeyFile;

  @Option(names = "--sample-pseudonym-key",
      description = "Use the public sample key: for the bundled sample data only, never for real observers.")
  boolean samplePseudonymKey;

  @Option(names = "--count-expectations", description = "CSV of count expectations for the unusually-high flag.")
  Path countExpectations;

  @Option(names = "--parquet-writer", defaultValue = "fast",
      description = "Parquet writer: fast (the project's column writers) or stock (parquet-java's standard Avro"
          + " writer); both write the same rows, schema, footer keys and statistics. Default: ${DEFAULT-VALUE}.")
  String parquetWriter;

  @Option(names = "--materialise-visits", description = "Also write the zero-filled visits as a dataset (visits/)."
      + " By default they are the view visits_zerofilled over events, checklists and occurrences.")
  boolean materialiseVisits;

  @Option(names = "--cpu-by-stage", description = "Write the CPU seconds of each stage (Flink task), and of the"
      + " JIT compiler, collector and VM threads together, to this JSON file (the bench does).")
  Path cpuByStage;

  @picocli.CommandLine.Mixin
  BdqRowOptions bdq = new BdqRowOptions();

  @Unmatched
  List<String> beamArgs = new ArrayList<>();

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if ((output == null) == (catalog == null)) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "give exactly one of --output DIR or --catalog ROOT");
    }
    try {
      ParquetWriterKind.parse(parquetWriter);
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    if (!samplePseudonymKey) {
      try {
        PseudonymKey.fromEnvironmentOrFile(System.getenv(), pseudonymKeyFile);
      } catch (RuntimeException e) {
        // a user error: one line that names what to set, not a stack trace from inside the job
        System.err.println("observatoire nightly: " + e.getMessage().replace(
            "For the sample data only, use PseudonymKey.sampleKeyForSampleDataOnly().",
            "Or --pseudonym-key-file FILE; for the bundled sample data only, --sample-pseudonym-key."));
        return USAGE;
      }
    }
    NightlyJob.Options options = PipelineOptionsFactory.fromArgs(beamArguments().toArray(String[]::new))
        .withValidation().as(NightlyJob.Options.class);
    if (samplePseudonymKey) {
      System.err.println("note: observers are pseudonymised with the PUBLIC sample key (sample data only)");
    }
    StageCpu cpu = cpuByStage == null ? null : StageCpu.start(CPU_SAMPLE_MILLIS);
    ProgressReporter progress = ProgressReporter.start(System.err);
    NightlyJob.Result result;
    ReleasePublisher.Published<NightlyJob.Result> published = null;
    try {
      if (catalog != null) {
        String id = runId != null ? runId : NightlyRelease.defaultId(Clock.systemUTC());
        published = NightlyRelease.run(options, catalog, id, keep, List.of(), Clock.systemUTC());
        result = published.output();
      } else {
        result = NightlyJob.run(options);
        QualityReport.write(result.output());
      }
    } catch (ReleaseRejectedException e) {
      System.err.println("NOT PUBLISHED: " + String.join("; ", e.problems()));
      return 4;
    } finally {
      progress.stop();
      if (cpu != null) {
        writeCpu(cpu);
      }
    }
    var totals = result.manifest().json().path("totals");
    System.out.printf("nightly run done in %.1f s on %s: %d lines read, %d submissions curated (%d occurrence rows),"
            + " %d rejected, %d duplicates, %d dead-lettered%n",
        result.wallTime().toMillis() / 1000.0, runner, totals.path("linesRead").asLong(),
        totals.path("curatedSubmissions").asLong(), totals.path("occurrenceRows").asLong(),
        totals.path("rejected").asLong(), totals.path("duplicates").asLong(), totals.path("deadLettered").asLong());
    System.out.println("outputs, manifest and report.html: " + (published == null ? result.output()
        : published.release() + " (now current; changes: " + published.changes().total().summary() + ")"));
    try {
      result.manifest().requireConservation();
    } catch (ConservationException e) {
      System.err.println("CONSERVATION FAILED: " + String.join("; ", e.problems()));
      return 3;
    }
    var faulty = result.manifest().json().path("faultyInputs");
    for (var f : faulty) {
      System.err.printf("FAULTY INPUT %s: %s (%d lines, %d bytes read before the fault)%n", f.path("file").asText(),
          f.path("kind").asText(), f.path("linesRead").asLong(), f.path("bytesRead").asLong());
    }
    return faulty.isEmpty() ? 0 : FAULTY_INPUTS;
  }

  private void writeCpu(StageCpu cpu) {
    try {
      new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter()
          .writeValue(cpuByStage.toFile(), cpu.stop());
    } catch (java.io.IOException e) {
      System.err.println("could not write " + cpuByStage + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  List<String> beamArguments() {
    List<String> args = new ArrayList<>();
    args.add("--input=" + input);
    args.add("--output=" + (output != null ? output : catalog.resolve(ReleaseCatalog.STAGING)));
    args.add("--runner=" + runner);
    args.add("--maxLineBytes=" + maxLineBytes);
    args.add("--overwrite=" + overwrite);
    args.add("--parquetWriter=" + ParquetWriterKind.parse(parquetWriter).optionValue());
    if (referenceTime != null) {
      args.add("--referenceTime=" + referenceTime);
    }
    if (runId != null) {
      args.add("--runId=" + runId);
    }
    if (restrictedOutput != null) {
      args.add("--restrictedOutput=" + restrictedOutput);
    }
    if (pseudonymKeyFile != null) {
      args.add("--pseudonymKeyFile=" + pseudonymKeyFile);
    }
    args.add("--samplePseudonymKey=" + samplePseudonymKey);
    args.add("--materialiseVisits=" + materialiseVisits);
    if (countExpectations != null) {
      args.add("--countExpectations=" + countExpectations);
    }
    boolean flink = runner.toLowerCase(java.util.Locale.ROOT).contains("flink");
    if (flink) {
      boolean hasMaster = beamArgs.stream().anyMatch(a -> a.startsWith("--flinkMaster"));
      if (!hasMaster) {
        args.add("--flinkMaster=[local]");
      }
      args.add("--parallelism=" + (parallelism != null ? parallelism : Runtime.getRuntime().availableProcessors()));
      if (beamArgs.stream().noneMatch(a -> a.startsWith("--objectReuse"))) {
        args.add("--objectReuse=true");
      }
    }
    boolean spark = runner.toLowerCase(java.util.Locale.ROOT).contains("spark");
    if (spark) {
      if (beamArgs.stream().noneMatch(a -> a.startsWith("--sparkMaster"))) {
        int cores = parallelism != null ? parallelism : Runtime.getRuntime().availableProcessors();
        args.add("--sparkMaster=local[" + cores + "]");
      }
      // no web UI on port 4040 for a batch run unless asked for (-Dspark.ui.enabled=true)
      if (System.getProperty("spark.ui.enabled") == null) {
        System.setProperty("spark.ui.enabled", "false");
      }
    }
    args.addAll(bdq.beamArguments());
    args.addAll(beamArgs);
    return args;
  }
}
