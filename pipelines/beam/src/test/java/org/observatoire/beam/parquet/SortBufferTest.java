package org.observatoire.beam.parquet;

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
      rows.add(new SortBuffer.Entry(SortBuffer.key(taxon, cell), (taxon + "|" + cell + "|" + i).getBytes(StandardCharsets.UTF_8)));
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
    try (SortBuffer b = new SortBuffer(32 * 1024)) {
      rows.forEach(e -> b.add(e.key(), e.row()));
      assertThat(b.runs(), greaterThan(5));
      List<String> out = drain(b);
      assertThat(out.size(), is(rows.size()));
      // same multiset, in key order with nulls last, equal keys in the order of their rows' bytes
      assertThat(out, is(expected(rows)));
    }
  }

  @Test
  void theOrderDoesNotDependOnTheOrderOfArrival() {
    List<SortBuffer.Entry> rows = new ArrayList<>();
    for (SortBuffer.Entry e : rows(2000, 5)) {
      // few distinct keys, many rows per key
      rows.add(new SortBuffer.Entry(SortBuffer.key(new String(e.row(), StandardCharsets.UTF_8).split("\\|")[0]), e.row()));
    }
    List<SortBuffer.Entry> shuffled = new ArrayList<>(rows);
    java.util.Collections.shuffle(shuffled, new Random(3));
    try (SortBuffer a = new SortBuffer(16 * 1024); SortBuffer b = new SortBuffer(64L << 20)) {
      rows.forEach(e -> a.add(e.key(), e.row()));
      shuffled.forEach(e -> b.add(e.key(), e.row()));
      assertThat(drain(a), is(drain(b)));
    }
  }

  @Test
  void sortsInMemoryWhenUnderBudget() {
    List<SortBuffer.Entry> rows = rows(300, 11);
    try (SortBuffer b = new SortBuffer(64L << 20)) {
      rows.forEach(e -> b.add(e.key(), e.row()));
      assertThat(b.runs(), is(0));
      assertThat(drain(b), is(expected(rows)));
    }
  }

  @Test
  void keysSortColumnByColumnAsUnsignedUtf8WithNullsLast() {
    List<byte[]> keys = new ArrayList<>(List.of(
        SortBuffer.key("b", "x"), SortBuffer.key(null, "a"), SortBuffer.key("abc", "a"),
        SortBuffer.key("ab", "z"), SortBuffer.key(new org.apache.avro.util.Utf8("ab"), null),
        SortBuffer.key("Émyde", "a"), SortBuffer.key("Zygaena", "a"), SortBuffer.key("ab", "y")));
    keys.sort(java.util.Arrays::compareUnsigned);
    List<String> order = keys.stream().map(SortBufferTest::show).toList();
    // "ab" before its extension "abc" whatever the next column; É (UTF-8 0xC3 0x89) after every ASCII letter
    assertThat(order, is(List.of("Zygaena|a", "ab|y", "ab|z", "ab|null", "abc|a", "b|x", "Émyde|a", "null|a")));
  }

  private static String show(byte[] key) {
    StringBuilder b = new StringBuilder();
    int start = 0;
    for (int i = 0; i < key.length; i++) {
      if (key[i] == (byte) 0xFF) {
        b.append(b.length() == 0 ? "" : "|").append("null");
        start = i + 1;
      } else if (key[i] == 0) {
        b.append(b.length() == 0 ? "" : "|").append(new String(key, start, i - start, StandardCharsets.UTF_8));
        start = i + 1;
      }
    }
    return b.toString();
  }
}
