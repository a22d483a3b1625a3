package org.observatoire.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a run's CPU time went, by stage: samples the CPU time of every Java thread of this JVM (one Flink task per
 * thread in the embedded runner; its name lists the Beam transforms chained in it) and, at the end, compares their
 * sum with the process's CPU time. The rest is spent outside Java threads: the JIT compilers, the garbage collector
 * and the VM's own threads, which a sampling profiler such as JFR's does not show; it was a quarter of the nightly
 * job's CPU at 100k submissions. A thread that ends between two samples loses up to one interval of its time to
 * that remainder.
 */
public final class StageCpu {
  /** A Flink task thread's subtask suffix: " (1/2)#0". */
  private static final Pattern SUBTASK = Pattern.compile("\\s*\\(\\d+/\\d+\\)(#\\d+)?$");
  /**
   * A chained operator's transform path, its first two segments: "at ProcessSubmissions/ValidateAndInterpret", or
   * "at ExplodeWindows: SumCounts/Sum" for the runner's own parts of a transform.
   */
  private static final Pattern TRANSFORM = Pattern.compile("\\bat (?:\\w+: )?([^/()\\s]+(?:/[^/()\\s]+)?)");
  /** An operator without a transform path: "Filter (UnionFixFilter)". */
  private static final Pattern OPERATOR = Pattern.compile("^(?:CHAIN )?\\w+ \\((\\w+)\\)");

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final Map<Long, Seen> seen = new HashMap<>();
  private final long intervalMillis;
  private final Thread sampler;
  private volatile boolean running = true;

  private record Seen(String name, long cpuNanos) {}

  private StageCpu(long intervalMillis) {
    if (intervalMillis < 1) {
      throw new IllegalArgumentException("sampling interval must be at least 1 ms, got " + intervalMillis);
    }
    this.intervalMillis = intervalMillis;
    if (!threads.isThreadCpuTimeSupported()) {
      throw new IllegalStateException("this JVM cannot measure the CPU time of its threads");
    }
    threads.setThreadCpuTimeEnabled(true);
    this.sampler = new Thread(this::loop, "stage-cpu-sampler");
    sampler.setDaemon(true);
  }

  /** Starts sampling every {@code intervalMillis}. */
  public static StageCpu start(long intervalMillis) {
    StageCpu s = new StageCpu(intervalMillis);
    s.sample();
    s.sampler.start();
    return s;
  }

  private void loop() {
    while (running) {
      try {
        Thread.sleep(intervalMillis);
      } catch (InterruptedException e) {
        return;
      }
      sample();
    }
  }

  private synchronized void sample() {
    long[] ids = threads.getAllThreadIds();
    ThreadInfo[] infos = threads.getThreadInfo(ids);
    for (int i = 0; i < ids.length; i++) {
      long cpu = threads.getThreadCpuTime(ids[i]);
      if (infos[i] != null && cpu >= 0) {
        seen.put(ids[i], new Seen(infos[i].getThreadName(), cpu));
      }
    }
  }

  /** Takes a last sample, stops, and reports the CPU seconds by stage. */
  public ObjectNode stop() throws InterruptedException {
    running = false;
    sampler.interrupt();
    sampler.join();
    sample();
    Map<String, double[]> byStage = new TreeMap<>();
    Map<String, Set<String>> names = new HashMap<>();
    double javaSeconds = 0;
    synchronized (this) {
      for (Seen s : seen.values()) {
        String stage = stageOf(s.name());
        byStage.computeIfAbsent(stage, k -> new double[1])[0] += s.cpuNanos() / 1e9;
        names.computeIfAbsent(stage, k -> new LinkedHashSet<>()).add(SUBTASK.matcher(s.name()).replaceAll(""));
        javaSeconds += s.cpuNanos() / 1e9;
      }
    }
    double process = processCpuSeconds();
    ObjectNode report = JsonNodeFactory.instance.objectNode();
    report.put("sampledEveryMillis", intervalMillis);
    report.put("processCpuSeconds", round(process));
    report.put("javaThreadsCpuSeconds", round(javaSeconds));
    report.put("outsideJavaThreadsCpuSeconds", process >= 0 ? round(Math.max(0, process - javaSeconds)) : -1);
    var jit = ManagementFactory.getCompilationMXBean();
    report.put("jitCompilationSeconds", jit == null || !jit.isCompilationTimeMonitoringSupported() ? -1
        : round(jit.getTotalCompilationTime() / 1e3));
    long gc = 0;
    for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
      gc += Math.max(0, b.getCollectionTime());
    }
    report.put("gcPauseSeconds", round(gc / 1e3));
    List<Map.Entry<String, double[]>> sorted = new ArrayList<>(byStage.entrySet());
    sorted.sort((a, b) -> Double.compare(b.getValue()[0], a.getValue()[0]));
    ArrayNode stages = report.putArray("stages");
    for (Map.Entry<String, double[]> e : sorted) {
      ObjectNode s = stages.addObject();
      s.put("stage", e.getKey());
      s.put("cpuSeconds", round(e.getValue()[0]));
      ArrayNode threadNames = s.putArray("threads");
      names.get(e.getKey()).forEach(threadNames::add);
    }
    return report;
  }

  /**
   * The stage a thread's CPU time is counted under: for a Flink task, the transforms chained in it (two path
   * segments each, in chain order, "translateNode" groupings left out), else its operator's name; for any other
   * thread, its name without trailing numbers (pools: one entry each).
   */
  static String stageOf(String threadName) {
    String name = SUBTASK.matcher(threadName).replaceAll("");
    if (name.length() == threadName.length()) {
      return threadName.replaceAll("[\\s#-]*\\d+$", "");
    }
    Set<String> transforms = new LinkedHashSet<>();
    Matcher m = TRANSFORM.matcher(name);
    while (m.find()) {
      if (!m.group(1).startsWith("translateNode")) {
        transforms.add(m.group(1));
      }
    }
    if (!transforms.isEmpty()) {
      return String.join(" → ", transforms);
    }
    Matcher op = OPERATOR.matcher(name);
    return op.find() ? op.group(1) : name;
  }

  private static double processCpuSeconds() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      long t = os.getProcessCpuTime();
      return t < 0 ? -1 : t / 1e9;
    }
    return -1;
  }

  private static double round(double seconds) {
    return Math.round(seconds * 100) / 100.0;
  }
}
