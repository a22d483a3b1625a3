package org.observatoire.cli.intake;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Rate limits by name (an API key's id, a client's address): one token bucket each, refilled at {@code rate} per
 * second up to {@code burst}. A request takes one token or is told how long until one is there (the 429's
 * {@code Retry-After}). Buckets that have filled up again are forgotten when there are many, so a flood of
 * addresses does not grow the map without end. Thread-safe; O(1) per request.
 */
public final class TokenBuckets {
  /** Past this many buckets, full ones (idle long enough to refill) are dropped. */
  static final int SWEEP_ABOVE = 100_000;

  private final double ratePerNano;
  private final double burst;
  private final LongSupplier clock;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  private static final class Bucket {
    double tokens;
    long at;
    final double ratePerNano;
    final double burst;

    Bucket(double tokens, long at, double ratePerNano, double burst) {
      this.tokens = tokens;
      this.at = at;
      this.ratePerNano = ratePerNano;
      this.burst = burst;
    }

    synchronized long take(long now) {
      tokens = Math.min(burst, tokens + (now - at) * ratePerNano);
      at = now;
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      return (long) Math.ceil((1 - tokens) / ratePerNano);
    }

    synchronized boolean full(long now) {
      return tokens + (now - at) * ratePerNano >= burst;
    }
  }

  private TokenBuckets(double rate, double burst, LongSupplier clock) {
    this.ratePerNano = rate / 1e9;
    this.burst = burst;
    this.clock = clock;
  }

  /** {@code rate} tokens per second, at most {@code burst} saved up. */
  public static TokenBuckets of(double rate, double burst) {
    return of(rate, burst, System::nanoTime);
  }

  static TokenBuckets of(double rate, double burst, LongSupplier clock) {
    if (!(rate > 0) || burst < 1) {
      throw new IllegalArgumentException("a rate limit needs a positive rate and a burst of at least 1, not "
          + rate + "/s and " + burst);
    }
    return new TokenBuckets(rate, burst, clock);
  }

  /** Takes a token for {@code name}: 0 when allowed, else the nanoseconds until a token is there. */
  public long take(String name) {
    return take(name, -1);
  }

  /**
   * As {@link #take(String)}, with {@code rate} per second for this name when positive (a key's own limit), and a
   * burst of two seconds' worth.
   */
  public long take(String name, double rate) {
    long now = clock.getAsLong();
    double perNano = rate > 0 ? rate / 1e9 : ratePerNano;
    double cap = rate > 0 ? Math.max(1, rate * 2) : burst;
    Bucket b = buckets.computeIfAbsent(name, n -> new Bucket(cap, now, perNano, cap));
    long wait = b.take(now);
    if (buckets.size() > SWEEP_ABOVE) {
      buckets.values().removeIf(x -> x.full(now));
    }
    return wait;
  }

  /** Whole seconds to wait before retrying, for a {@code Retry-After} header (at least 1). */
  public static long retryAfterSeconds(long waitNanos) {
    return Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
  }

  int size() {
    return buckets.size();
  }
}
