package org.observatoire.beam.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.observatoire.core.protocol.ProtocolPackage;
import org.observatoire.core.protocol.ProtocolPackages;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Exports a release's public occurrences as a Darwin Core Archive: an Event core ({@code event.txt}: one row per
 * visit of the {@code events} dataset, visits where nothing was seen included, plus the sub-events such as STOC
 * points that occurrences refer to with their parentEventID), an Occurrence extension ({@code occurrence.txt},
 * linked by eventID), {@code meta.xml} and {@code eml.xml}. Only the public {@code events} and {@code occurrences}
 * datasets are read, and only Darwin Core terms leave: provenance and internal columns stay home.
 */
public final class DwcaExport {
  static final String EVENT_FILE = "event.txt";
  static final String OCCURRENCE_FILE = "occurrence.txt";
  /** Entries carry a fixed time so that the same release gives the same archive bytes. */
  private static final long ENTRY_TIME = 315_532_800_000L; // 1980-01-01, the zip epoch

  /** Dataset-level metadata for eml.xml. */
  public record Metadata(String title, String publisher, String license) {
    public static Metadata defaults() {
      return new Metadata("Observatoire — volunteers' biodiversity observations (Vigie-Nature protocols)",
          "Observatoire", "Creative Commons Attribution 4.0 International (CC BY 4.0)");
    }
  }

  /** What was written. */
  public record Summary(long events, long occurrences, List<String> eventTerms, List<String> occurrenceTerms) {}

  private DwcaExport() {}

  public static Summary export(Path release, Path zip, Metadata metadata) {
    Path occ = release.resolve("occurrences");
    Path eventsDir = release.resolve("events");
    if (!Duck.hasParquet(occ)) {
      throw new IllegalArgumentException("release " + release + " has no occurrences to export");
    }
    if (!Duck.hasParquet(eventsDir)) {
      throw new IllegalArgumentException("release " + release + " has no events dataset (a release made before"
          + " events were published): run the nightly again to export it");
    }
    try (Connection c = Duck.open(); Statement s = c.createStatement()) {
      // Darwin Core is for biodiversity: civic packages' reports (potholes...) are not exported
      List<String> biodiversity = ProtocolPackages.bundled().all().stream()
          .filter(ProtocolPackage::isBiodiversity).map(p -> Duck.literal(p.id())).toList();
      s.execute("CREATE VIEW occ AS SELECT * FROM " + Duck.readParquet(occ, true) + " WHERE protocol IN ("
          + String.join(", ", biodiversity) + ")");
      s.execute("CREATE VIEW ev AS SELECT * FROM " + Duck.readParquet(eventsDir, true) + " WHERE protocol IN ("
          + String.join(", ", biodiversity) + ")");
      Set<String> present = new LinkedHashSet<>(Duck.columns(c, "occ"));
      List<String> eventTerms = DwcTerms.EVENT.stream().filter(present::contains).toList();
      List<String> occTerms = DwcTerms.OCCURRENCE.stream().filter(present::contains).toList();
      if (!present.contains("eventID") || !present.contains("occurrenceID")) {
        throw new IllegalArgumentException("occurrences lack eventID or occurrenceID: " + present);
      }
      s.execute("CREATE TEMP TABLE events AS " + eventsSql(eventTerms));
      long events;
      long occurrences;
      Files.createDirectories(zip.toAbsolutePath().getParent());
      try (OutputStream fileOut = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(fileOut)) {
        events = table(out, EVENT_FILE, s, "SELECT * FROM events ORDER BY eventID", eventTerms);
        List<String> occColumns = new ArrayList<>();
        occColumns.add("eventID");
        occColumns.addAll(occTerms);
        occurrences = table(out, OCCURRENCE_FILE, s, "SELECT " + varchar(occColumns) + " FROM occ"
            + " ORDER BY eventID, occurrenceID", occColumns);
        text(out, "meta.xml", DwcaMeta.metaXml(eventTerms, occTerms));
        text(out, "eml.xml", DwcaMeta.emlXml(metadata, coverage(s), release.getFileName().toString(),
            publishedDate(release)));
      }
      return new Summary(events, occurrences, eventTerms, occTerms);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot export " + release + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + zip, e);
    }
  }

  /** Event terms the events dataset gives itself (the rest come from the visit's first occurrence). */
  private static final List<String> FROM_EVENTS = List.of("samplingProtocol", "sampleSizeValue", "sampleSizeUnit",
      "samplingEffort", "eventDate", "year", "month", "locationID", "decimalLatitude", "decimalLongitude");

  /**
   * One row per event of the events dataset (its own time, effort and public place; the terms it lacks, such as
   * locality or the time with its UTC offset, from its first occurrence), then one per sub-event (STOC points:
   * occurrences with a parentEventID), aggregated from its occurrences, location from the first.
   */
  private static String eventsSql(List<String> terms) {
    List<String> visit = new ArrayList<>();
    List<String> sub = new ArrayList<>();
    List<String> first = new ArrayList<>();
    for (String t : terms) {
      String col = Duck.ident(t);
      if ("eventID".equals(t)) {
        visit.add("e.eventID");
        sub.add("eventID");
        continue;
      }
      sub.add("CAST(first(" + col + " ORDER BY occurrenceID) AS VARCHAR) AS " + col);
      if ("parentEventID".equals(t)) {
        visit.add("NULL::VARCHAR AS parentEventID");
      } else if ("day".equals(t)) {
        visit.add("CAST(day(CAST(e.eventDate AS DATE)) AS VARCHAR) AS " + col);
      } else if ("coordinateUncertaintyInMeters".equals(t)) {
        // a generalised visit's uncertainty is the generalisation's; else the site's as submitted
        visit.add("CAST(CASE WHEN e.locationGeneralised THEN e." + col + " ELSE f." + col + " END AS VARCHAR) AS "
            + col);
        first.add("first(" + col + " ORDER BY occurrenceID) AS " + col);
      } else if (FROM_EVENTS.contains(t)) {
        visit.add("CAST(e." + col + " AS VARCHAR) AS " + col);
      } else {
        String constant = switch (t) {
          case "countryCode" -> "'FR'";
          case "geodeticDatum" -> "'EPSG:4326'";
          default -> "NULL";
        };
        visit.add("CAST(coalesce(f." + col + ", " + constant + ") AS VARCHAR) AS " + col);
        first.add("first(" + col + " ORDER BY occurrenceID) AS " + col);
      }
    }
    String firsts = first.isEmpty() ? "" : ", " + String.join(", ", first);
    String sql = "SELECT " + String.join(", ", visit) + " FROM ev e LEFT JOIN (SELECT eventID" + firsts
        + " FROM occ GROUP BY eventID) f ON f.eventID = e.eventID";
    if (terms.contains("parentEventID")) {
      sql += " UNION ALL SELECT " + String.join(", ", sub) + " FROM occ WHERE parentEventID IS NOT NULL"
          + " GROUP BY eventID";
    }
    return sql;
  }

  private static String varchar(List<String> columns) {
    return String.join(", ", columns.stream().map(t -> "CAST(" + Duck.ident(t) + " AS VARCHAR) AS " + Duck.ident(t))
        .toList());
  }

  private static long table(ZipOutputStream out, String name, Statement s, String sql, List<String> columns)
      throws SQLException, IOException {
    out.putNextEntry(entry(name));
    Writer w = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
    w.write(String.join("\t", columns));
    w.write('\n');
    long rows = 0;
    try (ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        for (int i = 1; i <= n; i++) {
          if (i > 1) {
            w.write('\t');
          }
          String v = rs.getString(i);
          // fieldsEnclosedBy is empty: a tab or line break inside a value would shift columns
          w.write(v == null ? "" : v.replace('\t', ' ').replace('\n', ' ').replace('\r', ' '));
        }
        w.write('\n');
        rows++;
      }
    }
    w.flush();
    out.closeEntry();
    return rows;
  }

  private static void text(ZipOutputStream out, String name, String content) throws IOException {
    out.putNextEntry(entry(name));
    out.write(content.getBytes(StandardCharsets.UTF_8));
    out.closeEntry();
  }

  private static ZipEntry entry(String name) {
    ZipEntry e = new ZipEntry(name);
    e.setTime(ENTRY_TIME);
    return e;
  }

  private static DwcaMeta.Coverage coverage(Statement s) throws SQLException {
    try (ResultSet rs = s.executeQuery("SELECT min(decimalLatitude), max(decimalLatitude), min(decimalLongitude),"
        + " max(decimalLongitude), CAST(min(eventDate) AS VARCHAR), CAST(max(eventDate) AS VARCHAR), count(*),"
        + " string_agg(DISTINCT samplingProtocol, '\n' ORDER BY samplingProtocol) FROM occ")) {
      rs.next();
      // min/max skip null coordinates (LOCATION_UNKNOWN); all null: no bounds, not 0
      return new DwcaMeta.Coverage(nullableDouble(rs, 1), nullableDouble(rs, 2), nullableDouble(rs, 3),
          nullableDouble(rs, 4),
          rs.getString(5), rs.getString(6), rs.getLong(7), List.of(rs.getString(8).split("\n")));
    }
  }

  private static Double nullableDouble(ResultSet rs, int column) throws SQLException {
    double v = rs.getDouble(column);
    return rs.wasNull() ? null : v;
  }

  /** The release's publication date (release.json), else its manifest's reference date: never the wall clock. */
  private static String publishedDate(Path release) throws IOException {
    ObjectMapper json = new ObjectMapper();
    Path meta = release.resolve(ReleaseCatalog.RELEASE_JSON);
    if (Files.exists(meta)) {
      return json.readTree(meta.toFile()).path("publishedAt").asText().substring(0, 10);
    }
    JsonNode manifest = json.readTree(release.resolve("manifest.json").toFile());
    return manifest.path("run").path("referenceTime").asText().substring(0, 10);
  }
}
