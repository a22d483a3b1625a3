package org.observatoire.beam.io;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * An external sort of encoded rows by string keys (nulls last) in bounded memory: rows are held in memory up to a
 * byte budget, then sorted and spilled as a run to a local temporary file; {@link #sorted()} merges the runs and
 * what is still in memory. Not thread-safe; {@link #close()} deletes the runs.
 */
final class SortBuffer implements AutoCloseable {
  /** One row: its sort keys and its encoded bytes. */
  record Entry(String[] keys, byte[] row) {}

  static final Comparator<Entry> ORDER = (a, b) -> {
    for (int i = 0; i < a.keys.length; i++) {
      String x = a.keys[i];
      String y = b.keys[i];
      if (x == null || y == null) {
        if (x != y) {
          return x == null ? 1 : -1;
        }
        continue;
      }
      int c = x.compareTo(y);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  };

  private static final int ENTRY_OVERHEAD = 96;
  private final long budgetBytes;
  private final int keyCount;
  private final List<Entry> memory = new ArrayList<>();
  private final List<Path> runs = new ArrayList<>();
  private long bytes;
  private long spilledRows;

  SortBuffer(int keyCount, long budgetBytes) {
    if (keyCount < 1) {
      throw new IllegalArgumentException("a sort needs at least one key");
    }
    if (budgetBytes < 1) {
      throw new IllegalArgumentException("the sort budget must be positive, got " + budgetBytes);
    }
    this.keyCount = keyCount;
    this.budgetBytes = budgetBytes;
  }

  void add(String[] keys, byte[] row) {
    if (keys.length != keyCount) {
      throw new IllegalArgumentException("expected " + keyCount + " sort keys, got " + keys.length);
    }
    memory.add(new Entry(keys, row));
    bytes += row.length + ENTRY_OVERHEAD;
    for (String k : keys) {
      bytes += k == null ? 0 : 2L * k.length() + 40;
    }
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
          for (String k : e.keys) {
            out.writeBoolean(k != null);
            if (k != null) {
              out.writeUTF(k);
            }
          }
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

  /** Every row added, in key order (stable within equal keys of one run). Call once. */
  Iterator<byte[]> sorted() {
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
      sources.add(new RunReader(run, keyCount));
    }
    sources.add(memory.iterator());
    return merge(sources);
  }

  private static Iterator<byte[]> merge(List<Iterator<Entry>> sources) {
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
    private final int keyCount;
    private final Path path;
    private Entry next;

    RunReader(Path path, int keyCount) {
      this.path = path;
      this.keyCount = keyCount;
      try {
        this.in = new DataInputStream(new BufferedInputStream(Files.newInputStream(path), 1 << 16));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the sort run " + path, e);
      }
      advance();
    }

    private void advance() {
      try {
        String[] keys = new String[keyCount];
        for (int i = 0; i < keyCount; i++) {
          boolean present;
          try {
            present = in.readBoolean();
          } catch (EOFException end) {
            if (i == 0) {
              next = null;
              in.close();
              return;
            }
            throw end;
          }
          keys[i] = present ? in.readUTF() : null;
        }
        byte[] row = new byte[in.readInt()];
        in.readFully(row);
        next = new Entry(keys, row);
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
