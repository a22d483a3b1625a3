package org.observatoire.beam.parquet;

/**
 * A read position over Avro binary bytes: the primitive decodings ({@code long}/{@code int} as zig-zag varints,
 * little-endian fixed {@code float}/{@code double}, length-prefixed bytes) that the byte-level readers share
 * ({@link EncodedRowWriteSupport} writing Parquet, {@code OccurrenceFileRows} cutting file rows). Mutable and not
 * thread-safe: one per reader.
 */
public final class AvroCursor {
  private byte[] buf;
  private int pos;

  /** Reads {@code buf} from {@code pos}. */
  public AvroCursor reset(byte[] buf, int pos) {
    this.buf = buf;
    this.pos = pos;
    return this;
  }

  public byte[] array() {
    return buf;
  }

  public int position() {
    return pos;
  }

  public void position(int pos) {
    this.pos = pos;
  }

  /** Avro's zig-zag variable-length long (also its {@code int}). */
  public long readLong() {
    long raw = 0;
    int shift = 0;
    byte b;
    do {
      b = buf[pos++];
      raw |= (long) (b & 0x7f) << shift;
      shift += 7;
    } while (b < 0);
    return (raw >>> 1) ^ -(raw & 1);
  }

  public int readInt() {
    return (int) readLong();
  }

  /** The zig-zag long at {@code at}, leaving the position where it was. */
  public long longAt(int at) {
    int saved = pos;
    pos = at;
    long v = readLong();
    pos = saved;
    return v;
  }

  /**
   * The item count of the next block of an Avro array, 0 at its end. A block may give its count negated, followed by
   * its byte size: the size is read past and the count returned positive.
   */
  public long readBlockCount() {
    long n = readLong();
    if (n < 0) {
      readLong(); // the block's byte size
      return -n;
    }
    return n;
  }

  /** The little-endian double at {@code at}, leaving the position where it was. */
  public double doubleAt(int at) {
    int saved = pos;
    pos = at;
    double v = readDouble();
    pos = saved;
    return v;
  }

  /** How many bytes the varint at {@code at} takes. */
  public int varintLength(int at) {
    int n = 1;
    while (buf[at + n - 1] < 0) {
      n++;
    }
    return n;
  }

  public int readFixedInt() {
    int v = (buf[pos] & 0xff) | (buf[pos + 1] & 0xff) << 8 | (buf[pos + 2] & 0xff) << 16 | (buf[pos + 3] & 0xff) << 24;
    pos += 4;
    return v;
  }

  public long readFixedLong() {
    long lo = readFixedInt() & 0xffffffffL;
    long hi = readFixedInt() & 0xffffffffL;
    return lo | hi << 32;
  }

  public double readDouble() {
    return Double.longBitsToDouble(readFixedLong());
  }

  /** Reads a length prefix and moves past that many bytes; returns where the bytes began. */
  public int skipBytes() {
    int length = readInt();
    int start = pos;
    pos += length;
    return start;
  }

  public void skip(int n) {
    pos += n;
  }
}
