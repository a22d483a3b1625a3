package org.observatoire.beam.io;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.CustomCoder;
import org.observatoire.core.ingest.RawLine;
import org.observatoire.core.ingest.SourceRef;

/** Compact binary coder for {@link RawLine}: file name, line number, full length, kept bytes. */
public final class RawLineCoder extends CustomCoder<RawLine> {
  private static final RawLineCoder INSTANCE = new RawLineCoder();

  private RawLineCoder() {}

  public static RawLineCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(RawLine value, OutputStream outStream) throws IOException {
    DataOutputStream out = new DataOutputStream(outStream);
    out.writeUTF(value.source().file());
    out.writeLong(value.source().line());
    out.writeLong(value.byteLength());
    out.writeInt(value.bytes().length);
    out.write(value.bytes());
    out.flush();
  }

  @Override
  public RawLine decode(InputStream inStream) throws IOException {
    DataInputStream in = new DataInputStream(inStream);
    SourceRef source = SourceRef.of(in.readUTF(), in.readLong());
    long byteLength = in.readLong();
    byte[] bytes = new byte[in.readInt()];
    in.readFully(bytes);
    return byteLength == bytes.length ? RawLine.of(source, bytes) : RawLine.truncated(source, bytes, byteLength);
  }

  @Override
  public void verifyDeterministic() {}
}
