package org.observatoire.core.interpret;

import java.util.Objects;
import java.util.Set;
import org.observatoire.core.occurrence.Occurrence;
import org.observatoire.core.quality.coordinates.CoordinateCheck;
import org.observatoire.core.quality.coordinates.CoordinateChecks;
import org.observatoire.core.quality.coordinates.CoordinateFlag;
import org.observatoire.core.quality.coordinates.LatLon;

/**
 * Location step: the coordinate checks of a located row (zero, territory, uncertainty, far from the declared site),
 * flags named as BDQ names them; a row without coordinates is flagged {@value #LOCATION_UNKNOWN} instead. Immutable
 * and thread-safe.
 */
public final class LocationStep {
  /**
   * Project flag: the submission gives no coordinates (some exports, e.g. Propage visits not linked to a transect).
   * The row is published with null coordinates, geometry, région, département and cells; no coordinate check runs,
   * nothing is generalised (no location is published), and the row is in no cube cell.
   */
  public static final String LOCATION_UNKNOWN = "LOCATION_UNKNOWN";
  /** The BDQ name of {@link CoordinateFlag#COORDINATE_OUTSIDE_TERRITORY}, countryCode being FR. */
  static final String OUTSIDE_COUNTRY = "VALIDATION_COORDINATES_COUNTRYCODE_CONSISTENT";

  private final CoordinateChecks checks;

  private LocationStep(CoordinateChecks checks) {
    this.checks = Objects.requireNonNull(checks, "checks");
  }

  /** Checks coordinates with {@code checks} (their territory, buffer and thresholds). */
  public static LocationStep of(CoordinateChecks checks) {
    return new LocationStep(checks);
  }

  /**
   * Adds the row's coordinate flags; a row without coordinates gets {@value #LOCATION_UNKNOWN} and null coordinates.
   *
   * @param site the declared site's coordinate, for the far-from-site check; null when the submission gives none
   * @return whether the row is located (has both coordinates)
   */
  public boolean interpret(Occurrence raw, LatLon site, Occurrence.Builder b, Set<String> flags) {
    if (raw.decimalLatitude() == null || raw.decimalLongitude() == null) {
      // an export without a place: nothing to check, locate, grid or generalise; said once, not invented
      flags.add(LOCATION_UNKNOWN);
      b.decimalLatitude(null).decimalLongitude(null);
      return false;
    }
    CoordinateCheck check = checks.check(raw.decimalLatitude(), raw.decimalLongitude(),
        raw.coordinateUncertaintyInMeters(), site);
    for (CoordinateFlag f : check.flags()) {
      flags.add(f == CoordinateFlag.COORDINATE_OUTSIDE_TERRITORY ? OUTSIDE_COUNTRY : f.name());
    }
    return true;
  }
}
