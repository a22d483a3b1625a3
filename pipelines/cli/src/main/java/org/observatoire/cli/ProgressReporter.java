package org.observatoire.cli;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.observatoire.beam.Progress;

/** Prints lines processed and the rate every few seconds while an embedded runner works. */
final class ProgressReporter {
  private static final long PERIOD_SECONDS = 5;
  private final ScheduledExecutorService timer;

  private ProgressReporter(ScheduledExecutorService timer) {
    this.timer = timer;
  }

  static ProgressReporter start(PrintStream out) {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "progress");
      t.setDaemon(true);
      return t;
    });
    long start = System.nanoTime();
    long[] last = {0};
    timer.scheduleAtFixedRate(() -> {
      long lines = Progress.lines();
      double elapsed = (System.nanoTime() - start) / 1e9;
      out.printf("[%6.0f s] %,d lines validated (%,.0f lines/s over the last %d s)%n",
          elapsed, lines, (lines - last[0]) / (double) PERIOD_SECONDS, PERIOD_SECONDS);
      last[0] = lines;
    }, PERIOD_SECONDS, PERIOD_SECONDS, TimeUnit.SECONDS);
    return new ProgressReporter(timer);
  }

  void stop() {
    timer.shutdownNow();
  }
}
