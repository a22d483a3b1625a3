package org.observatoire.core.ingest;

import java.util.Objects;

/**
 * One line of an input file as bytes, before any decoding. A line longer than the reader's limit keeps only its
 * first bytes ({@link #truncated()}) and its full length in {@link #byteLength()}, so a 10 MB line costs nothing.
 *
 * <p>The byte array is owned by this value: callers must not change it after construction.
 */
public final class RawLine {
  private final SourceRef source;
  private final byte[] bytes;
  private final long byteLength;

  private RawLine(SourceRef source, byte[] bytes, long byteLength) {
    this.source = Objects.requireNonNull(source, "source");
    this.bytes = Objects.requireNonNull(bytes, "bytes");
    if (byteLength < bytes.length) {
      throw new IllegalArgumentException(
          "byteLength " + byteLength + " is shorter than the " + bytes.length + " bytes kept for " + source);
    }
    this.byteLength = byteLength;
  }

  /** A complete line. */
  public static RawLine of(SourceRef source, byte[] bytes) {
    return new RawLine(source, bytes, bytes.length);
  }

  /** A line of which only {@code prefix} was kept; {@code byteLength} is the full length read. */
  public static RawLine truncated(SourceRef source, byte[] prefix, long byteLength) {
    return new RawLine(source, prefix, byteLength);
  }

  public SourceRef source() {
    return source;
  }

  /** The bytes kept (all of them unless {@link #truncated()}). Do not modify. */
  public byte[] bytes() {
    return bytes;
  }

  public long byteLength() {
    return byteLength;
  }

  public boolean truncated() {
    return byteLength > bytes.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RawLine other
        && source.equals(other.source)
        && byteLength == other.byteLength
        && java.util.Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(source, byteLength, java.util.Arrays.hashCode(bytes));
  }

  @Override
  public String toString() {
    return "RawLine{" + source + ", " + byteLength + " bytes" + (truncated() ? ", truncated" : "") + "}";
  }
}
