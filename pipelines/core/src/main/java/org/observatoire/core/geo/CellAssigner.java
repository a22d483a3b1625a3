package org.observatoire.core.geo;

import java.util.Objects;

/**
 * Uncertainty-aware grid assignment as in the GBIF / B-Cubed species occurrence cubes: an
 * occurrence is a circle of radius {@code coordinateUncertaintyInMeters} (1000 m when unknown) and
 * goes to the cell of a random point of that disc, uniform in area: distance {@code sqrt(u) * r},
 * bearing {@code 2 pi v}, with u, v uniform in [0, 1) drawn from {@link OccurrenceRandom} seeded by
 * (run seed, occurrence id). The displacement is applied in metres in each grid's projected CRS
 * (the same distance and bearing in Lambert-93 and in LAEA). Uncertainty 0 gives the point's own
 * cells.
 *
 * <p>Immutable and thread-safe; record the seed in the run manifest.
 */
public final class CellAssigner {

  public static final double DEFAULT_UNCERTAINTY_METERS = 1000.0;

  private final long seed;
  private final Reprojector projector;
  private final RegularGrid inpn10km;
  private final RegularGrid eea1km;
  private final RegularGrid eea10km;

  private CellAssigner(long seed, Reprojector projector) {
    this.seed = seed;
    this.projector = Objects.requireNonNull(projector, "projector");
    this.inpn10km = RegularGrid.inpn10km(projector);
    this.eea1km = RegularGrid.eea(1_000, projector);
    this.eea10km = RegularGrid.eea(10_000, projector);
  }

  /** An assigner over the shared SIS reprojector. */
  public static CellAssigner create(long seed) {
    return new CellAssigner(seed, Reprojector.sis());
  }

  public static CellAssigner create(long seed, Reprojector projector) {
    return new CellAssigner(seed, projector);
  }

  public long seed() {
    return seed;
  }

  /**
   * @param occurrenceId the stable id of the record (Darwin Core {@code occurrenceID}); with the
   *     seed, it alone decides the random draw
   * @param uncertaintyMeters {@code coordinateUncertaintyInMeters}, null when unknown
   */
  public Assignment assign(String occurrenceId, Coordinate c, Double uncertaintyMeters) {
    Objects.requireNonNull(occurrenceId, "occurrenceId");
    Objects.requireNonNull(c, "coordinate");
    boolean defaulted = uncertaintyMeters == null;
    double r = defaulted ? DEFAULT_UNCERTAINTY_METERS : uncertaintyMeters;
    if (!Double.isFinite(r) || r < 0) {
      throw new IllegalArgumentException("coordinateUncertaintyInMeters must be a finite number >= 0, got " + r
          + " for occurrence " + occurrenceId);
    }
    // both projections in one small array: [lon, lat, lon, lat] -> [x93, y93, xLaea, yLaea]
    double[] p = {c.lon(), c.lat(), c.lon(), c.lat()};
    projector.projectInPlace(ProjectedCrs.LAMBERT_93, p, 0, 1);
    projector.projectInPlace(ProjectedCrs.LAEA_EUROPE, p, 2, 1);

    long state = OccurrenceRandom.initialState(seed, occurrenceId);
    double distance = r * Math.sqrt(OccurrenceRandom.nthDouble(state, 1));
    double bearing = 2 * Math.PI * OccurrenceRandom.nthDouble(state, 2);
    double dx = distance * Math.sin(bearing); // bearing clockwise from grid north
    double dy = distance * Math.cos(bearing);

    double x93 = p[0] + dx, y93 = p[1] + dy, xl = p[2] + dx, yl = p[3] + dy;
    return new Assignment(
        Projected.of(p[0], p[1]),
        Projected.of(p[2], p[3]),
        Projected.of(x93, y93),
        Projected.of(xl, yl),
        inpn10km.cellAt(x93, y93),
        eea1km.cellAt(xl, yl),
        eea10km.cellAt(xl, yl),
        r,
        defaulted);
  }

  /** The point's own cells, without displacement (what {@code assign} gives with uncertainty 0). */
  public Assignment cellsOf(Coordinate c) {
    return assign("", c, 0.0);
  }
}
