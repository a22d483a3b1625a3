package org.observatoire.core.geo;

import java.util.Objects;

/**
 * Where one occurrence goes in the cubes.
 *
 * @param lambert93 the observed point in Lambert-93
 * @param laea the observed point in ETRS89-LAEA
 * @param displacedLambert93 the random point in the uncertainty circle used for the INPN grid
 * @param displacedLaea the same random displacement applied in LAEA, used for the EEA grids
 * @param inpn10km INPN 10 km cell of the displaced point
 * @param eea1km EEA 1 km cell of the displaced point
 * @param eea10km EEA 10 km cell of the displaced point
 * @param uncertaintyMeters the radius used (the default when the record had none)
 * @param uncertaintyDefaulted whether {@link CellAssigner#DEFAULT_UNCERTAINTY_METERS} was used
 */
public record Assignment(
    Projected lambert93,
    Projected laea,
    Projected displacedLambert93,
    Projected displacedLaea,
    GridCell inpn10km,
    GridCell eea1km,
    GridCell eea10km,
    double uncertaintyMeters,
    boolean uncertaintyDefaulted) {

  public Assignment {
    Objects.requireNonNull(lambert93, "lambert93");
    Objects.requireNonNull(laea, "laea");
    Objects.requireNonNull(displacedLambert93, "displacedLambert93");
    Objects.requireNonNull(displacedLaea, "displacedLaea");
    Objects.requireNonNull(inpn10km, "inpn10km");
    Objects.requireNonNull(eea1km, "eea1km");
    Objects.requireNonNull(eea10km, "eea10km");
  }
}
