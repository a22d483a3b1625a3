package org.observatoire.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.observatoire.core.csv.CsvRows;
import org.observatoire.core.geo.Assignment;
import org.observatoire.core.geo.CellAssigner;
import org.observatoire.core.geo.Coordinate;
import org.observatoire.core.geo.Projected;
import org.observatoire.core.geo.region.AdminArea;
import org.observatoire.core.geo.region.RegionLocator;
import org.observatoire.core.geo.region.RegionLookup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code locate}: grid cells (INPN 10 km, EEA 1 km and 10 km), projected coordinates, département
 * and région of one point (JSON on stdout) or of every row of a CSV file.
 */
@Command(
    name = "locate",
    mixinStandardHelpOptions = true,
    description = {
        "Grid cells, projected coordinates, département and région of a WGS84 point or of a CSV of points.",
        "Cells are given twice: the point's own cells, and the cells assigned as in the species occurrence",
        "cubes (a random point of the uncertainty circle, 1000 m when unknown, drawn from --seed and the",
        "occurrence id)."})
public final class LocateCommand implements Callable<Integer> {

  static final List<String> APPENDED_COLUMNS = List.of(
      "x_l93", "y_l93", "x_laea", "y_laea",
      "inpn10km", "eea1km", "eea10km",
      "assigned_inpn10km", "assigned_eea1km", "assigned_eea10km", "uncertainty_m",
      "departement_code", "departement_name", "region_code", "region_name", "location_status", "error");

  private static final List<String> LAT = List.of("lat", "latitude", "decimallatitude");
  private static final List<String> LON = List.of("lon", "lng", "longitude", "decimallongitude");
  private static final List<String> UNCERTAINTY = List.of("coordinateuncertaintyinmeters", "uncertainty", "uncertainty_m");
  private static final List<String> ID = List.of("occurrenceid", "id");

  @Spec
  private CommandSpec spec;

  @Option(names = "--lat", description = "Latitude, decimal degrees (WGS84).")
  private Double lat;

  @Option(names = "--lon", description = "Longitude, decimal degrees (WGS84).")
  private Double lon;

  @Option(names = "--uncertainty", description = "coordinateUncertaintyInMeters; for CSV rows without their own. Unknown means 1000 m.")
  private Double uncertainty;

  @Option(names = "--id", defaultValue = "point", description = "Occurrence id seeding the random draw for --lat/--lon (default: ${DEFAULT-VALUE}).")
  private String id;

  @Option(names = "--seed", defaultValue = "0", description = "Run seed of the random assignment (default: ${DEFAULT-VALUE}).")
  private long seed;

  @Option(names = "--input", description = "CSV with a header naming lat/latitude/decimalLatitude and lon/longitude/decimalLongitude "
      + "columns; optional occurrenceID/id and coordinateUncertaintyInMeters/uncertainty columns (without an id column the row number is the id).")
  private Path input;

  @Option(names = "--output", description = "CSV to write: the input columns in order, then the located columns. Default: stdout.")
  private Path output;

  @Override
  public Integer call() throws IOException {
    boolean point = lat != null || lon != null;
    if (point == (input != null) || (point && (lat == null || lon == null))) {
      spec.commandLine().getErr().println("locate: give either --lat and --lon, or --input (see --help)");
      return 2;
    }
    CellAssigner assigner = CellAssigner.create(seed);
    RegionLocator regions = RegionLocator.france();
    return point ? locatePoint(assigner, regions) : locateCsv(assigner, regions);
  }

  private int locatePoint(CellAssigner assigner, RegionLocator regions) throws IOException {
    Coordinate c;
    try {
      c = Coordinate.of(lat, lon);
      if (uncertainty != null && (!Double.isFinite(uncertainty) || uncertainty < 0)) {
        throw new IllegalArgumentException("--uncertainty must be a finite number >= 0, got " + uncertainty);
      }
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("locate: " + e.getMessage());
      return 2;
    }
    Assignment own = assigner.cellsOf(c);
    Assignment assigned = assigner.assign(id, c, uncertainty);
    RegionLookup where = regions.locate(own.lambert93());

    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = json.createObjectNode();
    ObjectNode in = root.putObject("input");
    in.put("lat", lat).put("lon", lon).put("uncertaintyMeters", uncertainty).put("id", id).put("seed", seed);
    xy(root.putObject("lambert93"), own.lambert93());
    xy(root.putObject("laea"), own.laea());
    cells(root.putObject("cells"), own);
    ObjectNode a = cells(root.putObject("assignedCells"), assigned);
    a.put("uncertaintyMeters", assigned.uncertaintyMeters()).put("uncertaintyDefaulted", assigned.uncertaintyDefaulted());
    area(root, "departement", where.departement());
    area(root, "region", where.region());
    root.put("locationStatus", where.status().name());
    root.put("outsideFrance", where.isOutsideFrance());
    if (!Double.isNaN(where.distanceMeters()) && where.distanceMeters() > 0) {
      root.put("distanceToDepartementMeters", round2(where.distanceMeters()));
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(json.writeValueAsString(root));
    out.flush();
    return 0;
  }

  private static void xy(ObjectNode node, Projected p) {
    node.put("x", round2(p.x())).put("y", round2(p.y()));
  }

  private static ObjectNode cells(ObjectNode node, Assignment a) {
    return node.put("inpn10km", a.inpn10km().code()).put("eea1km", a.eea1km().code()).put("eea10km", a.eea10km().code());
  }

  private static void area(ObjectNode root, String field, AdminArea area) {
    if (area == null) {
      root.putNull(field);
    } else {
      root.putObject(field).put("code", area.code()).put("name", area.name());
    }
  }

  private static double round2(double v) {
    return Math.round(v * 100) / 100.0;
  }

  private int locateCsv(CellAssigner assigner, RegionLocator regions) throws IOException {
    try (BufferedReader reader = Files.newBufferedReader(input, StandardCharsets.UTF_8);
        Writer writer = output == null ? nonClosing(spec.commandLine().getOut())
            : Files.newBufferedWriter(output, StandardCharsets.UTF_8);
        CsvRows.Records records = CsvRows.records(reader, ',')) {
      if (!records.hasNext()) {
        spec.commandLine().getErr().println("locate: " + input + " is empty (a header with lat and lon columns is needed)");
        return 2;
      }
      List<String> header = records.next();
      int latCol = column(header, LAT), lonCol = column(header, LON);
      if (latCol < 0 || lonCol < 0) {
        spec.commandLine().getErr().println("locate: the header of " + input + " has no latitude and longitude columns: " + header);
        return 2;
      }
      RowLocator rows = new RowLocator(assigner, regions, header.size(), latCol, lonCol,
          column(header, UNCERTAINTY), column(header, ID), uncertainty);
      writeRecord(writer, header, APPENDED_COLUMNS);
      long n = 0;
      while (records.hasNext()) {
        List<String> record = records.next();
        n++;
        writeRecord(writer, rows.fieldsToKeep(record), rows.locate(record, n));
      }
      writer.flush();
    }
    return 0;
  }

  private static void writeRecord(Writer writer, List<String> first, List<String> appended) throws IOException {
    List<String> fields = new ArrayList<>(first);
    fields.addAll(appended);
    writer.append(CsvRows.line(fields, ',')).append('\n');
  }

  private static int column(List<String> header, List<String> names) {
    for (String name : names) {
      for (int i = 0; i < header.size(); i++) {
        if (header.get(i).trim().toLowerCase(Locale.ROOT).equals(name)) {
          return i;
        }
      }
    }
    return -1;
  }

  private static Writer nonClosing(PrintWriter out) {
    return new java.io.FilterWriter(out) {
      @Override
      public void close() throws IOException {
        flush();
      }
    };
  }
}
