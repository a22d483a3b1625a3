package org.observatoire.core.geo;

/**
 * WGS84 to the grids' projected CRSs and back. Implementations are immutable and thread-safe: share
 * one instance (see {@link #sis()}).
 */
public interface Reprojector {

  Projected project(Coordinate c, ProjectedCrs crs);

  Coordinate unproject(Projected p, ProjectedCrs crs);

  /**
   * The allocation-free path: {@code count} points stored as (lon, lat) pairs from {@code offset}
   * are replaced in place by their (x, y) in {@code crs}. Longitude first here, like GeoJSON.
   */
  void projectInPlace(ProjectedCrs crs, double[] lonLatToXy, int offset, int count);

  default Projected toLambert93(Coordinate c) {
    return project(c, ProjectedCrs.LAMBERT_93);
  }

  default Projected toLaea(Coordinate c) {
    return project(c, ProjectedCrs.LAEA_EUROPE);
  }

  /**
   * The shared Apache SIS implementation, created on first use (the EPSG database takes a few
   * seconds to open) and reused by every thread afterwards.
   */
  static Reprojector sis() {
    return SisReprojector.instance();
  }
}
