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
 * sampling event, plus the parent events STOC points refer to), an Occurrence extension ({@code occurrence.txt},
 * linked by eventID), {@code meta.xml} and {@code eml.xml}. Only the public {@code occurrences} dataset is read,
 * and only Darwin Core terms leave: provenance and internal columns stay home.
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
    if (!Duck.hasParquet(occ)) {
      throw new IllegalArgumentException("release " + release + " has no occurrences to export");
    }
    try (Connection c = Duck.open(); Statement s = c.createStatement()) {
      // Darwin Core is for biodiversity: civic packages' reports (potholes...) are not exported
      List<String> biodiversity = ProtocolPackages.bundled().all().stream()
          .filter(ProtocolPackage::isBiodiversity).map(p -> Duck.literal(p.id())).toList();
      s.execute("CREATE VIEW occ AS SELECT * FROM " + Duck.readParquet(occ, true) + " WHERE protocol IN ("
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

  /** One row per eventID (location from its first occurrence), then parent events not themselves present. */
  private static String eventsSql(List<String> terms) {
    List<String> own = new ArrayList<>();
    List<String> parent = new ArrayList<>();
    for (String t : terms) {
      String col = Duck.ident(t);
      if ("eventID".equals(t)) {
        own.add("eventID");
        parent.add("parentEventID AS eventID");
      } else if ("parentEventID".equals(t)) {
        own.add("CAST(first(parentEventID ORDER BY occurrenceID) AS VARCHAR) AS parentEventID");
        parent.add("NULL::VARCHAR AS parentEventID");
      } else if ("eventDate".equals(t)) {
        own.add("CAST(first(eventDate ORDER BY occurrenceID) AS VARCHAR) AS eventDate");
        parent.add("CASE WHEN min(eventDate) = max(eventDate) THEN CAST(min(eventDate) AS VARCHAR)"
            + " ELSE CAST(min(eventDate) AS VARCHAR) || '/' || CAST(max(eventDate) AS VARCHAR) END AS eventDate");
      } else {
        own.add("CAST(first(" + col + " ORDER BY occurrenceID) AS VARCHAR) AS " + col);
        boolean perPoint = DwcTerms.LOCATION.contains(t) || List.of("eventTime", "sampleSizeValue", "sampleSizeUnit",
            "samplingEffort").contains(t);
        parent.add(perPoint ? "NULL::VARCHAR AS " + col
            : "CAST(first(" + col + " ORDER BY eventID) AS VARCHAR) AS " + col);
      }
    }
    String sql = "SELECT " + String.join(", ", own) + " FROM occ GROUP BY eventID";
    if (terms.contains("parentEventID")) {
      sql += " UNION ALL SELECT " + String.join(", ", parent) + " FROM occ WHERE parentEventID IS NOT NULL"
          + " AND parentEventID NOT IN (SELECT DISTINCT eventID FROM occ) GROUP BY parentEventID";
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
