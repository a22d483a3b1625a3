package org.observatoire.core.geo;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

/**
 * One square cell of a regular grid: {@code gridId} (e.g. {@code eea1km}), its {@code code} (e.g.
 * {@code 1kmE4283N2672}), the column and row indices {@code east} and {@code north} (lower-left
 * corner divided by the size) and the size in metres. Coordinates are in the grid's projected CRS.
 */
public record GridCell(String gridId, String code, long east, long north, int sizeMeters) {

  private static final GeometryFactory GEOMETRY = new GeometryFactory();

  public GridCell {
    if (gridId == null || gridId.isBlank()) {
      throw new IllegalArgumentException("gridId must not be blank");
    }
    if (code == null || code.isBlank()) {
      throw new IllegalArgumentException("cell code must not be blank");
    }
    if (sizeMeters <= 0) {
      throw new IllegalArgumentException("cell size must be positive, got " + sizeMeters);
    }
  }

  public static GridCell of(String gridId, String code, long east, long north, int sizeMeters) {
    return new GridCell(gridId, code, east, north, sizeMeters);
  }

  public double minX() {
    return (double) east * sizeMeters;
  }

  public double minY() {
    return (double) north * sizeMeters;
  }

  public double maxX() {
    return minX() + sizeMeters;
  }

  public double maxY() {
    return minY() + sizeMeters;
  }

  /** Half-open: the west and south edges belong to the cell, the east and north edges do not. */
  public boolean contains(double x, double y) {
    return x >= minX() && x < maxX() && y >= minY() && y < maxY();
  }

  /** The cell's square as a JTS polygon in the grid's projected CRS (SRID not set). */
  public Polygon polygon() {
    double x0 = minX(), y0 = minY(), x1 = maxX(), y1 = maxY();
    return GEOMETRY.createPolygon(new Coordinate[] {
        new Coordinate(x0, y0), new Coordinate(x1, y0), new Coordinate(x1, y1),
        new Coordinate(x0, y1), new Coordinate(x0, y0)});
  }
}
