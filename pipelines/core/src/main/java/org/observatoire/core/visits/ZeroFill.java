package org.observatoire.core.visits;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.observatoire.core.geo.Assignment;
import org.observatoire.core.geo.CellAssigner;
import org.observatoire.core.geo.Coordinate;

/**
 * Zero-filling (as eBird's complete checklists are used): one row per visit × taxon of the protocol's list, with the
 * visit's count of that taxon, 0 when it was not reported. Counts are summed over the visit's occurrences of the
 * taxon (STOC: over its points); an occurrence without a count adds nothing but makes the taxon present. Reported
 * taxa that are not on the list (unmatched names, taxa outside the reference list) get no row.
 *
 * <p>Privacy: a visit in which any occurrence was generalised (a sensitive species) is published entirely at that
 * occurrence's public (generalised) location, for every taxon, zeros included, so that no row ties the sensitive
 * species' visit to a finer location than the occurrences dataset shows. Other visits are at the submitted site.
 */
public final class ZeroFill {
  /** One published row. */
  public record Row(Visit visit, ListedTaxon taxon, int individualCount, boolean present, double decimalLatitude,
      double decimalLongitude, Double coordinateUncertaintyInMeters, String eea10km, String inpn10km,
      boolean locationGeneralised) {}

  private final CellAssigner cells;

  private ZeroFill(CellAssigner cells) {
    this.cells = Objects.requireNonNull(cells, "cells");
  }

  /** Zero-filling that assigns the rows' grid cells with {@code cells} (the occurrences' assigner). */
  public static ZeroFill with(CellAssigner cells) {
    return new ZeroFill(cells);
  }

  /** The rows of one visit, in the order of {@code list}. */
  public List<Row> rows(Visit visit, List<Observed> observed, List<ListedTaxon> list) {
    Map<String, int[]> counts = new HashMap<>();
    Observed generalised = null;
    for (Observed o : observed) {
      if (o.generalised() && generalised == null) {
        generalised = o;
      }
      if (o.taxonKey() != null) {
        int[] c = counts.computeIfAbsent(o.taxonKey(), k -> new int[1]);
        c[0] += o.individualCount() == null ? 0 : o.individualCount();
      }
    }
    double lat = generalised == null ? visit.siteLatitude() : generalised.decimalLatitude();
    double lon = generalised == null ? visit.siteLongitude() : generalised.decimalLongitude();
    Double uncertainty = generalised == null ? null : generalised.coordinateUncertaintyInMeters();
    Assignment a = cells.cellsOf(Coordinate.of(lat, lon));
    String eea10km = a.eea10km().code();
    String inpn10km = a.inpn10km().code();
    List<Row> rows = new ArrayList<>(list.size());
    for (ListedTaxon t : list) {
      int[] c = counts.get(t.taxonKey());
      rows.add(new Row(visit, t, c == null ? 0 : c[0], c != null, lat, lon, uncertainty, eea10km, inpn10km,
          generalised != null));
    }
    return rows;
  }
}
