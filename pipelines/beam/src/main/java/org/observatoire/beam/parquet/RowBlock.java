package org.observatoire.beam.parquet;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.apache.beam.sdk.coders.CustomCoder;

/**
 * Rows of one file destination carried through the pipeline as one element and expanded into rows only inside the
 * Parquet writer ({@link WriteParquetBlocks}). A block holds one or more sort groups, each with its sort key (see
 * {@link SortBuffer#key}); the writer sorts the groups, and a group's rows keep the order they were given in.
 *
 * <ul>
 *   <li>{@link #of}: one group whose rows share their leading and trailing columns and differ in the middle ones (a
 *       zero-filled visit: the visit's columns, then one taxon's, then the visit's point). Each part is the Avro
 *       binary encoding of consecutive fields of the file schema, so head + middle + tail is one encoded row.
 *   <li>{@link #ofRows}: one group per row, each row with its own key (a submission's occurrence rows). The rows
 *       are sorted one by one in the file, yet travel as one element: in a streaming window every element pays
 *       Beam's per-element grouping cost (trigger and watermark-hold state), which one-row elements multiplied by
 *       the rows of each submission.
 * </ul>
 */
public final class RowBlock {
  private final String destination;
  private final byte[][] sortKeys;
  private final byte[][] payloads;

  private RowBlock(String destination, byte[][] sortKeys, byte[][] payloads) {
    this.destination = Objects.requireNonNull(destination, "destination");
    this.sortKeys = sortKeys;
    this.payloads = payloads;
  }

  /**
   * A block of one sort group whose rows are {@code head + middle + tail} for each middle, in order.
   *
   * @param destination the relative folder of the rows' file ({@code ""} for a flat dataset)
   * @param sortKey where the block's rows go in the file: {@link #key} of the sort columns' values
   */
  public static RowBlock of(String destination, byte[] sortKey, byte[] head, List<byte[]> middles, byte[] tail) {
    if (middles.isEmpty()) {
      throw new IllegalArgumentException("a row block needs at least one row (destination " + destination + ")");
    }
    return new RowBlock(destination, new byte[][] {Objects.requireNonNull(sortKey, "sortKey")},
        new byte[][] {payload(head, middles, tail)});
  }

  /**
   * A block of whole encoded rows, each sorted in the file by its own key ({@code sortKeys.get(i)} for
   * {@code rows.get(i)}).
   */
  public static RowBlock ofRows(String destination, List<byte[]> sortKeys, List<byte[]> rows) {
    if (rows.isEmpty() || rows.size() != sortKeys.size()) {
      throw new IllegalArgumentException("a row block needs at least one row and one key per row, got "
          + rows.size() + " rows and " + sortKeys.size() + " keys (destination " + destination + ")");
    }
    byte[][] keys = new byte[rows.size()][];
    byte[][] payloads = new byte[rows.size()][];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = Objects.requireNonNull(sortKeys.get(i), "sortKey");
      payloads[i] = rowPayload(rows.get(i));
    }
    return new RowBlock(destination, keys, payloads);
  }

  /** The payload of a group of one row: no head, no tail, one middle. */
  static byte[] rowPayload(byte[] row) {
    return ByteBuffer.allocate(16 + row.length).putInt(0).putInt(0).putInt(1).putInt(row.length).put(row).array();
  }

  private static byte[] payload(byte[] head, List<byte[]> middles, byte[] tail) {
    int size = 12 + head.length + tail.length;
    for (byte[] m : middles) {
      size += 4 + m.length;
    }
    ByteBuffer b = ByteBuffer.allocate(size);
    b.putInt(head.length).put(head).putInt(tail.length).put(tail).putInt(middles.size());
    for (byte[] m : middles) {
      b.putInt(m.length).put(m);
    }
    return b.array();
  }

  /** A sort key from column values: see {@link SortBuffer#key}. */
  public static byte[] key(Object... values) {
    return SortBuffer.key(values);
  }

  public String destination() {
    return destination;
  }

  /** How many sort groups the block holds. */
  public int groups() {
    return sortKeys.length;
  }

  /** The sort key of group {@code i}. */
  public byte[] sortKey(int i) {
    return sortKeys[i];
  }

  /** Each group's key and its rows in one byte string (as the sort buffer holds it: read with {@link #forEachRow}). */
  void forEachGroup(BiConsumer<byte[], byte[]> group) {
    for (int i = 0; i < sortKeys.length; i++) {
      group.accept(sortKeys[i], payloads[i]);
    }
  }

  public int rowCount() {
    int rows = 0;
    for (byte[] payload : payloads) {
      ByteBuffer b = ByteBuffer.wrap(payload);
      int tailLengthAt = 4 + b.getInt(0);
      rows += b.getInt(tailLengthAt + 4 + b.getInt(tailLengthAt));
    }
    return rows;
  }

  /** Where a group's parts lie in its payload: the shared head and tail, and each row's middle. */
  private record Layout(int headAt, int headLength, int tailAt, int tailLength, int[] middleAt, int[] middleLength) {
    static Layout of(byte[] payload) {
      ByteBuffer b = ByteBuffer.wrap(payload);
      int headAt = 4;
      int headLength = b.getInt(0);
      int tailLength = b.getInt(headAt + headLength);
      int tailAt = headAt + headLength + 4;
      int at = tailAt + tailLength;
      int rows = b.getInt(at);
      at += 4;
      int[] middleAt = new int[rows];
      int[] middleLength = new int[rows];
      for (int i = 0; i < rows; i++) {
        middleLength[i] = b.getInt(at);
        middleAt[i] = at + 4;
        at += 4 + middleLength[i];
      }
      return new Layout(headAt, headLength, tailAt, tailLength, middleAt, middleLength);
    }
  }

  /** Each encoded row of a group's payload, in order. */
  static void forEachRow(byte[] payload, Consumer<byte[]> row) {
    Layout l = Layout.of(payload);
    for (int i = 0; i < l.middleAt.length; i++) {
      byte[] r = new byte[l.headLength + l.middleLength[i] + l.tailLength];
      System.arraycopy(payload, l.headAt, r, 0, l.headLength);
      System.arraycopy(payload, l.middleAt[i], r, l.headLength, l.middleLength[i]);
      System.arraycopy(payload, l.tailAt, r, l.headLength + l.middleLength[i], l.tailLength);
      row.accept(r);
    }
  }

  /** Writes the rows of a group's payload (as the sort buffer holds it), in order, with {@code writer}. */
  static void writeGroup(byte[] payload, ColumnRowWriter writer) throws IOException {
    Layout l = Layout.of(payload);
    writer.writeGroup(payload, l.headAt, l.headLength, l.tailAt, l.tailLength, l.middleAt, l.middleLength,
        l.middleAt.length);
  }

  /** Each encoded row of this block, group by group in the order given. */
  public void forEachRow(Consumer<byte[]> row) {
    for (byte[] payload : payloads) {
      forEachRow(payload, row);
    }
  }

  public static CustomCoder<RowBlock> coder() {
    return Coder.INSTANCE;
  }

  /** Destination (modified UTF-8), the number of groups, then each group's sort key and payload, length-prefixed. */
  private static final class Coder extends CustomCoder<RowBlock> {
    private static final Coder INSTANCE = new Coder();

    @Override
    public void encode(RowBlock block, OutputStream os) throws IOException {
      DataOutputStream out = new DataOutputStream(os);
      out.writeUTF(block.destination);
      out.writeInt(block.sortKeys.length);
      for (int i = 0; i < block.sortKeys.length; i++) {
        out.writeInt(block.sortKeys[i].length);
        out.write(block.sortKeys[i]);
        out.writeInt(block.payloads[i].length);
        out.write(block.payloads[i]);
      }
      out.flush();
    }

    @Override
    public RowBlock decode(InputStream is) throws IOException {
      DataInputStream in = new DataInputStream(is);
      String destination = in.readUTF();
      int groups = in.readInt();
      byte[][] keys = new byte[groups][];
      byte[][] payloads = new byte[groups][];
      for (int i = 0; i < groups; i++) {
        keys[i] = new byte[in.readInt()];
        in.readFully(keys[i]);
        payloads[i] = new byte[in.readInt()];
        in.readFully(payloads[i]);
      }
      return new RowBlock(destination, keys, payloads);
    }

    @Override
    public void verifyDeterministic() {}

    private Object readResolve() {
      return INSTANCE;
    }
  }
}
