package org.observatoire.core.privacy;

/**
 * A metric projection for the generalisation grid: WGS84 latitude/longitude ↔ x/y in metres. The default is a
 * spherical sinusoidal projection (equal-area, central meridian 3°E as Lambert-93's): exact areas, mild shape
 * distortion over metropolitan France. Plug the geo module's Lambert-93 (EPSG:2154) in with {@link #of} to align the
 * cells with the INPN 10 km grid.
 */
public interface GridProjection {

  /** {x, y} in metres. */
  double[] forward(double latitude, double longitude);

  /** {latitude, longitude} in degrees. */
  double[] inverse(double x, double y);

  /** Short description for {@code dataGeneralizations}. */
  String description();

  double EARTH_RADIUS_METRES = 6_371_008.8;

  static GridProjection sinusoidal(double centralMeridianDegrees) {
    return new GridProjection() {
      @Override
      public double[] forward(double latitude, double longitude) {
        double phi = Math.toRadians(latitude);
        double lambda = Math.toRadians(longitude - centralMeridianDegrees);
        return new double[] {EARTH_RADIUS_METRES * lambda * Math.cos(phi), EARTH_RADIUS_METRES * phi};
      }

      @Override
      public double[] inverse(double x, double y) {
        double phi = y / EARTH_RADIUS_METRES;
        double lambda = x / (EARTH_RADIUS_METRES * Math.cos(phi));
        return new double[] {Math.toDegrees(phi), Math.toDegrees(lambda) + centralMeridianDegrees};
      }

      @Override
      public String description() {
        return "equal-area sinusoidal grid, central meridian " + centralMeridianDegrees + "°E";
      }
    };
  }

  /** The default for metropolitan France. */
  static GridProjection franceEqualArea() {
    return sinusoidal(3.0);
  }

  /** Wraps external functions (e.g. Lambert-93 from the geo module). */
  static GridProjection of(java.util.function.BiFunction<Double, Double, double[]> forward,
      java.util.function.BiFunction<Double, Double, double[]> inverse, String description) {
    return new GridProjection() {
      @Override
      public double[] forward(double latitude, double longitude) {
        return forward.apply(latitude, longitude);
      }

      @Override
      public double[] inverse(double x, double y) {
        return inverse.apply(x, y);
      }

      @Override
      public String description() {
        return description;
      }
    };
  }
}
