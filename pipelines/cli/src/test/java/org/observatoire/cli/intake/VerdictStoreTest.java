package org.observatoire.cli.intake;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VerdictStoreTest {
  private static final long DAY = Duration.ofDays(1).toMillis();
  private static final long T0 = 1_764_000_000_000L;

  @Test
  void keepsTheNewestVerdictsUpToItsNumberAndLetsTheOldestGo() {
    VerdictStore store = VerdictStore.keeping(3, Duration.ofDays(30));
    for (int i = 1; i <= 5; i++) {
      store.put("s" + i, "{\"n\":" + i + "}", T0 + i);
    }
    assertThat(store.size(), is(3));
    assertThat(store.dropped(), is(2L));
    assertThat(store.get("s1"), is(Optional.empty()));
    assertThat(store.get("s2"), is(Optional.empty()));
    assertThat(store.get("s3"), is(Optional.of("{\"n\":3}")));
    assertThat(store.get("s5"), is(Optional.of("{\"n\":5}")));
  }

  @Test
  void letsGoVerdictsPublishedLongerBeforeTheNewestThanItsAge() {
    VerdictStore store = VerdictStore.keeping(100, Duration.ofDays(30));
    store.put("old", "a", T0);
    store.put("recent", "b", T0 + 29 * DAY);
    assertThat(store.size(), is(2));
    store.put("new", "c", T0 + 31 * DAY);
    assertThat(store.get("old"), is(Optional.empty()));
    assertThat(store.get("recent"), is(Optional.of("b")));
    assertThat(store.get("new"), is(Optional.of("c")));
    assertThat(store.dropped(), is(1L));
  }

  @Test
  void aVerdictPublishedAgainCountsAsNewAndReplacesTheFirst() {
    VerdictStore store = VerdictStore.keeping(3, Duration.ofDays(30));
    store.put("a", "first", T0);
    store.put("b", "b", T0 + 1);
    store.put("c", "c", T0 + 2);
    store.put("a", "replayed", T0 + 3);
    store.put("d", "d", T0 + 4);
    assertThat(store.get("a"), is(Optional.of("replayed")));
    assertThat(store.get("b"), is(Optional.empty()));
    assertThat(store.size(), is(3));
  }

  @Test
  void aVerdictReadLateWithAnOldTimeDoesNotPushOutNewerOnes() {
    VerdictStore store = VerdictStore.keeping(10, Duration.ofDays(30));
    store.put("new", "n", T0 + 40 * DAY);
    store.put("stale", "s", T0);
    assertThat(store.get("new"), is(Optional.of("n")));
    assertThat(store.get("stale"), is(Optional.empty()));
  }

  @Test
  void tellsWhyAVerdictMayBeMissing() {
    assertThat(VerdictStore.withDefaults().whenMissing(),
        equalTo("no verdict yet, or none for this id: verdicts are kept here for 30 days and at most 1000000 of them"));
    assertThat(VerdictStore.keeping(5, Duration.ofHours(6)).whenMissing(), containsString("kept here for 6 hours"));
  }

  @Test
  void refusesLimitsThatWouldKeepNothing() {
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
        () -> VerdictStore.keeping(0, Duration.ofDays(1)));
    assertThat(none.getMessage(), is("the intake must keep at least one verdict, not 0"));
    IllegalArgumentException never = assertThrows(IllegalArgumentException.class,
        () -> VerdictStore.keeping(10, Duration.ZERO));
    assertThat(never.getMessage(), is("verdicts must be kept for a positive time, not PT0S"));
  }
}
