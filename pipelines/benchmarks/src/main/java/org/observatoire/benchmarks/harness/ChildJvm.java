package org.observatoire.benchmarks.harness;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Runs a main class of this program in a child JVM (same java, same class path) and measures it from outside: wall
 * time from launch to exit (JVM start-up included), peak resident set size and, with GNU time, the CPU time the
 * child used (user + system, all its threads): CPU seconds over wall seconds tells how many cores it kept busy.
 *
 * <p>Peak RSS comes from the kernel: with GNU time present ({@code /usr/bin/time -f %M}) it is the child's
 * {@code ru_maxrss} from {@code wait4}, exact whatever happens just before exit; otherwise {@code VmHWM} of
 * {@code /proc/<pid>/status}, polled every 20 ms until exit (a last-moment peak can be missed). Either way it counts
 * the Java heap actually touched, metaspace, thread stacks and native memory (DuckDB's buffers, zstd, Flink's
 * network buffers) — everything the machine has to provide.
 */
public final class ChildJvm {
  private static final Path GNU_TIME = Path.of("/usr/bin/time");
  private final List<String> jvmArgs;

  private ChildJvm(List<String> jvmArgs) {
    this.jvmArgs = List.copyOf(jvmArgs);
  }

  /** @param jvmArgs options given to every child JVM (e.g. {@code -Xmx4g}); none: the JVM's defaults */
  public static ChildJvm withJvmArgs(List<String> jvmArgs) {
    return new ChildJvm(jvmArgs);
  }

  /** How peak RSS is measured on this machine. */
  public static String rssMethod() {
    return gnuTime() ? "ru_maxrss of the child JVM via /usr/bin/time -f %M"
        : "VmHWM of /proc/<pid>/status polled every 20 ms";
  }

  /** What one child run cost; {@code cpuSeconds} is -1 where GNU time is missing. */
  public record Measured(int exitCode, double wallSeconds, long peakRssBytes, double cpuSeconds) {}

  /**
   * Runs {@code mainClass args} in {@code workDir}, stdout and stderr to {@code log}.
   */
  public Measured run(String mainClass, List<String> args, Path workDir, Path log)
      throws IOException, InterruptedException {
    Path rssFile = Files.createTempFile(workDir, ".rss", ".txt");
    try {
      List<String> cmd = new ArrayList<>();
      boolean timed = gnuTime();
      if (timed) {
        cmd.addAll(List.of(GNU_TIME.toString(), "-f", "%M %U %S", "-o", rssFile.toString()));
      }
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.addAll(jvmArgs);
      cmd.add("-cp");
      cmd.add(absoluteClassPath());
      cmd.add(mainClass);
      cmd.addAll(args);
      long start = System.nanoTime();
      Process p = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
          .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
      long peak = 0;
      double cpu = -1;
      Path status = Path.of("/proc", Long.toString(p.pid()), "status");
      while (!p.waitFor(20, java.util.concurrent.TimeUnit.MILLISECONDS)) {
        if (!timed) {
          peak = Math.max(peak, vmHwm(status));
        }
      }
      double wall = (System.nanoTime() - start) / 1e9;
      if (timed) {
        double[] t = fromTime(rssFile);
        peak = (long) t[0];
        cpu = t[1];
      }
      return new Measured(p.exitValue(), wall, peak, cpu);
    } finally {
      Files.deleteIfExists(rssFile);
    }
  }

  private static boolean gnuTime() {
    return Files.isExecutable(GNU_TIME);
  }

  /**
   * {peak RSS bytes, CPU seconds} from GNU time's "%M %U %S" line, the last one (it writes "Command exited with
   * non-zero status N" first when the child failed); {0, -1} when there is none.
   */
  private static double[] fromTime(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = lines.size() - 1; i >= 0; i--) {
      String l = lines.get(i).trim();
      if (l.matches("\\d+ [0-9.]+ [0-9.]+")) {
        String[] p = l.split(" ");
        return new double[] {Long.parseLong(p[0]) * 1024.0, Double.parseDouble(p[1]) + Double.parseDouble(p[2])};
      }
    }
    return new double[] {0, -1};
  }

  private static long vmHwm(Path status) {
    try {
      for (String line : Files.readAllLines(status, StandardCharsets.UTF_8)) {
        if (line.startsWith("VmHWM:")) {
          String[] parts = line.substring(6).trim().split("\\s+");
          return Long.parseLong(parts[0]) * (parts.length > 1 && parts[1].toLowerCase(Locale.ROOT).equals("mb")
              ? 1024 * 1024 : 1024);
        }
      }
    } catch (IOException | RuntimeException e) {
      // the process is exiting; keep the last reading
    }
    return 0;
  }

  /** The running class path with absolute entries: the children run in the work folder. */
  static String absoluteClassPath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(s -> !s.isEmpty())
        .map(s -> Path.of(s).toAbsolutePath().normalize().toString())
        .collect(Collectors.joining(File.pathSeparator));
  }
}
