package org.observatoire.beam.io;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.beam.sdk.coders.CustomCoder;

/**
 * Rows of one file destination that share their leading and trailing columns and differ in the middle ones (a
 * zero-filled visit: the visit's columns, then one taxon's, then the visit's point), carried through the pipeline as
 * one element and expanded into rows only inside the Parquet writer ({@link WriteParquetBlocks}). Each part is the
 * Avro binary encoding of consecutive fields of the file schema, so head + middle + tail is one encoded row. The
 * block sorts by {@link #sortKey()} (see {@link SortBuffer#key}); its rows keep the order they were given in.
 */
public final class RowBlock {
  private final String destination;
  private final byte[] sortKey;
  private final byte[] payload;

  private RowBlock(String destination, byte[] sortKey, byte[] payload) {
    this.destination = Objects.requireNonNull(destination, "destination");
    this.sortKey = Objects.requireNonNull(sortKey, "sortKey");
    this.payload = Objects.requireNonNull(payload, "payload");
  }

  /**
   * A block whose rows are {@code head + middle + tail} for each middle, in order.
   *
   * @param destination the relative folder of the rows' file ({@code ""} for a flat dataset)
   * @param sortKey where the block's rows go in the file: {@link #key} of the sort columns' values
   */
  public static RowBlock of(String destination, byte[] sortKey, byte[] head, List<byte[]> middles, byte[] tail) {
    if (middles.isEmpty()) {
      throw new IllegalArgumentException("a row block needs at least one row (destination " + destination + ")");
    }
    int size = 12 + head.length + tail.length;
    for (byte[] m : middles) {
      size += 4 + m.length;
    }
    ByteBuffer b = ByteBuffer.allocate(size);
    b.putInt(head.length).put(head).putInt(tail.length).put(tail).putInt(middles.size());
    for (byte[] m : middles) {
      b.putInt(m.length).put(m);
    }
    return new RowBlock(destination, sortKey, b.array());
  }

  /** A sort key from column values: see {@link SortBuffer#key}. */
  public static byte[] key(Object... values) {
    return SortBuffer.key(values);
  }

  public String destination() {
    return destination;
  }

  public byte[] sortKey() {
    return sortKey;
  }

  /** The block's rows in one byte string, as the sort buffer holds it: read back with {@link #forEachRow}. */
  byte[] payload() {
    return payload;
  }

  public int rowCount() {
    ByteBuffer b = ByteBuffer.wrap(payload);
    int tailLengthAt = 4 + b.getInt(0);
    return b.getInt(tailLengthAt + 4 + b.getInt(tailLengthAt));
  }

  /** Each encoded row of a {@link #payload()}, in order. */
  static void forEachRow(byte[] payload, Consumer<byte[]> row) {
    ByteBuffer b = ByteBuffer.wrap(payload);
    int headAt = 4;
    int headLength = b.getInt(0);
    int tailLength = b.getInt(headAt + headLength);
    int tailAt = headAt + headLength + 4;
    int at = tailAt + tailLength;
    int rows = b.getInt(at);
    at += 4;
    for (int i = 0; i < rows; i++) {
      int middleLength = b.getInt(at);
      at += 4;
      byte[] r = new byte[headLength + middleLength + tailLength];
      System.arraycopy(payload, headAt, r, 0, headLength);
      System.arraycopy(payload, at, r, headLength, middleLength);
      System.arraycopy(payload, tailAt, r, headLength + middleLength, tailLength);
      at += middleLength;
      row.accept(r);
    }
  }

  /** Each encoded row of this block, in order. */
  public void forEachRow(Consumer<byte[]> row) {
    forEachRow(payload, row);
  }

  public static CustomCoder<RowBlock> coder() {
    return Coder.INSTANCE;
  }

  /** Destination (modified UTF-8), then the sort key and the payload, length-prefixed. */
  private static final class Coder extends CustomCoder<RowBlock> {
    private static final Coder INSTANCE = new Coder();

    @Override
    public void encode(RowBlock block, OutputStream os) throws IOException {
      DataOutputStream out = new DataOutputStream(os);
      out.writeUTF(block.destination);
      out.writeInt(block.sortKey.length);
      out.write(block.sortKey);
      out.writeInt(block.payload.length);
      out.write(block.payload);
      out.flush();
    }

    @Override
    public RowBlock decode(InputStream is) throws IOException {
      DataInputStream in = new DataInputStream(is);
      String destination = in.readUTF();
      byte[] key = new byte[in.readInt()];
      in.readFully(key);
      byte[] payload = new byte[in.readInt()];
      in.readFully(payload);
      return new RowBlock(destination, key, payload);
    }

    @Override
    public void verifyDeterministic() {}

    private Object readResolve() {
      return INSTANCE;
    }
  }
}
