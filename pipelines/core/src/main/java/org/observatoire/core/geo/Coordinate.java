package org.observatoire.core.geo;

/**
 * A WGS84 position in decimal degrees, latitude first as people write it (Darwin Core
 * {@code decimalLatitude}, {@code decimalLongitude}). The order of the factory's arguments is the
 * only place where axis order matters: everything downstream asks for {@link #lat()} or {@link #lon()}.
 */
public record Coordinate(double lat, double lon) {

  public Coordinate {
    if (!Double.isFinite(lat) || lat < -90 || lat > 90) {
      throw new IllegalArgumentException("latitude must be a finite number in [-90, 90], got " + lat);
    }
    if (!Double.isFinite(lon) || lon < -180 || lon > 180) {
      throw new IllegalArgumentException("longitude must be a finite number in [-180, 180], got " + lon);
    }
  }

  public static Coordinate of(double lat, double lon) {
    return new Coordinate(lat, lon);
  }
}
