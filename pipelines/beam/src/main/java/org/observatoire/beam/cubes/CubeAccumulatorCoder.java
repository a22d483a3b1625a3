package org.observatoire.beam.cubes;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.CustomCoder;

/** Binary coder for {@link CubeAccumulator} (no Java serialization). */
final class CubeAccumulatorCoder extends CustomCoder<CubeAccumulator> {
  @Override
  public void encode(CubeAccumulator a, OutputStream os) throws IOException {
    DataOutputStream out = new DataOutputStream(os);
    writeNullable(out, a.taxonID);
    writeNullable(out, a.scientificName);
    writeNullable(out, a.taxonRank);
    writeNullable(out, a.higherTaxon);
    out.writeLong(a.occurrences);
    out.writeLong(a.individuals);
    out.writeDouble(a.minUncertainty);
    out.writeLong(a.minTemporal);
    out.flush();
  }

  @Override
  public CubeAccumulator decode(InputStream is) throws IOException {
    DataInputStream in = new DataInputStream(is);
    CubeAccumulator a = new CubeAccumulator();
    a.taxonID = readNullable(in);
    a.scientificName = readNullable(in);
    a.taxonRank = readNullable(in);
    a.higherTaxon = readNullable(in);
    a.occurrences = in.readLong();
    a.individuals = in.readLong();
    a.minUncertainty = in.readDouble();
    a.minTemporal = in.readLong();
    return a;
  }

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
