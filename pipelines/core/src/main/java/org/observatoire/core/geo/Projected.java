package org.observatoire.core.geo;

/** A point in a projected, metric CRS: easting {@code x} and northing {@code y} in metres. */
public record Projected(double x, double y) {

  public Projected {
    if (!Double.isFinite(x) || !Double.isFinite(y)) {
      throw new IllegalArgumentException("projected coordinates must be finite, got x=" + x + ", y=" + y);
    }
  }

  public static Projected of(double x, double y) {
    return new Projected(x, y);
  }

  /** This point moved by {@code dx} metres east and {@code dy} metres north (grid directions). */
  public Projected offset(double dx, double dy) {
    return new Projected(x + dx, y + dy);
  }
}
