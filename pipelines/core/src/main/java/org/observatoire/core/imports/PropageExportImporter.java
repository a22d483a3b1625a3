package org.observatoire.core.imports;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Propage (butterfly transects) export of the MNHN: {@code data_env_1_clean.csv} (one row per visit: habitat,
 * date, times, duration, weather classes) joined by {@code id_releve} with {@code data_releves_large.csv} (one row
 * per visit, one column per taxon of the Propage list, counts including zeros). One submission per visit.
 *
 * <p>The export does not link visits to a transect (so the site has no id or coordinates; {@code
 * transect_annee_geo.csv} is not read) and names no observer: both are left out. Only counts above zero become
 * observations: Propage is a complete count of its list, so a zero is implied by the protocol; a visit where nothing
 * was seen has no observations.
 */
public final class PropageExportImporter implements ExportImporter {
  static final String FORMAT = "propage-export";
  static final String VISITS = "data_env_1_clean.csv";
  static final String COUNTS = "data_releves_large.csv";
  static final String TRANSECTS = "transect_annee_geo.csv";
  private static final String ID = "id_releve";
  /** A time on Excel's day zero, as R wrote it: "1899-12-31 11:10:00" (the date part carries no information). */
  private static final Pattern DAY_ZERO_TIME = Pattern.compile("(?:1899-12-31 )?([01][0-9]|2[0-3]):([0-5][0-9])(?::[0-5][0-9])?");
  private static final BigDecimal SIXTY = BigDecimal.valueOf(60);

  @Override
  public String format() {
    return FORMAT;
  }

  @Override
  public String description() {
    return "Propage (MNHN) export folder: " + VISITS + " + " + COUNTS + ", joined by " + ID;
  }

  @Override
  public ImportResult read(Path dir, ImportSettings settings) throws ImportException {
    ExportCsv visits = ExportCsv.read(existing(dir, VISITS), ',');
    ExportCsv counts = ExportCsv.read(existing(dir, COUNTS), ',');
    ImportResult result = new ImportResult();
    result.fileRead(VISITS, visits.rows().size());
    result.fileRead(COUNTS, counts.rows().size());

    Map<String, Counts> countsById = readCounts(counts, result);
    Columns c = new Columns(visits);
    Set<String> seen = new HashSet<>();
    long nothingSeen = 0;
    long notWholeMinutes = 0;
    long observations = 0;
    long individuals = 0;
    long onlyVisits = 0;
    for (ExportCsv.Row row : visits.rows()) {
      String id = ExportCsv.cell(row, c.id);
      if (id == null) {
        result.skip(VISITS, row.line(), "no " + ID);
        continue;
      }
      if (!seen.add(id)) {
        result.skip(VISITS, row.line(), ID + " " + id + " repeated (first row kept)");
        continue;
      }
      if (row.cells().size() != visits.header().size()) {
        result.skip(VISITS, row.line(), "visit " + id + ": " + row.cells().size() + " cells, the header has "
            + visits.header().size());
        continue;
      }
      Counts taxa = countsById.get(id);
      if (taxa == null) {
        result.skip(VISITS, row.line(), "visit " + id + " has no row in " + COUNTS);
        onlyVisits++;
        continue;
      }
      if (taxa.problem != null) {
        continue; // reported where the counts were read
      }
      try {
        ObjectNode s = SubmissionLines.start(FORMAT + "-" + id, "propage", settings, FORMAT);
        ObjectNode site = s.putObject("site");
        putIfKnown(site, "habitat", ExportCsv.cell(row, c.habitat));
        ObjectNode visit = s.putObject("visit");
        String date = ExportCsv.cell(row, c.date);
        if (date != null) {
          visit.put("date", date(date));
        }
        putIfKnown(visit, "startTime", time(ExportCsv.cell(row, c.start), "heure_debut"));
        putIfKnown(visit, "endTime", time(ExportCsv.cell(row, c.end), "heure_fin"));
        String seconds = ExportCsv.cell(row, c.duration);
        if (seconds != null) {
          BigDecimal minutes = minutes(seconds);
          if (minutes.scale() > 0) {
            notWholeMinutes++;
          }
          visit.put("durationMinutes", minutes);
        }
        ObjectNode weather = SubmissionLines.object();
        putIfKnown(weather, "temperatureClass", ExportCsv.cell(row, c.temperature));
        putIfKnown(weather, "windClass", ExportCsv.cell(row, c.wind));
        putIfKnown(weather, "cloudCoverClass", ExportCsv.cell(row, c.clouds));
        if (!weather.isEmpty()) {
          visit.set("weather", weather);
        }
        ArrayNode obs = s.putArray("observations");
        for (int t = 0; t < taxa.names.size(); t++) {
          long n = taxa.counts.get(t);
          if (n > 0) {
            ObjectNode o = obs.addObject();
            o.putObject("taxon").put("vernacularName", taxa.names.get(t));
            o.put("count", n);
            individuals += n;
          }
        }
        observations += obs.size();
        if (obs.isEmpty()) {
          nothingSeen++;
        }
        result.addSubmission(s);
      } catch (IllegalArgumentException e) {
        result.skip(VISITS, row.line(), "visit " + id + ": " + e.getMessage());
      }
    }
    long onlyCounts = 0;
    for (Map.Entry<String, Counts> e : countsById.entrySet()) {
      if (!seen.contains(e.getKey()) && e.getValue().problem == null) {
        result.skip(COUNTS, e.getValue().line, "visit " + e.getKey() + " has no row in " + VISITS);
        onlyCounts++;
      }
    }
    result.count("visits (submissions)", result.submissions().size());
    result.count("observations (taxa with a count above 0)", observations);
    result.count("individuals counted", individuals);
    result.count("visits where nothing was seen", nothingSeen);
    result.count("durations not a whole number of minutes", notWholeMinutes);
    result.count("visits only in " + VISITS + " (skipped)", onlyVisits);
    result.count("visits only in " + COUNTS + " (skipped)", onlyCounts);
    result.note("no observer in the export: left out");
    result.note("visits are not linked to a transect: the site has its habitat only (no id, no coordinates)"
        + (Files.isRegularFile(dir.resolve(TRANSECTS)) ? "; " + TRANSECTS + " not read" : ""));
    result.note("taxa counted 0 are left out (a complete count of the Propage list implies them)");
    return result;
  }

  /** Counts of one visit, or why they cannot be used. */
  private static final class Counts {
    final long line;
    final List<String> names;
    final List<Long> counts = new ArrayList<>();
    String problem;

    Counts(long line, List<String> names) {
      this.line = line;
      this.names = names;
    }
  }

  private static Map<String, Counts> readCounts(ExportCsv file, ImportResult result) throws ImportException {
    int id = file.require(ID);
    List<String> names = new ArrayList<>();
    List<Integer> columns = new ArrayList<>();
    for (int i = 0; i < file.header().size(); i++) {
      if (i != id) {
        names.add(file.header().get(i).trim());
        columns.add(i);
      }
    }
    Map<String, Counts> byId = new LinkedHashMap<>();
    for (ExportCsv.Row row : file.rows()) {
      String visit = ExportCsv.cell(row, id);
      if (visit == null) {
        result.skip(COUNTS, row.line(), "no " + ID);
        continue;
      }
      if (byId.containsKey(visit)) {
        result.skip(COUNTS, row.line(), ID + " " + visit + " repeated (first row kept)");
        continue;
      }
      Counts counts = new Counts(row.line(), names);
      byId.put(visit, counts);
      if (row.cells().size() != file.header().size()) {
        counts.problem = "visit " + visit + ": " + row.cells().size() + " cells, the header has " + file.header().size();
      }
      for (int t = 0; counts.problem == null && t < columns.size(); t++) {
        String v = ExportCsv.cell(row, columns.get(t));
        if (v == null) {
          // an unknown count cannot be left out: left out means zero in a complete count
          counts.problem = "visit " + visit + ": no count for '" + names.get(t) + "'";
        } else if (!v.matches("[0-9]{1,9}")) {
          counts.problem = "visit " + visit + ": count '" + v + "' for '" + names.get(t) + "' is not a whole number";
        } else {
          counts.counts.add(Long.parseLong(v));
        }
      }
      if (counts.problem != null) {
        result.skip(COUNTS, row.line(), counts.problem);
      }
    }
    return byId;
  }

  private static final class Columns {
    final int id, habitat, date, start, end, duration, temperature, wind, clouds;

    Columns(ExportCsv f) throws ImportException {
      id = f.require(ID);
      habitat = f.require("transect_habitat");
      date = f.require("releve_date");
      start = f.require("heure_debut");
      end = f.require("heure_fin");
      duration = f.require("duree_obs");
      temperature = f.require("temperature");
      wind = f.require("vent");
      clouds = f.require("couverture_nuageuse");
    }
  }

  private static Path existing(Path dir, String name) throws ImportException {
    if (!Files.isDirectory(dir)) {
      throw new ImportException("--input " + dir + " is not a folder");
    }
    Path file = dir.resolve(name);
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new ImportException("--input " + dir + " has no readable " + name + " (a Propage export has "
          + VISITS + " and " + COUNTS + ")");
    }
    return file;
  }

  private static String date(String v) {
    try {
      return LocalDate.parse(v).toString();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("releve_date '" + v + "' is not a date (YYYY-MM-DD)");
    }
  }

  /** "1899-12-31 11:10:00" → "11:10"; null stays null. */
  static String time(String v, String column) {
    if (v == null) {
      return null;
    }
    Matcher m = DAY_ZERO_TIME.matcher(v);
    if (!m.matches()) {
      throw new IllegalArgumentException(column + " '" + v + "' is not a time (1899-12-31 HH:MM:SS)");
    }
    return m.group(1) + ":" + m.group(2);
  }

  /** Seconds → minutes: an integer when whole, else at most 3 decimals (to 0.06 s). */
  static BigDecimal minutes(String seconds) {
    BigDecimal s;
    try {
      s = new BigDecimal(seconds);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("duree_obs '" + seconds + "' is not a number of seconds");
    }
    if (s.signum() < 0) {
      throw new IllegalArgumentException("duree_obs '" + seconds + "' is negative");
    }
    BigDecimal m = s.divide(SIXTY, 3, RoundingMode.HALF_EVEN).stripTrailingZeros();
    return m.scale() <= 0 ? m.setScale(0) : m;
  }

  private static void putIfKnown(ObjectNode o, String key, String value) {
    if (value != null) {
      o.put(key, value);
    }
  }
}
