package org.observatoire.beam.cubes;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.CustomCoder;

/** Compact binary form of a {@link CubeContribution}: nullable modified-UTF-8 strings and fixed-width numbers. */
final class CubeContributionCoder extends CustomCoder<CubeContribution> {
  private static final CubeContributionCoder INSTANCE = new CubeContributionCoder();

  static CubeContributionCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(CubeContribution c, OutputStream os) throws IOException {
    DataOutputStream out = new DataOutputStream(os);
    out.writeUTF(c.taxonKey());
    writeNullable(out, c.taxonID());
    writeNullable(out, c.scientificName());
    writeNullable(out, c.taxonRank());
    writeNullable(out, c.observer());
    out.writeUTF(c.visit());
    out.writeLong(c.individuals());
    out.writeDouble(c.uncertaintyMeters());
    out.writeLong(c.temporalUncertaintySeconds());
    out.flush();
  }

  @Override
  public CubeContribution decode(InputStream is) throws IOException {
    DataInputStream in = new DataInputStream(is);
    return new CubeContribution(in.readUTF(), readNullable(in), readNullable(in), readNullable(in),
        readNullable(in), in.readUTF(), in.readLong(), in.readDouble(), in.readLong());
  }

  @Override
  public void verifyDeterministic() {}

  private static void writeNullable(DataOutputStream out, String s) throws IOException {
    out.writeBoolean(s != null);
    if (s != null) {
      out.writeUTF(s);
    }
  }

  private static String readNullable(DataInputStream in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }
}
