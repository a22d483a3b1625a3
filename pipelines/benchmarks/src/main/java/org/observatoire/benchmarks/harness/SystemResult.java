package org.observatoire.benchmarks.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One system's run in the bench: counts it reported, what the bench measured from outside, and free-form details
 * (in-process times, rejected counts...).
 *
 * @param occurrenceRows occurrence rows written, or -1 when the system does not make occurrences (DuckDB)
 * @param cpuSeconds user + system CPU time of the system's JVM, or -1 when it could not be measured
 */
public record SystemResult(String name, int exitCode, long records, long occurrenceRows, double wallSeconds,
    long peakRssBytes, double cpuSeconds, long outputBytes, JsonNode details) {

  public boolean ok() {
    return exitCode == 0;
  }

  public double recordsPerSecond() {
    return wallSeconds > 0 ? records / wallSeconds : 0;
  }

  public double occurrenceRowsPerSecond() {
    return wallSeconds > 0 && occurrenceRows >= 0 ? occurrenceRows / wallSeconds : 0;
  }

  public ObjectNode json() {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("exitCode", exitCode);
    n.put("records", records);
    if (occurrenceRows >= 0) {
      n.put("occurrenceRows", occurrenceRows);
    } else {
      n.putNull("occurrenceRows");
    }
    n.put("recordsPerSecond", Math.round(recordsPerSecond() * 10) / 10.0);
    if (occurrenceRows >= 0) {
      n.put("occurrenceRowsPerSecond", Math.round(occurrenceRowsPerSecond() * 10) / 10.0);
    } else {
      n.putNull("occurrenceRowsPerSecond");
    }
    n.put("wallSeconds", Math.round(wallSeconds * 1000) / 1000.0);
    n.put("peakRssBytes", peakRssBytes);
    if (cpuSeconds >= 0) {
      n.put("cpuSeconds", Math.round(cpuSeconds * 100) / 100.0);
    } else {
      n.putNull("cpuSeconds");
    }
    n.put("outputBytes", outputBytes);
    n.set("details", details);
    return n;
  }
}
