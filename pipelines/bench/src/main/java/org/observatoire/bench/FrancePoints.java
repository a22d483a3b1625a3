package org.observatoire.bench;

import java.util.SplittableRandom;
import org.observatoire.core.geo.Coordinate;
import org.observatoire.core.geo.region.RegionLocator;

/** A fixed-seed set of points inside metropolitan France (rejection sampling over its bounding box). */
final class FrancePoints {

  private FrancePoints() {}

  static Coordinate[] inside(int n, long seed) {
    RegionLocator france = RegionLocator.france();
    SplittableRandom random = new SplittableRandom(seed);
    Coordinate[] points = new Coordinate[n];
    for (int i = 0; i < n; ) {
      Coordinate c = Coordinate.of(41.33 + random.nextDouble() * (51.09 - 41.33), -5.15 + random.nextDouble() * (9.57 + 5.15));
      if (!france.locate(c).isOutsideFrance()) {
        points[i++] = c;
      }
    }
    return points;
  }

  /** Uniform over the bounding box: about a third at sea or abroad. */
  static Coordinate[] boundingBox(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Coordinate[] points = new Coordinate[n];
    for (int i = 0; i < n; i++) {
      points[i] = Coordinate.of(41.33 + random.nextDouble() * (51.09 - 41.33), -5.15 + random.nextDouble() * (9.57 + 5.15));
    }
    return points;
  }
}
