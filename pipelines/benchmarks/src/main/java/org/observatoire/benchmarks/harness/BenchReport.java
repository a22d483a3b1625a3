package org.observatoire.benchmarks.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;

/** The bench's results as a Markdown table with ratios, and as JSON. */
public final class BenchReport {
  private final long submissions;
  private final long seed;
  private final ObjectNode machine;
  private final Map<String, SystemResult> systems;

  /** @param systems in the order to show them */
  public BenchReport(long submissions, long seed, ObjectNode machine, Map<String, SystemResult> systems) {
    this.submissions = submissions;
    this.seed = seed;
    this.machine = machine;
    this.systems = systems;
  }

  public String markdown() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%n%,d submissions, seed %d, %d cores, %.1f GB memory%n%n", submissions, seed,
        machine.path("cores").asInt(), machine.path("memoryBytes").asLong() / 1e9));
    sb.append("| system | records | records/s | occurrence rows | occurrence rows/s | wall s | CPU s | peak RSS MB"
        + " | output MB |\n");
    sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    systems.forEach((name, r) -> {
      if (!r.ok()) {
        sb.append("| ").append(name).append(" | FAILED (exit ").append(r.exitCode()).append(") | | | | ")
            .append(String.format(Locale.ROOT, "%.1f", r.wallSeconds())).append(" | | | |\n");
        return;
      }
      sb.append(String.format(Locale.ROOT, "| %s | %,d | %,.0f | %s | %s | %.1f | %s | %.0f | %.1f |%n", name,
          r.records(), r.recordsPerSecond(),
          r.occurrenceRows() >= 0 ? String.format(Locale.ROOT, "%,d", r.occurrenceRows()) : "n/a",
          r.occurrenceRows() >= 0 ? String.format(Locale.ROOT, "%,.0f", r.occurrenceRowsPerSecond()) : "n/a",
          r.wallSeconds(), r.cpuSeconds() >= 0 ? String.format(Locale.ROOT, "%.1f", r.cpuSeconds()) : "n/a",
          r.peakRssBytes() / 1048576.0, r.outputBytes() / 1048576.0));
    });
    SystemResult nightly = systems.get("nightly");
    for (String name : new String[] {"nightly", "plainJava"}) {
      SystemResult r = systems.get(name);
      if (r != null && r.ok() && r.details().has("rowsWritten")) {
        sb.append(rowsByDataset(r));
      }
    }
    if (nightly != null && nightly.ok() && nightly.details().has("cpuByStage")) {
      sb.append(cpuByStage(nightly.details().path("cpuByStage")));
    }
    ObjectNode ratios = ratios();
    double overPlainJava = nightlyOverPlainJava();
    if (overPlainJava > 0) {
      sb.append(String.format(Locale.ROOT, "%nnightly ÷ plainJava (wall time, the same outputs from the same code):"
          + " %.2f%n", overPlainJava));
    }
    if (!ratios.isEmpty()) {
      sb.append('\n');
      ratios.fields().forEachRemaining(e -> sb.append(String.format(Locale.ROOT,
          "- %s: %.2f× the throughput (records/s), %.2f× the wall time, %.2f× the peak RSS, %.2f× the output bytes%n",
          e.getKey(), e.getValue().path("recordsPerSecond").asDouble(), e.getValue().path("wallSeconds").asDouble(),
          e.getValue().path("peakRssBytes").asDouble(), e.getValue().path("outputBytes").asDouble())));
    }
    return sb.toString();
  }

  /** A system's rows written over all its datasets, then each dataset's rows and bytes. */
  static String rowsByDataset(SystemResult r) {
    JsonNode rows = r.details().path("rowsByDataset");
    JsonNode bytes = r.details().path("bytesByDataset");
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
        "%n%s: %,d rows written over all datasets (%,.0f rows/s):", r.name(),
        r.details().path("rowsWritten").asLong(), r.details().path("rowsWritten").asLong() / r.wallSeconds()));
    rows.fields().forEachRemaining(e -> {
      if (e.getValue().asLong() > 0) {
        sb.append(String.format(Locale.ROOT, " %s %,d", e.getKey(), e.getValue().asLong()));
        if (bytes.has(e.getKey())) {
          sb.append(String.format(Locale.ROOT, " (%.1f MB)", bytes.path(e.getKey()).asLong() / 1048576.0));
        }
        sb.append(';');
      }
    });
    sb.setLength(sb.length() - 1);
    return sb.append('\n').toString();
  }

  /** How many stages the CPU table lists by name; the rest are summed in one line. */
  static final int CPU_STAGES_SHOWN = 10;

  /** The nightly's CPU seconds: outside Java threads (JIT, GC, VM), then its stages, largest first. */
  static String cpuByStage(JsonNode cpu) {
    double process = cpu.path("processCpuSeconds").asDouble();
    if (process <= 0) {
      return "";
    }
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
        "%nnightly CPU by stage (%.1f CPU s in all, threads sampled every %d ms):%n%n| stage | CPU s | share |%n"
            + "|---|---:|---:|%n", process, cpu.path("sampledEveryMillis").asInt()));
    java.util.function.BiConsumer<String, Double> row = (name, seconds) -> sb.append(String.format(Locale.ROOT,
        "| %s | %.1f | %.1f %% |%n", name, seconds, 100 * seconds / process));
    row.accept("JIT compilers, garbage collector, VM (outside Java threads)",
        cpu.path("outsideJavaThreadsCpuSeconds").asDouble());
    double rest = 0;
    int shown = 0;
    for (JsonNode s : cpu.path("stages")) {
      if (shown++ < CPU_STAGES_SHOWN) {
        row.accept(s.path("stage").asText(), s.path("cpuSeconds").asDouble());
      } else {
        rest += s.path("cpuSeconds").asDouble();
      }
    }
    if (rest > 0) {
      row.accept("the other " + (shown - CPU_STAGES_SHOWN) + " stages and threads", rest);
    }
    return sb.toString();
  }

  public ObjectNode json() {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("submissions", submissions);
    root.put("seed", seed);
    root.set("machine", machine);
    ObjectNode s = root.putObject("systems");
    systems.forEach((name, r) -> s.set(name, r.json()));
    root.set("ratios", ratios());
    double overPlainJava = nightlyOverPlainJava();
    if (overPlainJava > 0) {
      root.put("nightlyOverPlainJava", overPlainJava);
    }
    return root;
  }

  /**
   * The nightly's wall time ÷ plainJava's: what Beam and its runner cost over a thread pool doing the same work
   * (0 unless both succeeded).
   */
  double nightlyOverPlainJava() {
    SystemResult nightly = systems.get("nightly");
    SystemResult plain = systems.get("plainJava");
    return nightly == null || plain == null || !nightly.ok() || !plain.ok() ? 0
        : ratio(nightly.wallSeconds(), plain.wallSeconds());
  }

  /** nightly ÷ each baseline, for the systems that both succeeded. */
  ObjectNode ratios() {
    ObjectNode ratios = JsonNodeFactory.instance.objectNode();
    SystemResult nightly = systems.get("nightly");
    if (nightly == null || !nightly.ok()) {
      return ratios;
    }
    for (String base : new String[] {"duckdb", "duckdbBare", "plainJava"}) {
      SystemResult b = systems.get(base);
      if (b == null || !b.ok()) {
        continue;
      }
      ObjectNode r = ratios.putObject("nightlyVs" + Character.toUpperCase(base.charAt(0)) + base.substring(1));
      r.put("recordsPerSecond", ratio(nightly.recordsPerSecond(), b.recordsPerSecond()));
      if (nightly.occurrenceRows() >= 0 && b.occurrenceRows() >= 0) {
        r.put("occurrenceRowsPerSecond", ratio(nightly.occurrenceRowsPerSecond(), b.occurrenceRowsPerSecond()));
      }
      r.put("wallSeconds", ratio(nightly.wallSeconds(), b.wallSeconds()));
      r.put("peakRssBytes", ratio(nightly.peakRssBytes(), b.peakRssBytes()));
      r.put("outputBytes", ratio(nightly.outputBytes(), b.outputBytes()));
    }
    return ratios;
  }

  private static double ratio(double a, double b) {
    return b == 0 ? 0 : Math.round(a / b * 1000) / 1000.0;
  }
}
