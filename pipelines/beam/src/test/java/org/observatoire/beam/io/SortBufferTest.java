package org.observatoire.beam.io;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SortBufferTest {
  private static final String[] TAXA = {"Parus major", "Erithacus rubecula", "Turdus merula", "Ciconia nigra", null};

  /** Rows whose bytes spell their keys and a sequence number, so the output order can be checked from them. */
  private static List<SortBuffer.Entry> rows(int n, long seed) {
    Random r = new Random(seed);
    List<SortBuffer.Entry> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String taxon = TAXA[r.nextInt(TAXA.length)];
      String cell = r.nextInt(10) == 0 ? null : "10kmE" + (400 + r.nextInt(30)) + "N" + (250 + r.nextInt(30));
      String[] keys = {taxon, cell};
      rows.add(new SortBuffer.Entry(keys, (taxon + "|" + cell + "|" + i).getBytes(StandardCharsets.UTF_8)));
    }
    return rows;
  }

  private static List<String> drain(SortBuffer b) {
    List<String> out = new ArrayList<>();
    for (Iterator<byte[]> it = b.sorted(); it.hasNext(); ) {
      out.add(new String(it.next(), StandardCharsets.UTF_8));
    }
    return out;
  }

  private static List<String> expected(List<SortBuffer.Entry> rows) {
    List<SortBuffer.Entry> sorted = new ArrayList<>(rows);
    sorted.sort(SortBuffer.ORDER);
    return sorted.stream().map(e -> new String(e.row(), StandardCharsets.UTF_8)).toList();
  }

  @Test
  void spillsSortedRunsWhenOverBudgetAndMergesThemInKeyOrder() {
    List<SortBuffer.Entry> rows = rows(5000, 7);
    try (SortBuffer b = new SortBuffer(2, 32 * 1024)) {
      rows.forEach(e -> b.add(e.keys(), e.row()));
      assertThat(b.runs(), greaterThan(5));
      List<String> out = drain(b);
      assertThat(out.size(), is(rows.size()));
      // same multiset, in key order with nulls last; equal keys keep their arrival order (runs merge stably)
      assertThat(out, is(expected(rows)));
    }
  }

  @Test
  void sortsInMemoryWhenUnderBudget() {
    List<SortBuffer.Entry> rows = rows(300, 11);
    try (SortBuffer b = new SortBuffer(2, 64L << 20)) {
      rows.forEach(e -> b.add(e.keys(), e.row()));
      assertThat(b.runs(), is(0));
      assertThat(drain(b), is(expected(rows)));
    }
  }
}
