package org.observatoire.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.observatoire.core.geo.Assignment;
import org.observatoire.core.geo.CellAssigner;
import org.observatoire.core.geo.Coordinate;
import org.observatoire.core.geo.region.RegionLocator;
import org.observatoire.core.geo.region.RegionLookup;

/** One CSV row to the {@link LocateCommand#APPENDED_COLUMNS}; a bad row gets an {@code error} value, never an exception. */
final class RowLocator {

  private final CellAssigner assigner;
  private final RegionLocator regions;
  private final int width;
  private final int latCol;
  private final int lonCol;
  private final int uncertaintyCol;
  private final int idCol;
  private final Double defaultUncertainty;

  RowLocator(CellAssigner assigner, RegionLocator regions, int width, int latCol, int lonCol, int uncertaintyCol, int idCol,
      Double defaultUncertainty) {
    this.assigner = assigner;
    this.regions = regions;
    this.width = width;
    this.latCol = latCol;
    this.lonCol = lonCol;
    this.uncertaintyCol = uncertaintyCol;
    this.idCol = idCol;
    this.defaultUncertainty = defaultUncertainty;
  }

  /** The row's own fields, padded or cut to the header's width so that the appended columns line up. */
  List<String> fieldsToKeep(List<String> record) {
    if (record.size() == width) {
      return record;
    }
    List<String> fields = new ArrayList<>(record.subList(0, Math.min(width, record.size())));
    while (fields.size() < width) {
      fields.add("");
    }
    return fields;
  }

  List<String> locate(List<String> record, long rowNumber) {
    String[] v = new String[LocateCommand.APPENDED_COLUMNS.size()];
    try {
      if (record.size() > width) {
        throw new IllegalArgumentException("row has " + record.size() + " fields but the header has " + width
            + "; extra fields dropped");
      }
      Coordinate c = Coordinate.of(number(record, latCol, "latitude"), number(record, lonCol, "longitude"));
      Double u = defaultUncertainty;
      if (uncertaintyCol >= 0 && uncertaintyCol < record.size() && !record.get(uncertaintyCol).isBlank()) {
        u = number(record, uncertaintyCol, "uncertainty");
      }
      String id = idCol >= 0 && idCol < record.size() && !record.get(idCol).isBlank()
          ? record.get(idCol) : Long.toString(rowNumber);
      Assignment own = assigner.cellsOf(c);
      Assignment assigned = assigner.assign(id, c, u);
      RegionLookup where = regions.locate(own.lambert93());
      v[0] = fixed2(own.lambert93().x());
      v[1] = fixed2(own.lambert93().y());
      v[2] = fixed2(own.laea().x());
      v[3] = fixed2(own.laea().y());
      v[4] = own.inpn10km().code();
      v[5] = own.eea1km().code();
      v[6] = own.eea10km().code();
      v[7] = assigned.inpn10km().code();
      v[8] = assigned.eea1km().code();
      v[9] = assigned.eea10km().code();
      v[10] = trim(assigned.uncertaintyMeters());
      if (!where.isOutsideFrance()) {
        v[11] = where.departement().code();
        v[12] = where.departement().name();
        v[13] = where.region().code();
        v[14] = where.region().name();
      }
      v[15] = where.status().name();
    } catch (IllegalArgumentException e) {
      Arrays.fill(v, null);
      v[16] = e.getMessage();
    }
    return Arrays.asList(v);
  }

  private static double number(List<String> record, int col, String what) {
    String s = col < record.size() ? record.get(col).trim() : "";
    if (s.isEmpty()) {
      throw new IllegalArgumentException(what + " is missing");
    }
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(what + " '" + s + "' is not a number");
    }
  }

  /** Centimetres, without String.format (which would dominate the run time). */
  static String fixed2(double v) {
    long cents = Math.round(v * 100);
    long abs = Math.abs(cents);
    String frac = Long.toString(abs % 100);
    return (cents < 0 ? "-" : "") + (abs / 100) + "." + (frac.length() == 1 ? "0" + frac : frac);
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
