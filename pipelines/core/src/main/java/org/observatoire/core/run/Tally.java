package org.observatoire.core.run;

import java.util.EnumMap;
import java.util.Map;

/** Counters by kind for one file, one protocol or the whole run. Mutable while a manifest is being built. */
final class Tally {
  private final EnumMap<OutcomeKind, Long> counts = new EnumMap<>(OutcomeKind.class);

  void add(OutcomeKind kind, long n) {
    counts.merge(kind, n, Long::sum);
  }

  long get(OutcomeKind kind) {
    return counts.getOrDefault(kind, 0L);
  }

  /** curated + rejected + duplicates + dead-lettered. */
  long accountedFor() {
    long sum = 0;
    for (Map.Entry<OutcomeKind, Long> e : counts.entrySet()) {
      if (e.getKey().isLineOutcome()) {
        sum += e.getValue();
      }
    }
    return sum;
  }
}
