package org.observatoire.beam.parquet;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.util.MimeTypes;

/**
 * Sorted runs of the rows of many files, gathered where the rows are made and merged where each file is written:
 * {@link Spiller} holds group payloads per destination file in bounded memory and spills them as one run file (each
 * destination's entries contiguous and in {@link SortBuffer#ORDER}), returning one {@link Segment} per destination;
 * {@link #merge} reads the segments of one destination from every run, in order. Runs live in a folder of the
 * output's file system, so that the merging worker can read what other workers spilled.
 */
final class SortedRuns {
  private SortedRuns() {}

  /** A destination's entries in a run file: {@code count} entries from byte {@code offset}. */
  record Segment(String file, long offset, long count) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** Group payloads under their destination, spilled as sorted runs past a memory budget. Not thread-safe. */
  static final class Spiller {
    private static final int ENTRY_OVERHEAD = 96;
    private final String runFolder;
    private final long budgetBytes;
    private final Map<String, List<SortBuffer.Entry>> memory = new HashMap<>();
    private long bytes;

    Spiller(String runFolder, long budgetBytes) {
      if (budgetBytes < 1) {
        throw new IllegalArgumentException("the run budget must be positive, got " + budgetBytes);
      }
      this.runFolder = runFolder;
      this.budgetBytes = budgetBytes;
    }

    void add(String destination, byte[] key, byte[] payload) {
      memory.computeIfAbsent(destination, d -> new ArrayList<>()).add(new SortBuffer.Entry(key, payload));
      bytes += key.length + payload.length + ENTRY_OVERHEAD;
    }

    boolean full() {
      return bytes >= budgetBytes;
    }

    /** Writes what is held as one run (nothing when empty); returns each destination's segment of it. */
    Map<String, Segment> spill() {
      Map<String, Segment> segments = new TreeMap<>();
      if (memory.isEmpty()) {
        return segments;
      }
      ResourceId run = FileSystems.matchNewResource(runFolder + "/" + UUID.randomUUID() + ".run", false);
      try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
          Channels.newOutputStream(FileSystems.create(run, MimeTypes.BINARY)), 1 << 16))) {
        long offset = 0;
        for (Map.Entry<String, List<SortBuffer.Entry>> d : memory.entrySet()) {
          List<SortBuffer.Entry> entries = d.getValue();
          entries.sort(SortBuffer.ORDER);
          segments.put(d.getKey(), new Segment(run.toString(), offset, entries.size()));
          for (SortBuffer.Entry e : entries) {
            out.writeInt(e.key().length);
            out.write(e.key());
            out.writeInt(e.row().length);
            out.write(e.row());
            offset += 8L + e.key().length + e.row().length;
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write a sorted run to " + run, e);
      }
      memory.clear();
      bytes = 0;
      return segments;
    }
  }

  /**
   * The payloads of a destination's segments merged in {@link SortBuffer#ORDER}. The segments are read in the order
   * given; equal entries are equal bytes, so the result does not depend on it.
   */
  static Iterator<byte[]> merge(List<Segment> segments) {
    List<SegmentReader> readers = new ArrayList<>();
    for (Segment s : segments) {
      readers.add(new SegmentReader(s));
    }
    return SortBuffer.merge(readers);
  }

  /** Reads one segment of a run file, entry by entry; closes the file after its last entry. */
  private static final class SegmentReader implements Iterator<SortBuffer.Entry> {
    private final Segment segment;
    private final DataInputStream in;
    private long left;

    SegmentReader(Segment segment) {
      this.segment = segment;
      this.left = segment.count();
      try {
        ReadableByteChannel channel = FileSystems.open(FileSystems.matchNewResource(segment.file(), false));
        if (segment.offset() > 0) {
          if (!(channel instanceof SeekableByteChannel seekable)) {
            channel.close();
            throw new IOException("the file system of " + segment.file() + " cannot seek");
          }
          seekable.position(segment.offset());
        }
        in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel), 1 << 16));
        if (left == 0) {
          in.close();
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the sorted run " + segment.file(), e);
      }
    }

    @Override
    public boolean hasNext() {
      return left > 0;
    }

    @Override
    public SortBuffer.Entry next() {
      if (left == 0) {
        throw new NoSuchElementException();
      }
      try {
        byte[] key = new byte[in.readInt()];
        in.readFully(key);
        byte[] row = new byte[in.readInt()];
        in.readFully(row);
        if (--left == 0) {
          in.close();
        }
        return new SortBuffer.Entry(key, row);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the sorted run " + segment.file(), e);
      }
    }
  }
}
