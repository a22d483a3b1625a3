package org.observatoire.beam.avro;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * A growable byte buffer for building encoded rows field by field: {@link java.io.ByteArrayOutputStream} without
 * its locks, which cost a compare-and-set on every field written (there is no biased locking since Java 15). Not
 * thread-safe: one per encoder.
 */
final class RowBytes extends OutputStream {
  private byte[] buf;
  private int size;

  RowBytes(int capacity) {
    buf = new byte[capacity];
  }

  @Override
  public void write(int b) {
    if (size == buf.length) {
      buf = Arrays.copyOf(buf, buf.length * 2);
    }
    buf[size++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) {
    if (size + len > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + len));
    }
    System.arraycopy(b, off, buf, size, len);
    size += len;
  }

  void reset() {
    size = 0;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }
}
