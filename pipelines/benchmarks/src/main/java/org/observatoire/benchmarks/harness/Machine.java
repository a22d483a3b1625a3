package org.observatoire.benchmarks.harness;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the bench ran on: enough to tell two bench.json files apart. */
public final class Machine {
  private Machine() {}

  public static ObjectNode describe() {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("cores", Runtime.getRuntime().availableProcessors());
    long memory = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getTotalMemorySize() : -1;
    n.put("memoryBytes", memory);
    n.put("cpu", cpuModel());
    n.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
        + System.getProperty("os.arch"));
    n.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    n.put("rssMethod", ChildJvm.rssMethod());
    return n;
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
