package org.observatoire.beam.cubes;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * One occurrence's contribution to a cube group (grid, cell, higher taxon, protocol, month): its taxon, observer,
 * visit and measures. Cubes shuffle them as the bytes of {@link #encode}, a submission's contributions to one group
 * together ({@link Batch}): encoded once for the occurrence's three grids, and copied, not decoded and encoded again,
 * wherever the runner sorts, spills or merges them; decoded once in the group.
 */
record CubeContribution(String taxonKey, String taxonID, String scientificName, String taxonRank, String observer,
    String visit, long individuals, double uncertaintyMeters, long temporalUncertaintySeconds) {

  CubeContribution {
    if (taxonKey == null || visit == null) {
      throw new IllegalArgumentException("a cube contribution needs a taxon key and a visit, got " + taxonKey
          + " and " + visit);
    }
  }

  /** Strings as a varint of (UTF-8 length + 1, 0 for null) and their bytes, then three 8-byte numbers. */
  byte[] encode() {
    byte[][] strings = {utf8(taxonKey), utf8(taxonID), utf8(scientificName), utf8(taxonRank), utf8(observer),
        utf8(visit)};
    int size = 24;
    for (byte[] s : strings) {
      size += varintSize(s == null ? 0 : s.length + 1) + (s == null ? 0 : s.length);
    }
    byte[] out = new byte[size];
    int at = 0;
    for (byte[] s : strings) {
      at = putVarint(out, at, s == null ? 0 : s.length + 1);
      if (s != null) {
        System.arraycopy(s, 0, out, at, s.length);
        at += s.length;
      }
    }
    at = putLong(out, at, individuals);
    at = putLong(out, at, Double.doubleToRawLongBits(uncertaintyMeters));
    putLong(out, at, temporalUncertaintySeconds);
    return out;
  }

  /** The contribution {@link #encode} wrote. */
  static CubeContribution decode(byte[] in) {
    return new Reader(in).contribution();
  }

  /**
   * Contributions to one group, each as a varint of its length and its {@link #encode} bytes. A submission's
   * occurrences mostly fall in the same cells, month and higher taxon: sent as one batch per group, they cross the
   * shuffle as a few records instead of one per occurrence and grid (the runner's sort compares and copies each
   * record's key, which cost more than the contributions themselves).
   */
  static final class Batch {
    private byte[] bytes = new byte[64];
    private int size;

    /** Appends one contribution's {@link #encode} bytes. */
    void add(byte[] encoded) {
      int need = size + 5 + encoded.length;
      if (need > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(need, 2 * bytes.length));
      }
      size = putVarint(bytes, size, encoded.length);
      System.arraycopy(encoded, 0, bytes, size, encoded.length);
      size += encoded.length;
    }

    byte[] toByteArray() {
      return Arrays.copyOf(bytes, size);
    }

    /** Each contribution of a batch's bytes, in the order added. */
    static void forEach(byte[] batch, Consumer<CubeContribution> each) {
      Reader r = new Reader(batch);
      while (r.at < batch.length) {
        int length = r.varint();
        int end = r.at + length;
        each.accept(r.contribution());
        if (r.at != end) {
          throw new IllegalStateException("a cube contribution of " + length + " bytes was read as "
              + (r.at - end + length) + ": the batch was not written by Batch.add");
        }
      }
    }
  }

  private static byte[] utf8(String s) {
    return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
  }

  private static int varintSize(int v) {
    int n = 1;
    while ((v >>>= 7) != 0) {
      n++;
    }
    return n;
  }

  private static int putVarint(byte[] out, int at, int v) {
    while ((v & ~0x7F) != 0) {
      out[at++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    out[at++] = (byte) v;
    return at;
  }

  private static int putLong(byte[] out, int at, long v) {
    for (int shift = 56; shift >= 0; shift -= 8) {
      out[at++] = (byte) (v >>> shift);
    }
    return at;
  }

  private static final class Reader {
    private final byte[] in;
    private int at;

    Reader(byte[] in) {
      this.in = in;
    }

    CubeContribution contribution() {
      return new CubeContribution(string(), string(), string(), string(), string(), string(), longValue(),
          Double.longBitsToDouble(longValue()), longValue());
    }

    String string() {
      int n = varint();
      if (n == 0) {
        return null;
      }
      String s = new String(in, at, n - 1, StandardCharsets.UTF_8);
      at += n - 1;
      return s;
    }

    private int varint() {
      int v = 0;
      for (int shift = 0; ; shift += 7) {
        byte b = in[at++];
        v |= (b & 0x7F) << shift;
        if (b >= 0) {
          return v;
        }
      }
    }

    long longValue() {
      long v = 0;
      for (int i = 0; i < 8; i++) {
        v = (v << 8) | (in[at++] & 0xFF);
      }
      return v;
    }
  }
}
