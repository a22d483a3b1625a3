package org.observatoire.benchmarks;

import org.observatoire.beam.io.Folders;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.observatoire.benchmarks.harness.BenchInput;
import org.observatoire.benchmarks.harness.BenchReport;
import org.observatoire.benchmarks.harness.BenchSystems;
import org.observatoire.benchmarks.harness.ChildJvm;
import org.observatoire.benchmarks.harness.Machine;
import org.observatoire.benchmarks.harness.SystemResult;
import org.observatoire.cli.NightlyCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code observatoire bench}: the nightly job against two baselines on the same generated input, each in a child
 * JVM measured for wall time and peak RSS. See docs/benchmarks.md.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
        "Generate N mixed submissions (reused when already there) and run on them, each in a child JVM: the nightly",
        "job end to end (embedded Flink), a plain-Java single pass over the same domain core (no Beam), and DuckDB",
        "converting the JSON lines to Parquet. Prints a Markdown table with ratios; --output writes it as JSON."})
public final class BenchCommand implements Callable<Integer> {
  private static final double INVALID_RATE = 0.1;

  @Option(names = "--submissions", required = true, description = "How many submissions to generate.")
  long submissions;

  @Option(names = "--seed", defaultValue = "1", description = "Generator seed. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--work-dir", description = "Folder for the input and the systems' outputs; the input is kept "
      + "there for the next run. Default: a temporary folder, removed afterwards unless --keep.")
  Path workDir;

  @Option(names = "--output", description = "Write the results as JSON to this file.")
  Path output;

  @Option(names = "--keep", description = "Keep the systems' outputs (and a temporary work folder).")
  boolean keep;

  @Option(names = "--systems", split = ",", defaultValue = "nightly,plainJava,duckdb,duckdbBare",
      description = "Systems to run, in order. Default: ${DEFAULT-VALUE}.")
  List<String> systems;

  @Option(names = "--reference-date", defaultValue = "2026-11-20",
      description = "Generator's reference date; the runs' reference time is its midnight UTC. Default: ${DEFAULT-VALUE}.")
  LocalDate referenceDate;

  @Option(names = "--parallelism", description = "Flink parallelism of the nightly run. Default: the number of cores.")
  Integer parallelism;

  @Option(names = "--nightly-arg", description = "An option of the nightly run (repeatable), e.g."
      + " --nightly-arg=--bdq-tests=all; the other systems do not take it.")
  List<String> nightlyArgs = new ArrayList<>();

  @Option(names = "--jvm-arg", description = "An option for every child JVM, e.g. --jvm-arg=-Xmx4g (repeatable). "
      + "Default: the JVM's own heap sizing, and the parallel collector unless another is chosen here.")
  List<String> jvmArgs = new ArrayList<>();

  /**
   * The child JVMs' options: those given, after the batch job's collector ({@link NightlyCommand#BATCH_GC}, as the
   * launcher gives {@code nightly}) unless they choose one.
   */
  static List<String> childJvmArgs(List<String> given) {
    boolean chosen = given.stream().anyMatch(a -> a.startsWith("-XX:+Use") && a.endsWith("GC"));
    List<String> args = new ArrayList<>();
    if (!chosen) {
      args.add(NightlyCommand.BATCH_GC);
    }
    args.addAll(given);
    return args;
  }

  @Override
  public Integer call() throws Exception {
    if (submissions < 1) {
      System.err.println("--submissions must be at least 1");
      return 2;
    }
    for (String s : systems) {
      if (!BenchSystems.NAMES.contains(s)) {
        System.err.println("unknown system '" + s + "'; choose among " + BenchSystems.NAMES);
        return 2;
      }
    }
    boolean temporary = workDir == null;
    Path dir = (temporary ? Files.createTempDirectory("observatoire-bench") : workDir).toAbsolutePath().normalize();
    Files.createDirectories(dir);
    List<String> childArgs = childJvmArgs(jvmArgs);
    BenchSystems bench = new BenchSystems(dir, referenceDate + "T00:00:00Z", ChildJvm.withJvmArgs(childArgs),
        parallelism, nightlyArgs);
    boolean allOk = false;
    try {
      long t = System.nanoTime();
      boolean generated = BenchInput.prepare(bench.input(), submissions, seed, INVALID_RATE, referenceDate);
      System.err.printf("input: %s (%s, %.1f MB)%n", bench.input().resolve(BenchInput.FILE),
          generated ? String.format("generated in %.1f s", (System.nanoTime() - t) / 1e9) : "reused",
          Files.size(bench.input().resolve(BenchInput.FILE)) / 1048576.0);
      Map<String, SystemResult> results = new LinkedHashMap<>();
      for (String s : systems) {
        System.err.printf("running %s ...%n", s);
        SystemResult r = bench.run(s);
        results.put(s, r);
        System.err.printf("  %s: %s in %.1f s, peak RSS %.0f MB%n", s,
            r.ok() ? String.format("%,d records", r.records()) : "FAILED (exit " + r.exitCode() + ", see "
                + dir.resolve(s + ".log") + ")", r.wallSeconds(), r.peakRssBytes() / 1048576.0);
      }
      com.fasterxml.jackson.databind.node.ObjectNode machine = Machine.describe();
      machine.put("childJvmArgs", String.join(" ", childArgs));
      BenchReport report = new BenchReport(submissions, seed, machine, results);
      System.out.print(report.markdown());
      if (output != null) {
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(output.toFile(), report.json());
        System.out.println("\nresults: " + output);
      }
      allOk = results.values().stream().allMatch(SystemResult::ok);
      return allOk ? 0 : 1;
    } finally {
      if (!allOk) {
        System.err.println("logs and outputs kept in " + dir);
      } else if (!keep) {
        if (temporary) {
          Folders.deleteTree(dir);
        } else {
          for (String s : systems) {
            for (Path p : bench.outputs(s)) {
              Folders.deleteTree(p);
            }
          }
        }
      }
    }
  }
}
