package org.observatoire.core.interpret;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.observatoire.core.geo.Assignment;
import org.observatoire.core.geo.CellAssigner;
import org.observatoire.core.geo.Coordinate;
import org.observatoire.core.geo.region.RegionLocator;
import org.observatoire.core.geo.region.RegionLookup;
import org.observatoire.core.occurrence.Occurrence;

/**
 * Regions and cells step: the département, région and grid cells (INPN 10 km, EEA 10 km and 1 km) of a public
 * point, flagged when outside France or placed in the nearest département. Thread-safe; the rows of a submission
 * share a few points, so places are memoised (bounded).
 */
public final class PlaceStep {
  /** Project flag: the public point is in no département nor near one. */
  static final String OUTSIDE_FRANCE = "LOCATION_OUTSIDE_FRANCE";
  /** Project flag: the public point is outside every département but within the tolerance of one. */
  static final String NEAREST_DEPARTEMENT = "LOCATION_NEAREST_DEPARTEMENT";
  private static final int MEMO_LIMIT = 50_000;

  private final RegionLocator regions;
  private final CellAssigner cells;
  private final ConcurrentHashMap<Coordinate, Place> memo = new ConcurrentHashMap<>();

  private PlaceStep(RegionLocator regions, CellAssigner cells) {
    this.regions = Objects.requireNonNull(regions, "regions");
    this.cells = Objects.requireNonNull(cells, "cells");
  }

  /** Places points with {@code regions} (boundaries and tolerance) and {@code cells} (the grids). */
  public static PlaceStep of(RegionLocator regions, CellAssigner cells) {
    return new PlaceStep(regions, cells);
  }

  /** Writes the place of the public point and adds its location flag; returns the région lookup. */
  public RegionLookup interpret(Occurrence.Builder b, double lat, double lon, Set<String> flags) {
    RegionLookup region = locate(b, lat, lon);
    if (region.isOutsideFrance()) {
      flags.add(OUTSIDE_FRANCE);
    } else if (region.distanceMeters() > 0) {
      flags.add(NEAREST_DEPARTEMENT);
    }
    return region;
  }

  /** Sets the région, département and cells of a public point (none outside France); returns the lookup. */
  public RegionLookup locate(Occurrence.Builder b, double lat, double lon) {
    Place place = place(Coordinate.of(lat, lon));
    RegionLookup region = place.region();
    if (region.isOutsideFrance()) {
      b.county(null).departementCode(null).stateProvince(null).regionCode(null);
    } else {
      b.county(region.departement().name()).departementCode(region.departement().code())
          .stateProvince(region.region().name()).regionCode(region.region().code());
    }
    Assignment own = place.cells();
    b.inpn10km(own.inpn10km().code()).eea10km(own.eea10km().code()).eea1km(own.eea1km().code());
    return region;
  }

  private Place place(Coordinate where) {
    Place known = memo.get(where);
    if (known != null) {
      return known;
    }
    Place p = new Place(regions.locate(where), cells.cellsOf(where));
    if (memo.size() >= MEMO_LIMIT) {
      memo.clear();
    }
    memo.put(where, p);
    return p;
  }

  private record Place(RegionLookup region, Assignment cells) {}
}
