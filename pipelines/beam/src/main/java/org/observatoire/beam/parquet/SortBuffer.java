package org.observatoire.beam.parquet;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import org.apache.avro.util.Utf8;

/**
 * An external sort of encoded rows by a binary key in bounded memory: rows are held in memory up to a byte budget,
 * then sorted and spilled as a run to a local temporary file; {@link #sorted()} merges the runs and what is still in
 * memory. Keys (then rows, for equal keys) compare as unsigned bytes, the order Parquet's statistics use for strings; {@link #key} builds one
 * from several string columns so that it sorts column by column, nulls last. Not thread-safe; {@link #close()}
 * deletes the runs.
 */
public final class SortBuffer implements AutoCloseable {
  /** One row: its sort key and its encoded bytes. */
  record Entry(byte[] key, byte[] row) {}

  /**
   * Key order, then row bytes: a total order, so that rows with equal keys are stored in the same order whatever
   * order they arrived in (files are byte-identical from run to run).
   */
  static final Comparator<Entry> ORDER = (a, b) -> {
    int byKey = Arrays.compareUnsigned(a.key, b.key);
    return byKey != 0 ? byKey : Arrays.compareUnsigned(a.row, b.row);
  };

  /** Marks a null column: 0xFF never occurs in UTF-8, so it sorts after every string. */
  private static final byte NULL = (byte) 0xFF;
  /** Ends each column, so that a string sorts before its own extensions ("ab" before "abc"). */
  private static final byte END = 0;

  /**
   * The key of a row whose sort columns hold these values (strings, Avro {@code Utf8}, or anything else by its
   * {@code toString()}; null allowed): the columns' UTF-8 bytes, each followed by a zero byte, and a null column as
   * a single 0xFF, which sorts after every string.
   */
  static byte[] key(Object... values) {
    int size = 0;
    byte[][] parts = new byte[values.length][];
    for (int i = 0; i < values.length; i++) {
      Object v = values[i];
      if (v instanceof Utf8 u) {
        parts[i] = u.getBytes();
        size += u.getByteLength() + 1;
      } else if (v != null) {
        parts[i] = v.toString().getBytes(StandardCharsets.UTF_8);
        size += parts[i].length + 1;
      } else {
        size += 1;
      }
    }
    byte[] key = new byte[size];
    int at = 0;
    for (int i = 0; i < values.length; i++) {
      if (parts[i] == null) {
        key[at++] = NULL;
        continue;
      }
      int len = values[i] instanceof Utf8 u ? u.getByteLength() : parts[i].length;
      System.arraycopy(parts[i], 0, key, at, len);
      at += len;
      key[at++] = END;
    }
    return key;
  }

  private static final int ENTRY_OVERHEAD = 96;
  private final long budgetBytes;
  private final List<Entry> memory = new ArrayList<>();
  private final List<Path> runs = new ArrayList<>();
  private long bytes;
  private long spilledRows;

  public SortBuffer(long budgetBytes) {
    if (budgetBytes < 1) {
      throw new IllegalArgumentException("the sort budget must be positive, got " + budgetBytes);
    }
    this.budgetBytes = budgetBytes;
  }

  public void add(byte[] key, byte[] row) {
    memory.add(new Entry(key, row));
    bytes += key.length + row.length + ENTRY_OVERHEAD;
    if (bytes >= budgetBytes) {
      spill();
    }
  }

  /** Runs spilled to disk so far (for tests and logs). */
  int runs() {
    return runs.size();
  }

  long spilledRows() {
    return spilledRows;
  }

  private void spill() {
    memory.sort(ORDER);
    try {
      Path run = Files.createTempFile("observatoire-sort-", ".run");
      runs.add(run);
      try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(run), 1 << 16))) {
        for (Entry e : memory) {
          out.writeInt(e.key.length);
          out.write(e.key);
          out.writeInt(e.row.length);
          out.write(e.row);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot spill a sorted run to the temporary folder", e);
    }
    spilledRows += memory.size();
    memory.clear();
    bytes = 0;
  }

  /** Every row added, in {@link #ORDER}. Call once. */
  public Iterator<byte[]> sorted() {
    memory.sort(ORDER);
    if (runs.isEmpty()) {
      Iterator<Entry> it = memory.iterator();
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return it.hasNext();
        }

        @Override
        public byte[] next() {
          return it.next().row;
        }
      };
    }
    List<Iterator<Entry>> sources = new ArrayList<>();
    for (Path run : runs) {
      sources.add(new RunReader(run));
    }
    sources.add(memory.iterator());
    return merge(sources);
  }

  /** The rows of sorted sources merged in {@link #ORDER} (ties by source index). */
  static Iterator<byte[]> merge(List<? extends Iterator<Entry>> sources) {
    record Head(Entry entry, int source) {}
    PriorityQueue<Head> heads = new PriorityQueue<>(
        Comparator.comparing(Head::entry, ORDER).thenComparingInt(Head::source));
    for (int i = 0; i < sources.size(); i++) {
      if (sources.get(i).hasNext()) {
        heads.add(new Head(sources.get(i).next(), i));
      }
    }
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return !heads.isEmpty();
      }

      @Override
      public byte[] next() {
        Head h = heads.poll();
        if (h == null) {
          throw new NoSuchElementException();
        }
        Iterator<Entry> src = sources.get(h.source);
        if (src.hasNext()) {
          heads.add(new Head(src.next(), h.source));
        }
        return h.entry.row;
      }
    };
  }

  @Override
  public void close() {
    for (Path run : runs) {
      try {
        Files.deleteIfExists(run);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete the sort run " + run, e);
      }
    }
    runs.clear();
    memory.clear();
  }

  /** Reads a spilled run back, one entry at a time. */
  private static final class RunReader implements Iterator<Entry> {
    private final DataInputStream in;
    private final Path path;
    private Entry next;

    RunReader(Path path) {
      this.path = path;
      try {
        this.in = new DataInputStream(new BufferedInputStream(Files.newInputStream(path), 1 << 16));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the sort run " + path, e);
      }
      advance();
    }

    private void advance() {
      try {
        int keyLength;
        try {
          keyLength = in.readInt();
        } catch (EOFException end) {
          next = null;
          in.close();
          return;
        }
        byte[] key = new byte[keyLength];
        in.readFully(key);
        byte[] row = new byte[in.readInt()];
        in.readFully(row);
        next = new Entry(key, row);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the sort run " + path, e);
      }
    }

    @Override
    public boolean hasNext() {
      return next != null;
    }

    @Override
    public Entry next() {
      if (next == null) {
        throw new NoSuchElementException();
      }
      Entry e = next;
      advance();
      return e;
    }
  }
}
