package org.observatoire.core.geo;

import java.util.List;

/**
 * A regular square grid in a projected CRS. A point belongs to the cell whose lower-left corner is
 * {@code (floor(x / size) * size, floor(y / size) * size)}: points exactly on an edge go to the cell
 * to their east / north, negative coordinates floor towards minus infinity.
 */
public interface Grid {

  /** Stable identifier used in datasets, e.g. {@code inpn10km}, {@code eea1km}. */
  String id();

  ProjectedCrs crs();

  int cellSizeMeters();

  /** The cell containing a point given in this grid's CRS. */
  GridCell cellAt(double x, double y);

  /** The cell containing a WGS84 coordinate. */
  GridCell cellOf(Coordinate c);

  /** Parses one of this grid's codes back into its cell; fails fast on a malformed code. */
  GridCell cellForCode(String code);

  /**
   * Every cell that a circle (centre in this grid's CRS, radius in metres) overlaps, ordered by row
   * then column. A cell merely touched at a corner or an edge counts.
   */
  List<GridCell> cellsOverlapping(Projected centre, double radiusMeters);

  default List<GridCell> cellsOverlapping(Coordinate centre, double radiusMeters) {
    return cellsOverlapping(projector().project(centre, crs()), radiusMeters);
  }

  Reprojector projector();

  /** INPN 10 km grid in Lambert-93, codes like {@code 10kmL93E065N682}. */
  static Grid inpn10km() {
    return RegularGrid.inpn10km(Reprojector.sis());
  }

  /** EEA reference grid at 1 km in ETRS89-LAEA, codes like {@code 1kmE4283N2672}. */
  static Grid eea1km() {
    return RegularGrid.eea(1_000, Reprojector.sis());
  }

  /** EEA reference grid at 10 km in ETRS89-LAEA, codes like {@code 10kmE428N267}. */
  static Grid eea10km() {
    return RegularGrid.eea(10_000, Reprojector.sis());
  }
}
