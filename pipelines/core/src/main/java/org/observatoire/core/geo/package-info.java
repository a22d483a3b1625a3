/**
 * Geo core: reprojection (WGS84 to Lambert-93 and ETRS89-LAEA), reference grids (INPN 10 km, EEA 1 km
 * and 10 km), uncertainty-aware, deterministic cell assignment, and administrative regions.
 *
 * <p>Plain Java over immutable values; Apache SIS and JTS stay behind this package's own small
 * interfaces ({@link org.observatoire.core.geo.Reprojector}, {@link org.observatoire.core.geo.Grid},
 * {@link org.observatoire.core.geo.region.RegionLocator}).
 */
package org.observatoire.core.geo;
