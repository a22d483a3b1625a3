package org.observatoire.beam;

import java.util.concurrent.atomic.LongAdder;

/**
 * Lines processed in this JVM, for a console progress line while an embedded runner (Direct, Flink local) works.
 * Not a result: the run manifest's counts come from the data itself. On a cluster it stays at zero here.
 */
public final class Progress {
  private static final LongAdder LINES = new LongAdder();

  private Progress() {}

  public static void line() {
    LINES.increment();
  }

  public static long lines() {
    return LINES.sum();
  }
}
