package org.observatoire.beam;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lowers the CPU priority (the Linux nice value) of the calling thread, once per thread.
 *
 * <p>Why: the streaming job's two halves share the machine's cores. When a window fires, its de-duplication and
 * Parquet writing take every core for tens of seconds, and the verdicts, which volunteers wait for, queue behind
 * them. With the windowing threads at a higher nice value the scheduler serves the verdicts first and gives the
 * windows what is left; the windows are written later, the verdicts are not held back.
 *
 * <p>How: Java has no per-thread nice value (its thread priorities are ignored on Linux unless the JVM runs as
 * root with {@code -XX:ThreadPriorityPolicy=1}), but Linux schedules threads as tasks and lets a user raise the nice
 * value of their own. The thread's task id is read from {@code /proc/thread-self} and {@code renice} is run on it.
 * Where that is not available (another OS, no {@code renice}) nothing changes and one warning is logged.
 */
public final class BackgroundPriority {
  private static final Logger LOG = LoggerFactory.getLogger(BackgroundPriority.class);
  /** Per thread: null until tried, then whether the thread was lowered. */
  private static final ThreadLocal<Boolean> LOWERED = new ThreadLocal<>();
  private static volatile boolean warned;

  private BackgroundPriority() {}

  /**
   * Sets the calling thread's nice value to {@code niceness} (1–19; 0 leaves it alone) unless this was done on it.
   *
   * @return whether the thread now runs at that nice value
   */
  public static boolean lowerCurrentThread(int niceness) {
    checkNiceness(niceness);
    if (niceness == 0) {
      return false;
    }
    if (LOWERED.get() == null) {
      LOWERED.set(renice(niceness));
    }
    return LOWERED.get();
  }

  private static boolean renice(int niceness) {
    try {
      String tid = taskId();
      Process p = new ProcessBuilder("renice", "--priority", Integer.toString(niceness), "-p", tid)
          .redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
        warnOnce("renice of thread " + tid + " failed: " + out);
        return false;
      }
      LOG.info("thread {} ({}) now runs at nice {}", tid, Thread.currentThread().getName(), niceness);
      return true;
    } catch (java.io.IOException | RuntimeException e) {
      warnOnce("cannot lower the priority of thread " + Thread.currentThread().getName() + ": " + e);
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Refuses a nice value a thread cannot be lowered to: 0 (unchanged) to 19. */
  public static int checkNiceness(int niceness) {
    if (niceness < 0 || niceness > 19) {
      throw new IllegalArgumentException("niceness must be 0 (unchanged) to 19, got " + niceness);
    }
    return niceness;
  }

  /** The Linux task id of the calling thread ({@code /proc/thread-self} → {@code <pid>/task/<tid>}). */
  static String taskId() throws java.io.IOException {
    Path self = Files.readSymbolicLink(Path.of("/proc/thread-self"));
    return self.getFileName().toString();
  }

  /** The nice value of the calling thread, from {@code /proc/thread-self/stat} (field 19). */
  static int currentNiceness() throws java.io.IOException {
    String stat = Files.readString(Path.of("/proc/thread-self/stat"));
    // the command name (field 2) is in parentheses and may hold spaces: count fields after its closing one
    String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Integer.parseInt(after[16]);
  }

  private static void warnOnce(String message) {
    if (!warned) {
      warned = true;
      LOG.warn("{}; the windowing threads keep their priority", message);
    }
  }
}
