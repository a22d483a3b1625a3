package org.observatoire.generator;

/** Drawing without replacement, for protocols that list each taxon once. */
final class Sampling {
  private Sampling() {}

  /** {@code k} distinct indexes in [0, size), biased towards the start of the list (commonest first). */
  static int[] distinct(GenContext g, int size, int k) {
    if (k > size) {
      throw new IllegalArgumentException("cannot draw " + k + " distinct items out of " + size);
    }
    int[] idx = new int[size];
    for (int i = 0; i < size; i++) {
      idx[i] = i;
    }
    for (int i = 0; i < k; i++) {
      int span = size - i;
      double u = g.rnd.nextDouble();
      int j = i + (int) (u * u * span);
      int t = idx[i];
      idx[i] = idx[j];
      idx[j] = t;
    }
    return idx;
  }
}
