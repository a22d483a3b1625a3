package org.observatoire.core.geo.region;

import java.util.Objects;

/**
 * The administrative location of a point. {@code departement} and {@code region} are null exactly
 * when {@code status} is {@link LocationStatus#OUTSIDE_FRANCE}; {@code distanceMeters} is 0 inside,
 * the distance to the chosen département when snapped, and NaN when outside.
 */
public record RegionLookup(AdminArea departement, AdminArea region, LocationStatus status, double distanceMeters) {

  private static final RegionLookup OUTSIDE = new RegionLookup(null, null, LocationStatus.OUTSIDE_FRANCE, Double.NaN);

  public RegionLookup {
    Objects.requireNonNull(status, "status");
    boolean outside = status == LocationStatus.OUTSIDE_FRANCE;
    if (outside != (departement == null) || outside != (region == null)) {
      throw new IllegalArgumentException("département and région must be null exactly when outside France: "
          + departement + ", " + region + ", " + status);
    }
  }

  public static RegionLookup outsideFrance() {
    return OUTSIDE;
  }

  public static RegionLookup inside(AdminArea departement, AdminArea region) {
    return new RegionLookup(departement, region, LocationStatus.INSIDE, 0.0);
  }

  public static RegionLookup nearest(AdminArea departement, AdminArea region, double distanceMeters) {
    return new RegionLookup(departement, region, LocationStatus.NEAREST_WITHIN_TOLERANCE, distanceMeters);
  }

  public boolean isOutsideFrance() {
    return status == LocationStatus.OUTSIDE_FRANCE;
  }
}
