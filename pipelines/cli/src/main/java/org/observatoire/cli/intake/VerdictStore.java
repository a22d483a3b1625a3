package org.observatoire.cli.intake;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The verdicts the intake can answer with, bounded: at most {@code maxVerdicts}, none published more than
 * {@code maxAge} before the newest one read. After 100 minutes at 300 submissions/s, an intake that kept every
 * verdict had grown to 1.2 GB of RSS (1.8 million verdicts of about 210 characters); kept this way, its memory no
 * longer depends on how long it has been running. Age is measured between the verdicts' own publication times, not
 * against a clock, so a restarted intake reading the topic from its beginning keeps what it kept before.
 *
 * <p>Verdicts leave oldest first, in the order they were read (the verdicts topic has one partition, so that is
 * publication order); a verdict published again for the same submission (a replay) counts as new, and one read
 * already older than the age kept is not kept. Thread-safe.
 */
public final class VerdictStore {
  /** A volunteer's app asks within minutes; a volunteer coming back to a submission, within weeks. */
  public static final int DEFAULT_MAX_DAYS = 30;
  public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(DEFAULT_MAX_DAYS);
  /** About 340 MB of heap (338 bytes each, measured with 210-character verdicts); a month at Vigie-Nature's scale. */
  public static final int DEFAULT_MAX_VERDICTS = 1_000_000;

  private final int maxVerdicts;
  private final long maxAgeMillis;
  private final LinkedHashMap<String, Held> held = new LinkedHashMap<>();
  private long newestMillis = Long.MIN_VALUE;
  private long dropped;

  private record Held(String json, long publishedMillis) {}

  private VerdictStore(int maxVerdicts, Duration maxAge) {
    this.maxVerdicts = maxVerdicts;
    this.maxAgeMillis = maxAge.toMillis();
  }

  /** A store keeping at most {@code maxVerdicts}, none older than {@code maxAge} behind the newest. */
  public static VerdictStore keeping(int maxVerdicts, Duration maxAge) {
    if (maxVerdicts < 1) {
      throw new IllegalArgumentException("the intake must keep at least one verdict, not " + maxVerdicts);
    }
    if (maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("verdicts must be kept for a positive time, not " + maxAge);
    }
    return new VerdictStore(maxVerdicts, maxAge);
  }

  public static VerdictStore withDefaults() {
    return keeping(DEFAULT_MAX_VERDICTS, DEFAULT_MAX_AGE);
  }

  /** Keeps {@code json} as the verdict of {@code submissionId}, published at {@code publishedMillis}. */
  public synchronized void put(String submissionId, String json, long publishedMillis) {
    newestMillis = Math.max(newestMillis, publishedMillis);
    if (publishedMillis < newestMillis - maxAgeMillis) {
      dropped++;
      return;
    }
    held.remove(submissionId);
    held.put(submissionId, new Held(json, publishedMillis));
    Iterator<Map.Entry<String, Held>> oldest = held.entrySet().iterator();
    while (oldest.hasNext()) {
      Held h = oldest.next().getValue();
      if (held.size() <= maxVerdicts && h.publishedMillis() >= newestMillis - maxAgeMillis) {
        break;
      }
      oldest.remove();
      dropped++;
    }
  }

  public synchronized Optional<String> get(String submissionId) {
    Held h = held.get(submissionId);
    return h == null ? Optional.empty() : Optional.of(h.json());
  }

  /** The most verdicts this store keeps. */
  public int maxVerdicts() {
    return maxVerdicts;
  }

  /** How many verdicts are kept now. */
  public synchronized int size() {
    return held.size();
  }

  /** How many verdicts were let go, for age or number, since the store was made. */
  public synchronized long dropped() {
    return dropped;
  }

  /** Why no verdict may be kept for a submission, for the volunteer who asks. */
  public String whenMissing() {
    long hours = maxAgeMillis / 3_600_000L;
    String age = hours % 24 == 0 ? hours / 24 + " days" : hours > 0 ? hours + " hours" : maxAgeMillis / 1000 + " s";
    return "no verdict yet, or none for this id: verdicts are kept here for " + age + " and at most " + maxVerdicts
        + " of them";
  }
}
