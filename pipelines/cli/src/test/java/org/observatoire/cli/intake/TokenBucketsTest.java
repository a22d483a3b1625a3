package org.observatoire.cli.intake;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import org.junit.jupiter.api.Test;

class TokenBucketsTest {
  private long now = 1_000_000_000L;

  @Test
  void aBurstIsTakenThenOneTokenPerIntervalAndTheWaitIsSaid() {
    TokenBuckets b = TokenBuckets.of(2, 3, () -> now);
    for (int i = 0; i < 3; i++) {
      assertThat(b.take("k"), equalTo(0L));
    }
    long wait = b.take("k");
    assertThat(wait, equalTo(500_000_000L));
    assertThat(TokenBuckets.retryAfterSeconds(wait), equalTo(1L));
    now += 500_000_000L;
    assertThat(b.take("k"), equalTo(0L));
    assertThat(b.take("k"), greaterThan(0L));
    assertThat("another name has its own bucket", b.take("other"), equalTo(0L));
  }

  @Test
  void aKeysOwnRateWins() {
    TokenBuckets b = TokenBuckets.of(1, 1, () -> now);
    for (int i = 0; i < 20; i++) {
      assertThat(b.take("fast", 10), equalTo(0L));
    }
    assertThat(b.take("fast", 10), equalTo(100_000_000L));
  }

  @Test
  void idleFullBucketsAreForgottenWhenThereAreMany() {
    TokenBuckets b = TokenBuckets.of(1000, 1, () -> now);
    for (int i = 0; i <= TokenBuckets.SWEEP_ABOVE; i++) {
      b.take("addr-" + i);
    }
    now += 1_000_000_000L;
    b.take("late");
    assertThat(b.size(), equalTo(1));
  }
}
