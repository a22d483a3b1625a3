package org.observatoire.beam.transforms;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.CustomCoder;

/**
 * One record of a stage's side stream ({@link SideRecords}): its {@link SideKind} and its bytes (Avro of the kind's
 * schema, or a counter increment).
 */
public final class SideRecord {
  private static final SideKind[] KINDS = SideKind.values();
  private final SideKind kind;
  private final byte[] bytes;

  private SideRecord(SideKind kind, byte[] bytes) {
    this.kind = Objects.requireNonNull(kind, "kind");
    this.bytes = Objects.requireNonNull(bytes, "bytes");
  }

  /** A record of {@code kind} made of {@code bytes} (not copied). */
  public static SideRecord of(SideKind kind, byte[] bytes) {
    return new SideRecord(kind, bytes);
  }

  public SideKind kind() {
    return kind;
  }

  /** The record's bytes (not a copy). */
  public byte[] bytes() {
    return bytes;
  }

  @Override
  public String toString() {
    return "SideRecord[" + kind + ", " + bytes.length + " bytes]";
  }

  /** The side stream's coder: the kind as one byte, then the bytes. */
  public static CustomCoder<SideRecord> coder() {
    return Coder.INSTANCE;
  }

  private static final class Coder extends CustomCoder<SideRecord> {
    private static final Coder INSTANCE = new Coder();
    private static final long serialVersionUID = 1L;

    @Override
    public void encode(SideRecord value, OutputStream out) throws IOException {
      out.write(value.kind.ordinal());
      ByteArrayCoder.of().encode(value.bytes, out);
    }

    @Override
    public SideRecord decode(InputStream in) throws IOException {
      int kind = in.read();
      if (kind < 0 || kind >= KINDS.length) {
        throw new IOException("corrupt side record: kind " + kind);
      }
      return new SideRecord(KINDS[kind], ByteArrayCoder.of().decode(in));
    }

    @Override
    public void verifyDeterministic() {}

    private Object readResolve() {
      return INSTANCE;
    }
  }
}
