package org.observatoire.core.imports;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Vigie-Chiro "Point Fixe" participations as the Vigie-Chiro site exports them: one
 * {@code participation-<id>-observations.csv} per participation (';'-separated, one row per detection: recording
 * file, Tadarida's code and probability, the observer's and the validator's corrections). One submission per file.
 *
 * <p>The recording's square, point and local start time are read from its file name
 * ({@code Car<square>-<year>-Pass<n>-Z<point>-<recorder>_<YYYYMMDD>_<HHMMSS>}), a local time in France
 * (Europe/Paris). The export has no coordinates, no observer and no session start or end: the visit's start and end
 * are the span of the detections. Every row becomes an observation, "noise" and other non-taxon codes included: the
 * protocol's checklist, not the importer, decides what is a taxon.
 */
public final class VigieChiroParticipationImporter implements ExportImporter {
  static final String FORMAT = "vigie-chiro-participation";
  static final ZoneId FRANCE = ZoneId.of("Europe/Paris");
  private static final Pattern FILE = Pattern.compile("participation-([A-Za-z0-9._:-]+)-observations\\.csv");
  /** Car<square>-<year>-Pass<n>-<point>-<anything>_<YYYYMMDD>_<HHMMSS>, possibly followed by _<ms> and .wav. */
  private static final Pattern RECORDING = Pattern.compile(
      "Car([0-9]+)-([0-9]{4})-Pass([0-9]+)-([A-Z][0-9]+)-(?:.*_)?([0-9]{8})_([0-9]{6})(?:_[0-9]{3})?(?:\\.wav)?",
      Pattern.CASE_INSENSITIVE);
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMddHHmmss");

  @Override
  public String format() {
    return FORMAT;
  }

  @Override
  public String description() {
    return "Vigie-Chiro Point Fixe folder: participation-<id>-observations.csv files (';'-separated), one per night";
  }

  @Override
  public ImportResult read(Path dir, ImportSettings settings) throws ImportException {
    List<Path> files = participationFiles(dir);
    ImportResult result = new ImportResult();
    long detections = 0;
    long observerCorrections = 0;
    long validatorCorrections = 0;
    for (Path path : files) {
      Matcher name = FILE.matcher(path.getFileName().toString());
      name.matches();
      ExportCsv csv = ExportCsv.read(path, ';');
      result.fileRead(csv.fileName(), csv.rows().size());
      Columns c = new Columns(csv);
      String square = null;
      OffsetDateTime start = null;
      OffsetDateTime end = null;
      List<ObjectNode> observations = new ArrayList<>();
      for (ExportCsv.Row row : csv.rows()) {
        try {
          if (row.cells().size() != csv.header().size()) {
            throw new IllegalArgumentException(row.cells().size() + " cells, the header has " + csv.header().size());
          }
          String fileName = required(row, c.fileName, "nom du fichier");
          Matcher m = RECORDING.matcher(fileName);
          if (!m.matches()) {
            throw new IllegalArgumentException("recording name '" + fileName
                + "' is not Car<square>-<year>-Pass<n>-Z<point>-..._<YYYYMMDD>_<HHMMSS>");
          }
          String rowSquare = "Car" + m.group(1);
          if (square == null) {
            square = rowSquare;
          } else if (!square.equals(rowSquare)) {
            throw new IllegalArgumentException("recording '" + fileName + "' is from square " + rowSquare
                + ", the participation's first is " + square);
          }
          String point = m.group(4).toUpperCase(java.util.Locale.ROOT);
          if (!point.startsWith("Z")) {
            throw new IllegalArgumentException("point " + point + " of '" + fileName
                + "' is not a fixed point (Z...): this format is Vigie-Chiro Point Fixe");
          }
          OffsetDateTime recordedAt = localTime(m.group(5) + m.group(6), fileName);
          ObjectNode o = SubmissionLines.object();
          o.put("fileName", fileName);
          o.put("recordedAt", SubmissionLines.rfc3339(recordedAt));
          o.put("pointId", point);
          o.putObject("taxon").put("code", required(row, c.taxon, "tadarida_taxon"));
          o.put("probability", number(required(row, c.probability, "tadarida_probabilite"), "tadarida_probabilite"));
          String observerTaxon = ExportCsv.cell(row, c.observerTaxon);
          if (observerTaxon != null) {
            o.putObject("observerTaxon").put("code", observerTaxon);
          }
          putIfKnown(o, "observerConfidence", ExportCsv.cell(row, c.observerConfidence));
          String validatorTaxon = ExportCsv.cell(row, c.validatorTaxon);
          if (validatorTaxon != null) {
            o.putObject("validatorTaxon").put("code", validatorTaxon);
          }
          putIfKnown(o, "validatorConfidence", ExportCsv.cell(row, c.validatorConfidence));
          putIfKnown(o, "otherTaxa", ExportCsv.cell(row, c.otherTaxa));
          BigDecimal from = optionalNumber(row, c.start, "temps_debut");
          BigDecimal to = optionalNumber(row, c.end, "temps_fin");
          BigDecimal khz = optionalNumber(row, c.frequency, "frequence_mediane");
          if (from != null) {
            o.put("startSeconds", from);
          }
          if (to != null) {
            o.put("endSeconds", to);
          }
          if (khz != null) {
            o.put("medianFrequencyKhz", khz);
          }
          observations.add(o);
          if (observerTaxon != null) {
            observerCorrections++;
          }
          if (validatorTaxon != null) {
            validatorCorrections++;
          }
          // the span of detections: from the first recording's start to the last detection's end in its recording
          BigDecimal last = to != null ? to : from != null ? from : BigDecimal.ZERO;
          OffsetDateTime detectionEnd = recordedAt.plusNanos(last.movePointRight(9).longValue());
          start = start == null || recordedAt.isBefore(start) ? recordedAt : start;
          end = end == null || detectionEnd.isAfter(end) ? detectionEnd : end;
        } catch (IllegalArgumentException e) {
          result.skip(csv.fileName(), row.line(), e.getMessage());
        }
      }
      detections += observations.size();
      if (observations.isEmpty()) {
        result.note(csv.fileName() + ": no detection could be converted, no submission");
        continue;
      }
      ObjectNode s = SubmissionLines.start("vigie-chiro-" + name.group(1), "vigie-chiro", settings, FORMAT);
      ObjectNode site = s.putObject("site");
      site.put("id", square);
      site.put("variant", "fixed");
      ObjectNode visit = s.putObject("visit");
      visit.put("date", evening(start.toLocalDateTime()).toString());
      visit.put("start", SubmissionLines.rfc3339(start));
      visit.put("end", SubmissionLines.rfc3339(end));
      ArrayNode array = s.putArray("observations");
      observations.forEach(array::add);
      result.addSubmission(s);
    }
    result.count("participations (submissions)", result.submissions().size());
    result.count("observations (detections)", detections);
    result.count("observer corrections", observerCorrections);
    result.count("validator corrections", validatorCorrections);
    result.note("visit start and end are the span of the detections (first recording to the end of the last "
        + "detection): the export does not record when the session started and ended");
    result.note("no coordinates and no observer in the export: left out");
    return result;
  }

  private static List<Path> participationFiles(Path dir) throws ImportException {
    if (!Files.isDirectory(dir)) {
      throw new ImportException("--input " + dir + " is not a folder");
    }
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path p : entries) {
        if (Files.isRegularFile(p) && FILE.matcher(p.getFileName().toString()).matches()) {
          files.add(p);
        }
      }
    } catch (IOException e) {
      throw new ImportException("--input " + dir + " cannot be read: " + e.getMessage());
    }
    if (files.isEmpty()) {
      throw new ImportException("--input " + dir + " has no participation-<id>-observations.csv file");
    }
    files.sort(null);
    return files;
  }

  /**
   * The recorder's local time in France. A time that does not exist (the spring-forward hour) is an error; in the
   * autumn hour that happens twice, the first (summer time) is taken: the file name does not say which.
   */
  static OffsetDateTime localTime(String stamp, String fileName) {
    LocalDateTime local;
    try {
      local = LocalDateTime.parse(stamp, STAMP);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("recording '" + fileName + "': " + stamp.substring(0, 8) + "_"
          + stamp.substring(8) + " is not a date and time");
    }
    ZoneRules rules = FRANCE.getRules();
    if (rules.getValidOffsets(local).isEmpty()) {
      throw new IllegalArgumentException("recording '" + fileName + "': " + local
          + " does not exist in Europe/Paris (the clock jumped forward)");
    }
    return ZonedDateTime.ofLocal(local, FRANCE, null).withEarlierOffsetAtOverlap().toOffsetDateTime();
  }

  /** The date of the evening a night started: a first recording before noon belongs to the night before. */
  static LocalDate evening(LocalDateTime firstRecording) {
    LocalDate day = firstRecording.toLocalDate();
    return firstRecording.toLocalTime().isBefore(LocalTime.NOON) ? day.minusDays(1) : day;
  }

  private static String required(ExportCsv.Row row, int column, String name) {
    String v = ExportCsv.cell(row, column);
    if (v == null) {
      throw new IllegalArgumentException("no " + name);
    }
    return v;
  }

  private static BigDecimal optionalNumber(ExportCsv.Row row, int column, String name) {
    String v = ExportCsv.cell(row, column);
    return v == null ? null : number(v, name);
  }

  private static BigDecimal number(String v, String name) {
    try {
      return new BigDecimal(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " '" + v + "' is not a number");
    }
  }

  private static void putIfKnown(ObjectNode o, String key, String value) {
    if (value != null) {
      o.put(key, value);
    }
  }

  private static final class Columns {
    final int fileName, start, end, frequency, taxon, probability, otherTaxa;
    final int observerTaxon, observerConfidence, validatorTaxon, validatorConfidence;

    Columns(ExportCsv f) throws ImportException {
      fileName = f.require("nom du fichier");
      start = f.require("temps_debut");
      end = f.require("temps_fin");
      frequency = f.require("frequence_mediane");
      taxon = f.require("tadarida_taxon");
      probability = f.require("tadarida_probabilite");
      otherTaxa = f.require("tadarida_taxon_autre");
      observerTaxon = f.require("observateur_taxon");
      observerConfidence = f.require("observateur_probabilite");
      validatorTaxon = f.require("validateur_taxon");
      validatorConfidence = f.require("validateur_probabilite");
    }
  }
}
