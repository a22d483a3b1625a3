package org.observatoire.core.visits;

import java.util.List;
import org.observatoire.core.geo.Assignment;
import org.observatoire.core.geo.CellAssigner;
import org.observatoire.core.geo.Coordinate;

/**
 * The public location of a visit, decided once for the visit and everything published of it (its event row, its
 * zero-filled rows): when any of its public occurrence rows was generalised (a sensitive species) and has a
 * location, the first such row's public location and uncertainty, so that nothing ties the visit to a finer place
 * than its occurrences show; else the submitted site. Null coordinates and cells when the site is unknown.
 */
public record VisitPlace(Double decimalLatitude, Double decimalLongitude, Double coordinateUncertaintyInMeters,
    String eea10km, String inpn10km, boolean generalised) {

  /** The place of {@code visit} given its public occurrence rows, with cells from {@code cells}. */
  public static VisitPlace of(Visit visit, List<Observed> observed, CellAssigner cells) {
    Observed generalised = null;
    for (Observed o : observed) {
      if (o.generalised() && o.decimalLatitude() != null && o.decimalLongitude() != null) {
        generalised = o;
        break;
      }
    }
    Double lat = generalised == null ? visit.siteLatitude() : generalised.decimalLatitude();
    Double lon = generalised == null ? visit.siteLongitude() : generalised.decimalLongitude();
    Double uncertainty = generalised == null ? null : generalised.coordinateUncertaintyInMeters();
    if (lat == null || lon == null) {
      return new VisitPlace(null, null, uncertainty, null, null, generalised != null);
    }
    Assignment a = cells.cellsOf(Coordinate.of(lat, lon));
    return new VisitPlace(lat, lon, uncertainty, a.eea10km().code(), a.inpn10km().code(), generalised != null);
  }
}
