package org.observatoire.benchmarks.baseline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;

/**
 * What a baseline reports to the bench, as a small JSON file: counts it measured itself and its in-process times
 * (the bench measures wall time and peak RSS from outside).
 */
public final class BaselineResult {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final ObjectNode node = MAPPER.createObjectNode();

  BaselineResult put(String name, long value) {
    node.put(name, value);
    return this;
  }

  BaselineResult seconds(String name, long nanos) {
    node.put(name, Math.round(nanos / 1e6) / 1000.0);
    return this;
  }

  /** A value in the object {@code object} (made when first used). */
  BaselineResult put(String object, String name, long value) {
    child(object).put(name, value);
    return this;
  }

  BaselineResult seconds(String object, String name, long nanos) {
    child(object).put(name, Math.round(nanos / 1e6) / 1000.0);
    return this;
  }

  private ObjectNode child(String object) {
    return node.has(object) ? (ObjectNode) node.get(object) : node.putObject(object);
  }

  void write(Path file) throws IOException {
    MAPPER.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), node);
  }
}
