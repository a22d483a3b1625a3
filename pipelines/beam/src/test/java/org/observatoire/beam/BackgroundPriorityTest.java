package org.observatoire.beam;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** On Linux (as CI and production run): the calling thread, and only it, gets the nice value asked for. */
class BackgroundPriorityTest {
  private static <T> T onNewThread(java.util.concurrent.Callable<T> work) throws Exception {
    AtomicReference<T> result = new AtomicReference<>();
    AtomicReference<Exception> failure = new AtomicReference<>();
    Thread t = new Thread(() -> {
      try {
        result.set(work.call());
      } catch (Exception e) {
        failure.set(e);
      }
    });
    t.start();
    t.join();
    if (failure.get() != null) {
      throw failure.get();
    }
    return result.get();
  }

  @Test
  void raisesTheNiceValueOfTheCallingThreadOnly() throws Exception {
    int base = BackgroundPriority.currentNiceness();
    int target = Math.min(19, base + 5);
    assertThat("the test JVM already runs at the highest nice value", target, greaterThan(base));
    int[] seen = onNewThread(() -> {
      boolean lowered = BackgroundPriority.lowerCurrentThread(target);
      int after = BackgroundPriority.currentNiceness();
      // a second call on the same thread does nothing more and still reports the thread lowered
      boolean again = BackgroundPriority.lowerCurrentThread(target);
      return new int[] {lowered ? 1 : 0, after, again ? 1 : 0};
    });
    assertThat("lowered", seen[0], equalTo(1));
    assertThat("nice value on the lowered thread", seen[1], equalTo(target));
    assertThat("second call", seen[2], equalTo(1));
    assertThat("nice value of the calling test thread", BackgroundPriority.currentNiceness(), equalTo(base));
    // a thread of its own has its own task id
    assertThat(onNewThread(BackgroundPriority::taskId), not(equalTo(BackgroundPriority.taskId())));
  }

  @Test
  void zeroLeavesTheThreadAlone_andOutOfRangeValuesAreRefused() throws Exception {
    int base = BackgroundPriority.currentNiceness();
    assertThat(onNewThread(() -> BackgroundPriority.lowerCurrentThread(0)), equalTo(false));
    assertThat(BackgroundPriority.currentNiceness(), equalTo(base));
    assertThrows(IllegalArgumentException.class, () -> BackgroundPriority.lowerCurrentThread(20));
    assertThrows(IllegalArgumentException.class, () -> BackgroundPriority.lowerCurrentThread(-1));
  }
}
