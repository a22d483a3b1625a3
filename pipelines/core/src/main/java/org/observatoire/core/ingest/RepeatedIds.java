package org.observatoire.core.ingest;

import java.util.Arrays;

/**
 * The keys ({@link SubmissionIds#key}) of the submission ids found on more than one input line. A submission whose
 * id is not among them is its id's only submission, so it is kept without the duplicate check; the others go through
 * it. Holds 8 bytes per repeated id, whatever the size of the input.
 */
public final class RepeatedIds {
  private static final RepeatedIds NONE = new RepeatedIds(new long[0]);

  private final long[] sorted;

  private RepeatedIds(long[] sorted) {
    this.sorted = sorted;
  }

  /** No id repeated. */
  public static RepeatedIds none() {
    return NONE;
  }

  /** From keys in any order, repeats allowed (the array is copied). */
  public static RepeatedIds ofKeys(long[] keys, int length) {
    if (length < 0 || length > keys.length) {
      throw new IllegalArgumentException("length " + length + " is outside the array of " + keys.length + " keys");
    }
    long[] s = Arrays.copyOf(keys, length);
    Arrays.sort(s);
    int n = 0;
    for (int i = 0; i < s.length; i++) {
      if (i == 0 || s[i] != s[i - 1]) {
        s[n++] = s[i];
      }
    }
    return new RepeatedIds(n == s.length ? s : Arrays.copyOf(s, n));
  }

  /** Whether this id may occur on more than one line (true too when another repeated id shares its key). */
  public boolean mayRepeat(String submissionId) {
    return sorted.length > 0 && containsKey(SubmissionIds.key(submissionId));
  }

  public boolean containsKey(long key) {
    return Arrays.binarySearch(sorted, key) >= 0;
  }

  /** Number of distinct keys. */
  public int size() {
    return sorted.length;
  }

  /** The keys in ascending order (a copy). */
  public long[] keys() {
    return sorted.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RepeatedIds r && Arrays.equals(sorted, r.sorted);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(sorted);
  }

  @Override
  public String toString() {
    return "RepeatedIds[" + sorted.length + " keys]";
  }
}
