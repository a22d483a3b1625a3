package org.observatoire.benchmarks.load;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class PreparedBodiesTest {
  private static final String AT = "__AT__";

  /** Body k: {"n":k,"s":"__AT__","é":…} (a non-ASCII name, so that the split is by UTF-8 bytes). */
  private static Supplier<String> numbered(AtomicInteger made) {
    return () -> {
      int k = made.getAndIncrement();
      return "{\"n\":" + k + ",\"s\":\"" + AT + "\",\"é\":\"" + "x".repeat(k % 7) + "\"}";
    };
  }

  @Test
  void workersTakingInQueueOrderGetEveryBodyOnceWithFewHeld() throws Exception {
    AtomicInteger made = new AtomicInteger();
    int total = 5_000;
    int ahead = 16;
    BlockingQueue<Integer> queue = new LinkedBlockingQueue<>();
    String[] got = new String[total];
    AtomicInteger maxHeld = new AtomicInteger();
    try (PreparedBodies bodies = PreparedBodies.start(numbered(made), total, ahead, AT)) {
      List<Thread> workers = new ArrayList<>();
      for (int w = 0; w < 8; w++) {
        Thread t = new Thread(() -> {
          try {
            for (int i = queue.take(); i >= 0; i = queue.take()) {
              byte[] body = PreparedBodies.fill(bodies.take(i), "T".getBytes(StandardCharsets.UTF_8));
              got[i] = new String(body, StandardCharsets.UTF_8);
              maxHeld.accumulateAndGet(bodies.held(), Math::max);
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
        t.start();
        workers.add(t);
      }
      for (int i = 0; i < total; i++) {
        queue.put(i);
      }
      for (int w = 0; w < workers.size(); w++) {
        queue.put(-1);
      }
      for (Thread t : workers) {
        t.join(30_000);
      }
    }
    for (int i = 0; i < total; i++) {
      assertThat(got[i], equalTo("{\"n\":" + i + ",\"s\":\"T\",\"é\":\"" + "x".repeat(i % 7) + "\"}"));
    }
    assertThat(made.get(), equalTo(total));
    assertThat(maxHeld.get(), lessThanOrEqualTo(ahead));
  }

  @Test
  void makesNoMoreThanAheadUntilBodiesAreTaken() throws Exception {
    AtomicInteger made = new AtomicInteger();
    try (PreparedBodies bodies = PreparedBodies.start(numbered(made), 100, 10, AT)) {
      bodies.take(0);
      Thread.sleep(300);
      assertThat(made.get(), equalTo(11));
      assertThat(bodies.held(), equalTo(10));
      IllegalStateException again = assertThrows(IllegalStateException.class, () -> bodies.take(0));
      assertThat(again.getMessage(), containsString("body 0 was taken already"));
      assertThrows(IllegalArgumentException.class, () -> bodies.take(100));
    }
  }

  @Test
  void aBodyWithoutThePlaceholderFailsTheTakersWithTheCause() throws Exception {
    AtomicInteger made = new AtomicInteger();
    Supplier<String> broken = () -> made.getAndIncrement() < 3 ? "{\"s\":\"" + AT + "\"}" : "{}";
    try (PreparedBodies bodies = PreparedBodies.start(broken, 10, 5, AT)) {
      bodies.take(0);
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> bodies.take(5));
      assertThat(e.getCause().getMessage(), containsString("body 3 has no " + AT));
    }
  }
}
