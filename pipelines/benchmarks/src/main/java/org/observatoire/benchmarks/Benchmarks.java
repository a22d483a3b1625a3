package org.observatoire.benchmarks;

import org.observatoire.cli.Observatoire;
import picocli.CommandLine;

/**
 * The {@code observatoire} command with the benchmark harness's {@code bench} and {@code bench-stream} beside the
 * product's commands. It runs on the product jar's class path plus this module's jar
 * ({@code java -cp observatoire.jar:observatoire-benchmarks.jar org.observatoire.benchmarks.Benchmarks bench …};
 * the {@code ./observatoire} launcher does it for {@code bench} and {@code bench-stream}), and its child JVMs
 * inherit that class path.
 */
public final class Benchmarks {
  private Benchmarks() {}

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line, for tests. */
  public static CommandLine commandLine() {
    return Observatoire.commandLine(new BenchCommand(), new BenchStreamCommand());
  }
}
