package org.observatoire.benchmarks.harness;

import org.observatoire.beam.io.Folders;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.observatoire.benchmarks.baseline.DuckDbBaseline;
import org.observatoire.benchmarks.baseline.DuckDbSameWork;
import org.observatoire.benchmarks.baseline.PlainJavaBaseline;
import org.observatoire.cli.Observatoire;

/**
 * The systems the bench compares, each run in its own child JVM on the same input: the nightly job end to end, the
 * plain-Java pass over the same domain core, DuckDB doing the part of the same work that SQL can do
 * ({@link DuckDbSameWork}), and DuckDB's bare JSON-to-Parquet conversion ({@code duckdbBare}).
 */
public final class BenchSystems {
  public static final List<String> NAMES = List.of("nightly", "plainJava", "duckdb", "duckdbBare");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Path workDir;
  private final String referenceTime;
  private final ChildJvm jvm;
  private final Integer parallelism;
  private final List<String> nightlyArgs;

  public BenchSystems(Path workDir, String referenceTime, ChildJvm jvm, Integer parallelism) {
    this(workDir, referenceTime, jvm, parallelism, List.of());
  }

  /** {@code nightlyArgs}: more options of the nightly command (e.g. {@code --bdq-tests=all}). */
  public BenchSystems(Path workDir, String referenceTime, ChildJvm jvm, Integer parallelism,
      List<String> nightlyArgs) {
    this.workDir = workDir;
    this.referenceTime = referenceTime;
    this.jvm = jvm;
    this.parallelism = parallelism;
    this.nightlyArgs = List.copyOf(nightlyArgs);
  }

  public Path input() {
    return workDir.resolve("input");
  }

  /** The folders a system writes (removed before it runs, and after the bench unless kept). */
  public List<Path> outputs(String system) {
    return switch (system) {
      case "nightly" -> List.of(workDir.resolve("out-nightly"), workDir.resolve("out-nightly-restricted"));
      case "plainJava" -> List.of(workDir.resolve("out-plain"), workDir.resolve("out-plain-restricted"));
      case "duckdb" -> List.of(workDir.resolve("out-duckdb"));
      case "duckdbBare" -> List.of(workDir.resolve("out-duckdb-bare"));
      default -> throw new IllegalArgumentException("unknown system '" + system + "'; known: " + NAMES);
    };
  }

  public SystemResult run(String system) throws IOException, InterruptedException {
    for (Path p : outputs(system)) {
      Folders.deleteTree(p);
    }
    return switch (system) {
      case "nightly" -> nightly();
      case "plainJava" -> plainJava();
      case "duckdb" -> duckdbSameWork();
      case "duckdbBare" -> duckdbBare();
      default -> throw new IllegalArgumentException("unknown system '" + system + "'; known: " + NAMES);
    };
  }

  private SystemResult nightly() throws IOException, InterruptedException {
    Path out = outputs("nightly").get(0);
    List<String> args = new ArrayList<>(List.of("nightly", "--input", input().toString(), "--output", out.toString(),
        "--restricted-output", outputs("nightly").get(1).toString(), "--sample-pseudonym-key",
        "--reference-time", referenceTime, "--run-id", "bench", "--cpu-by-stage", cpuFile().toString()));
    if (parallelism != null) {
      args.addAll(List.of("--parallelism", parallelism.toString()));
    }
    args.addAll(nightlyArgs);
    Files.deleteIfExists(cpuFile());
    ChildJvm.Measured m = jvm.run(Observatoire.class.getName(), args, workDir, workDir.resolve("nightly.log"));
    ObjectNode details = JsonNodeFactory.instance.objectNode();
    long records = 0;
    long rows = 0;
    Path manifest = out.resolve("manifest.json");
    if (Files.isRegularFile(manifest)) {
      JsonNode json = MAPPER.readTree(manifest.toFile());
      JsonNode totals = json.path("totals");
      records = totals.path("linesRead").asLong();
      rows = totals.path("occurrenceRows").asLong();
      for (String k : List.of("curatedSubmissions", "rejected", "duplicates", "deadLettered")) {
        details.put(k, totals.path(k).asLong());
      }
      details.put("jobSeconds", json.path("run").path("durationSeconds").asDouble());
      // the nightly writes more than occurrences: events, checklists, cubes (and visits when materialised)
      ObjectNode byDataset = details.putObject("rowsByDataset");
      long written = 0;
      for (var e : (Iterable<java.util.Map.Entry<String, JsonNode>>) json.path("outputs")::fields) {
        long n = e.getValue().path("rows").asLong();
        byDataset.put(e.getKey(), n);
        written += n;
      }
      details.put("rowsWritten", written);
    }
    if (Files.isRegularFile(cpuFile())) {
      details.set("cpuByStage", MAPPER.readTree(cpuFile().toFile()));
    }
    details.set("bytesByDataset", bytesByDataset(out));
    details.put("occurrenceBytes", size(out.resolve("occurrences")));
    details.put("restrictedBytes", size(outputs("nightly").get(1)));
    return new SystemResult("nightly", m.exitCode(), records, rows, m.wallSeconds(), m.peakRssBytes(),
        m.cpuSeconds(), size(out), details);
  }

  /** Where the nightly child writes its CPU seconds by stage ({@link org.observatoire.cli.StageCpu}). */
  private Path cpuFile() {
    return workDir.resolve("nightly.cpu.json");
  }

  private SystemResult plainJava() throws IOException, InterruptedException {
    Path out = outputs("plainJava").get(0);
    Path result = workDir.resolve("plainJava.result.json");
    Files.deleteIfExists(result);
    List<String> args = new ArrayList<>(List.of("--input", input().toString(), "--output", out.toString(),
        "--restricted-output", outputs("plainJava").get(1).toString(), "--reference-time", referenceTime,
        "--run-id", "bench", "--result", result.toString()));
    if (parallelism != null) {
      args.addAll(List.of("--threads", parallelism.toString()));
    }
    ChildJvm.Measured m = jvm.run(PlainJavaBaseline.class.getName(), args, workDir, workDir.resolve("plainJava.log"));
    ObjectNode r = (ObjectNode) readResult(result);
    r.set("bytesByDataset", bytesByDataset(out));
    r.put("occurrenceBytes", size(out.resolve("occurrences")));
    r.put("restrictedBytes", size(outputs("plainJava").get(1)));
    return new SystemResult("plainJava", m.exitCode(), r.path("records").asLong(), r.path("occurrenceRows").asLong(),
        m.wallSeconds(), m.peakRssBytes(), m.cpuSeconds(), size(out), r);
  }

  private SystemResult duckdbSameWork() throws IOException, InterruptedException {
    return duckdbChild("duckdb", DuckDbSameWork.class, true);
  }

  private SystemResult duckdbBare() throws IOException, InterruptedException {
    return duckdbChild("duckdbBare", DuckDbBaseline.class, false);
  }

  /** Runs a DuckDB baseline over the input file in a child JVM; occurrence rows only when it makes occurrences. */
  private SystemResult duckdbChild(String system, Class<?> main, boolean occurrences)
      throws IOException, InterruptedException {
    Path out = outputs(system).get(0);
    Path result = workDir.resolve(system + ".result.json");
    Files.deleteIfExists(result);
    ChildJvm.Measured m = jvm.run(main.getName(), List.of("--input", input().resolve(BenchInput.FILE).toString(),
        "--output", out.toString(), "--result", result.toString()), workDir, workDir.resolve(system + ".log"));
    JsonNode r = readResult(result);
    return new SystemResult(system, m.exitCode(), r.path("records").asLong(),
        occurrences ? r.path("occurrenceRows").asLong(-1) : -1, m.wallSeconds(), m.peakRssBytes(), m.cpuSeconds(),
        size(out), r);
  }

  private static JsonNode readResult(Path file) throws IOException {
    return Files.isRegularFile(file) ? MAPPER.readTree(file.toFile()) : JsonNodeFactory.instance.objectNode();
  }

  /** Bytes of each dataset folder of a public output ({@code cubes} per grid, as {@code cubes/<grid>}). */
  static ObjectNode bytesByDataset(Path out) throws IOException {
    ObjectNode bytes = JsonNodeFactory.instance.objectNode();
    if (!Files.isDirectory(out)) {
      return bytes;
    }
    try (Stream<Path> folders = Files.list(out)) {
      for (Path dataset : folders.filter(Files::isDirectory).sorted().toList()) {
        String name = dataset.getFileName().toString();
        if (!name.equals("cubes")) {
          bytes.put(name, size(dataset));
          continue;
        }
        try (Stream<Path> grids = Files.list(dataset)) {
          for (Path grid : grids.filter(Files::isDirectory).sorted().toList()) {
            bytes.put(name + "/" + grid.getFileName(), size(grid));
          }
        }
      }
    }
    return bytes;
  }

  /** Bytes of all files below {@code root}. */
  static long size(Path root) throws IOException {
    if (!Files.exists(root)) {
      return 0;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      long total = 0;
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        total += Files.size(p);
      }
      return total;
    }
  }

}
