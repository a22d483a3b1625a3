package org.observatoire.cli.stream;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.observatoire.cli.Observatoire;

/**
 * A command of this program in a child JVM of the same java: {@code java <jvmArgs> <add-opens> -cp JAR
 * org.observatoire.cli.Observatoire <args>}, stdout and stderr to a log file. The caller owns the process.
 * Its temporary files go to a {@code tmp} folder beside the log, unless {@code jvmArgs} set {@code java.io.tmpdir}:
 * embedded Flink unpacks a 22 MB RPC jar there and deletes it only on a clean exit, so every child that was
 * killed (the restart tests do it on purpose) used to leave one in the machine's /tmp.
 */
public final class CliProcess {
  /** Flink reaches into JDK internals on Java 17 (the same list as the ./observatoire launcher). */
  private static final List<String> OPENS = List.of("java.base/java.lang", "java.base/java.lang.invoke",
      "java.base/java.lang.reflect", "java.base/java.io", "java.base/java.net", "java.base/java.nio",
      "java.base/java.util", "java.base/java.util.concurrent", "java.base/java.util.concurrent.atomic",
      "java.base/sun.nio.ch", "java.base/sun.nio.cs", "java.base/sun.security.action", "java.base/sun.util.calendar");

  private CliProcess() {}

  public static Process start(Path jar, List<String> jvmArgs, List<String> args, Path log) throws IOException {
    return start(List.of(jar), Observatoire.class.getName(), jvmArgs, args, log);
  }

  /**
   * {@code mainClass} (a command line built on {@link Observatoire#commandLine}) on a class path of jars, e.g. the
   * product jar and the benchmark harness's.
   */
  public static Process start(List<Path> jars, String mainClass, List<String> jvmArgs, List<String> args, Path log)
      throws IOException {
    List<String> classPath = new ArrayList<>();
    for (Path jar : jars) {
      if (!Files.isRegularFile(jar)) {
        throw new IllegalStateException("no jar at " + jar + " (mvn package builds it)");
      }
      classPath.add(jar.toAbsolutePath().toString());
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmArgs);
    if (jvmArgs.stream().noneMatch(a -> a.startsWith("-Djava.io.tmpdir="))) {
      Path tmp = Files.createDirectories(log.toAbsolutePath().getParent().resolve("tmp"));
      cmd.add("-Djava.io.tmpdir=" + tmp);
    }
    for (String o : OPENS) {
      cmd.add("--add-opens=" + o + "=ALL-UNNAMED");
    }
    cmd.add("-Dderby.stream.error.file=/dev/null");
    cmd.add("-cp");
    cmd.add(String.join(File.pathSeparator, classPath));
    cmd.add(mainClass);
    cmd.addAll(args);
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
  }

  /** The jar this program runs from, or {@code fallback} when it runs from class folders (tests). */
  public static Path ownJar(Path fallback) {
    try {
      Path p = Path.of(Observatoire.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return Files.isRegularFile(p) && p.toString().endsWith(".jar") ? p : fallback;
    } catch (URISyntaxException | RuntimeException e) {
      return fallback;
    }
  }

  /** Peak resident set size of a live process (VmHWM), in bytes; 0 when unknown. */
  public static long peakRss(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.substring(6).trim().split("\\s+")[0]) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // gone
    }
    return 0;
  }

  /**
   * CPU time (user + system) a live process has used so far, in seconds, from {@code /proc/PID/stat} (clock ticks
   * of 1/100 s, Linux's USER_HZ); -1 when unknown.
   */
  public static double cpuSeconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // fields after the command name in parentheses (which may hold spaces): state is field 3, utime 14, stime 15
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
