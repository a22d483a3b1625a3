package org.observatoire.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.observatoire.beam.publish.CompactStreamOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code observatoire compact}: the nightly compaction of the streaming job's output. */
@Command(
    name = "compact",
    mixinStandardHelpOptions = true,
    description = {"Compact streaming output (occurrences/ and late/, windowed files possibly written twice by a",
        "replay) into one row per occurrenceID: OUTPUT/occurrences/protocol=/year=/ and OUTPUT/compaction.json."})
public final class CompactCommand implements Callable<Integer> {
  @Option(names = "--input", required = true, arity = "1..*",
      description = "Streaming output folder(s) (the stream command's --output).")
  List<Path> inputs;

  @Option(names = "--output", required = true, description = "Folder for the compacted datasets (no occurrences/ or rejected/ yet).")
  Path output;

  @Override
  public Integer call() {
    long t0 = System.nanoTime();
    CompactStreamOutput.Result r;
    try {
      r = CompactStreamOutput.compact(inputs, output);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      return 2;
    }
    System.out.printf("compacted %d files, %d rows in (%d late) → %d duplicates removed, %d rows out in %s;"
        + " rejected: %d in → %d out in %s (%.1f s)%n", r.filesIn(), r.rowsIn(), r.lateRowsIn(),
        r.duplicatesRemoved(), r.rowsOut(), output.resolve("occurrences"), r.rejectedRowsIn(), r.rejectedRowsOut(),
        output.resolve("rejected"), (System.nanoTime() - t0) / 1e9);
    return 0;
  }
}
