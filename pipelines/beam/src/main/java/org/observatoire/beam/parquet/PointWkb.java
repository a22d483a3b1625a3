package org.observatoire.beam.parquet;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * ISO/OGC Well-Known Binary of a 2D point, little-endian (21 bytes): what GeoParquet's {@code WKB} encoding stores.
 * Written by hand (no geometry library on the hot path); the tests decode it with JTS's {@code WKBReader}.
 */
public final class PointWkb {
  /** Bytes of one point: byte order, geometry type, x, y. */
  public static final int LENGTH = 21;
  private static final int WKB_POINT = 1;

  private PointWkb() {}

  /** The point (x = longitude, y = latitude in OGC:CRS84 axis order). */
  public static ByteBuffer of(double longitude, double latitude) {
    if (!Double.isFinite(longitude) || !Double.isFinite(latitude)) {
      throw new IllegalArgumentException("a WKB point needs finite coordinates, got " + longitude + ", " + latitude);
    }
    ByteBuffer b = ByteBuffer.allocate(LENGTH).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 1).putInt(WKB_POINT).putDouble(longitude).putDouble(latitude);
    b.flip();
    return b;
  }
}
