package org.observatoire.core.visits;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.observatoire.core.geo.CellAssigner;

/**
 * Zero-filling (as eBird's complete checklists are used): one row per visit × taxon of the protocol's list, with the
 * visit's count of that taxon, 0 when it was not reported. Counts are summed over the visit's occurrences of the
 * taxon (STOC: over its points); an occurrence without a count adds nothing but makes the taxon present. Reported
 * taxa that are not on the list (unmatched names, taxa outside the reference list) get no row.
 *
 * <p>Privacy: every row of a visit is at the visit's public place ({@link VisitPlace}): a visit in which any
 * occurrence was generalised (a sensitive species) is published entirely at that occurrence's generalised location,
 * zeros included. Other visits are at the submitted site.
 *
 * <p>A visit whose site has no coordinates (some exports) is still zero-filled: its rows have null coordinates and
 * cells, since a visit at an unknown place still counts for national trends.
 */
public final class ZeroFill {
  /** One published row. */
  public record Row(Visit visit, ListedTaxon taxon, int individualCount, boolean present, Double decimalLatitude,
      Double decimalLongitude, Double coordinateUncertaintyInMeters, String eea10km, String inpn10km,
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
    for (Observed o : observed) {
      if (o.taxonKey() != null) {
        int[] c = counts.computeIfAbsent(o.taxonKey(), k -> new int[1]);
        c[0] += o.individualCount() == null ? 0 : o.individualCount();
      }
    }
    VisitPlace place = VisitPlace.of(visit, observed, cells);
    List<Row> rows = new ArrayList<>(list.size());
    for (ListedTaxon t : list) {
      int[] c = counts.get(t.taxonKey());
      rows.add(new Row(visit, t, c == null ? 0 : c[0], c != null, place.decimalLatitude(), place.decimalLongitude(),
          place.coordinateUncertaintyInMeters(), place.eea10km(), place.inpn10km(), place.generalised()));
    }
    return rows;
  }
}
