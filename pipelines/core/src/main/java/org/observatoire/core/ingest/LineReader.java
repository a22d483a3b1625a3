package org.observatoire.core.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Splits a byte stream into {@link RawLine}s on {@code \n} (a trailing {@code \r} is dropped), numbering them. A line
 * longer than the limit keeps only its first {@link #KEPT_PREFIX_BYTES} bytes but its full length is counted, so a
 * 10 MB line costs no memory. A last line without a newline is still a line. Not thread-safe; one per stream.
 */
public final class LineReader {
  /** Bytes kept of a line over the limit, enough for a person to see what it was. */
  public static final int KEPT_PREFIX_BYTES = 64 << 10;

  private final int maxLineBytes;
  private byte[] bytes = new byte[8192];
  private int kept;
  private long length;

  private LineReader(int maxLineBytes) {
    if (maxLineBytes < 1) {
      throw new IllegalArgumentException("maxLineBytes must be positive, got " + maxLineBytes);
    }
    this.maxLineBytes = maxLineBytes;
  }

  public static LineReader of(int maxLineBytes) {
    return new LineReader(maxLineBytes);
  }

  /**
   * Lines and bytes read; {@code fault} is the read error that ended the stream early (a truncated or corrupt
   * {@code .gz}, an I/O error), null when it was read to its end.
   */
  public record Totals(long lines, long bytes, IOException fault) {
    public Totals(long lines, long bytes) {
      this(lines, bytes, null);
    }

    /** The fault's kind for a report: its class and message, never any of the file's content. */
    public String faultKind() {
      return fault == null ? null : fault.getClass().getSimpleName()
          + (fault.getMessage() == null ? "" : ": " + fault.getMessage());
    }
  }

  /**
   * Reads lines until the end of the stream or until {@code limit} bytes are consumed ({@code -1}: no limit). A read
   * error does not throw: the complete lines before it have been emitted, the incomplete one is dropped, and the
   * totals carry the error ({@link Totals#fault()}) for the run to record.
   *
   * @param name the file name the lines report
   * @param firstLine the number of the first line read
   */
  public Totals read(InputStream in, long limit, String name, long firstLine, Consumer<RawLine> emit)
      throws IOException {
    byte[] buf = new byte[1 << 20];
    long lineNo = firstLine;
    long lines = 0;
    long consumed = 0;
    while (limit < 0 || consumed < limit) {
      int want = limit < 0 ? buf.length : (int) Math.min(buf.length, limit - consumed);
      int n;
      try {
        n = in.read(buf, 0, want);
      } catch (IOException e) {
        kept = 0;
        length = 0;
        return new Totals(lines, consumed, e);
      }
      if (n == -1) {
        break;
      }
      consumed += n;
      int from = 0;
      for (int i = 0; i < n; i++) {
        if (buf[i] == '\n') {
          append(buf, from, i - from);
          emit.accept(take(name, lineNo++));
          lines++;
          from = i + 1;
        }
      }
      append(buf, from, n - from);
    }
    if (length > 0) {
      emit.accept(take(name, lineNo));
      lines++;
    }
    return new Totals(lines, consumed);
  }

  private void append(byte[] src, int off, int len) {
    length += len;
    int room = (length > maxLineBytes ? KEPT_PREFIX_BYTES : maxLineBytes) - kept;
    int n = Math.max(0, Math.min(len, room));
    if (kept + n > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(kept + n, bytes.length * 2));
    }
    System.arraycopy(src, off, bytes, kept, n);
    kept += n;
    if (length > maxLineBytes && kept > KEPT_PREFIX_BYTES) {
      kept = KEPT_PREFIX_BYTES;
    }
  }

  private RawLine take(String file, long lineNo) {
    long len = length;
    int keep = kept;
    if (len == keep && keep > 0 && bytes[keep - 1] == '\r') {
      keep--;
      len--;
    }
    byte[] copy = Arrays.copyOf(bytes, keep);
    kept = 0;
    length = 0;
    if (bytes.length > (1 << 16)) {
      bytes = new byte[8192];
    }
    SourceRef ref = SourceRef.of(file, lineNo);
    return len == keep ? RawLine.of(ref, copy) : RawLine.truncated(ref, copy, len);
  }
}
