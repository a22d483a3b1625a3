package org.observatoire.beam.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.observatoire.beam.jobs.InputFiles;
import org.observatoire.beam.jobs.NightlyJob;
import org.observatoire.core.privacy.ObserverIdentities;
import org.observatoire.core.privacy.SensitiveSpecies;
import org.observatoire.core.privacy.TermScanner;

/**
 * The public-data check of a staged release: reads every public file (every Parquet dataset through DuckDB, every
 * other file as text: manifest, report, CSV, JSON, HTML) and refuses the release when it finds
 * <ul>
 *   <li>a name or e-mail of one of the run's observers (read from the run's inputs before pseudonymisation);
 *   <li>a public row of a sensitive taxon that is not generalised (occurrences; present rows of visits);
 *   <li>a precise location of a generalised record (from the run's restricted locations, to 4 decimals, ~10 m) in
 *       any pair of latitude/longitude columns, or in a text file;
 *   <li>an id that links a generalised record to its precise one (its submitted occurrence, event or site id).
 * </ul>
 * Problems name the file or dataset, the column and the kind of leak, never the leaked value itself.
 */
public final class PublicDataCheck implements ReleaseCheck {
  private final java.util.function.Supplier<Collection<String>> observerTerms;
  private final Path restrictedLocations;
  private final Set<String> sensitiveKeys;
  private TermScanner observers;

  private PublicDataCheck(java.util.function.Supplier<Collection<String>> observerTerms, Path restrictedLocations,
      Set<String> sensitiveKeys) {
    this.observerTerms = observerTerms;
    this.restrictedLocations = restrictedLocations;
    this.sensitiveKeys = Set.copyOf(sensitiveKeys);
  }

  /**
   * @param observerTerms the run's observers' names and e-mails (see
   *     {@link org.observatoire.core.privacy.ObserverIdentities})
   * @param restrictedLocations the run's restricted {@code locations} dataset folder, or null when there is none
   */
  public static PublicDataCheck of(Collection<String> observerTerms, Path restrictedLocations) {
    List<String> terms = List.copyOf(observerTerms);
    return new PublicDataCheck(() -> terms, restrictedLocations, sensitiveKeys());
  }

  /**
   * The check of a nightly run: the observers' names and e-mails are read from its input files when the check runs
   * (after the job), kept in memory only.
   *
   * @param restrictedOutput the run's restricted output folder (its {@code locations} dataset is read)
   */
  public static PublicDataCheck forRun(Path input, Path restrictedOutput) {
    return new PublicDataCheck(() -> ObserverIdentities.read(InputFiles.find(input)),
        restrictedOutput.resolve(NightlyJob.RESTRICTED_LOCATIONS), sensitiveKeys());
  }

  private static Set<String> sensitiveKeys() {
    return SensitiveSpecies.loadDefault().entries().stream()
        .map(e -> "taxref:" + e.taxrefCdNom()).collect(Collectors.toSet());
  }

  /** What the restricted output says must not be public. */
  private record Precise(Set<String> points, Set<String> ids) {}

  @Override
  public List<String> problems(Path dir) {
    List<String> problems = new ArrayList<>();
    observers = TermScanner.of(observerTerms.get());
    try (Connection c = Duck.open()) {
      Precise precise = precise(c);
      for (Path dataset : parquetDatasets(dir)) {
        scanDataset(c, dir, dataset, precise, problems);
      }
      for (Path f : textFiles(dir)) {
        scanText(dir, f, precise, problems);
      }
    } catch (SQLException e) {
      problems.add("public-data check: DuckDB failed: " + e.getMessage().lines().findFirst().orElse(""));
    }
    return problems;
  }

  private Precise precise(Connection c) throws SQLException {
    Set<String> points = new HashSet<>();
    Set<String> ids = new HashSet<>();
    if (restrictedLocations == null || !Duck.hasParquet(restrictedLocations)) {
      return new Precise(points, ids);
    }
    String from = Duck.readParquet(restrictedLocations, false);
    Map<String, String> types = Duck.columnTypes(c, from);
    String published = types.containsKey("publishedOccurrenceID") ? "publishedOccurrenceID" : "occurrenceID";
    String eventId = types.containsKey("eventID") ? "eventID" : "NULL";
    String locationId = types.containsKey("locationID") ? "locationID" : "NULL";
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT decimalLatitude, decimalLongitude, occurrenceID, " + published + ", "
            + eventId + ", " + locationId + " FROM " + from)) {
      while (rs.next()) {
        points.add(point(rs.getDouble(1), rs.getDouble(2)));
        String occurrenceId = rs.getString(3);
        if (!occurrenceId.equals(rs.getString(4))) {
          ids.add(occurrenceId);
          addIfPresent(ids, rs.getString(5));
          addIfPresent(ids, rs.getString(6));
        }
      }
    }
    return new Precise(points, ids);
  }

  private static void addIfPresent(Set<String> ids, String id) {
    if (id != null && !id.isBlank()) {
      ids.add(id);
    }
  }

  private void scanDataset(Connection c, Path release, Path dataset, Precise precise, List<String> problems)
      throws SQLException {
    String name = release.relativize(dataset).toString();
    String from = Duck.readParquet(dataset, false);
    Map<String, String> types = Duck.columnTypes(c, from);
    for (Map.Entry<String, String> col : types.entrySet()) {
      String type = col.getValue();
      if (!type.contains("VARCHAR")) {
        continue;
      }
      // text, a list of texts, or a nested value holding texts (e.g. rejected.violations), read as its text
      boolean nested = !type.equals("VARCHAR") && !type.equals("VARCHAR[]");
      String values = type.equals("VARCHAR[]") ? "unnest(" + Duck.ident(col.getKey()) + ")"
          : nested ? "CAST(" + Duck.ident(col.getKey()) + " AS VARCHAR)" : Duck.ident(col.getKey());
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT DISTINCT " + values + " AS v FROM " + from)) {
        boolean named = false;
        boolean linked = false;
        while (rs.next() && !(named && linked)) {
          String v = rs.getString(1);
          if (!named && observers.find(v).isPresent()) {
            named = true;
            problems.add(name + " column " + col.getKey() + ": holds a name or e-mail of one of the run's"
                + " observers");
          }
          if (!linked && v != null && (nested ? precise.ids().stream().anyMatch(id -> containsWhole(v, id))
              : precise.ids().contains(v))) {
            linked = true;
            problems.add(name + " column " + col.getKey() + ": holds the submitted id of a generalised record"
                + " (it links the public row to the precise one)");
          }
        }
      }
    }
    for (String lat : types.keySet()) {
      String lon = lat.replace("Latitude", "Longitude");
      if (lat.contains("Latitude") && types.containsKey(lon) && !precise.points().isEmpty()) {
        long found = countPrecisePoints(c, from, lat, lon, precise.points());
        if (found > 0) {
          problems.add(name + " columns " + lat + "/" + lon + ": " + found + " precise location(s) of generalised"
              + " records are public");
        }
      }
    }
    for (Map.Entry<String, String> col : types.entrySet()) {
      if ("BLOB".equals(col.getValue()) && !precise.points().isEmpty()) {
        long found = countPreciseWkbPoints(c, from, col.getKey(), precise.points());
        if (found > 0) {
          problems.add(name + " column " + col.getKey() + ": " + found + " precise location(s) of generalised"
              + " records are public (WKB points)");
        }
      }
    }
    if (types.containsKey("taxonKey") && types.containsKey("decimalLatitude") && !sensitiveKeys.isEmpty()) {
      String notGeneralised = types.containsKey("dataGeneralizations") ? "dataGeneralizations IS NULL"
          : types.containsKey("locationGeneralised")
              ? "NOT locationGeneralised AND occurrenceStatus = 'present'" : null;
      if (notGeneralised != null) {
        long n = Duck.scalarLong(c, "SELECT count(*) FROM " + from + " WHERE decimalLatitude IS NOT NULL AND "
            + notGeneralised + " AND taxonKey IN (" + sensitiveKeys.stream().sorted().map(Duck::literal)
                .collect(Collectors.joining(", ")) + ")");
        if (n > 0) {
          problems.add(name + ": " + n + " row(s) of sensitive taxa are published finer than their grid cell");
        }
      }
    }
  }

  private static long countPrecisePoints(Connection c, String from, String lat, String lon, Set<String> points)
      throws SQLException {
    long found = 0;
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT DISTINCT " + Duck.ident(lat) + ", " + Duck.ident(lon) + " FROM " + from
            + " WHERE " + Duck.ident(lat) + " IS NOT NULL AND " + Duck.ident(lon) + " IS NOT NULL")) {
      while (rs.next()) {
        if (points.contains(point(rs.getDouble(1), rs.getDouble(2)))) {
          found++;
        }
      }
    }
    return found;
  }

  /** Points stored as ISO WKB (GeoParquet geometry: byte order, type 1, x = longitude, y = latitude). */
  private static long countPreciseWkbPoints(Connection c, String from, String column, Set<String> points)
      throws SQLException {
    long found = 0;
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT DISTINCT " + Duck.ident(column) + " FROM " + from + " WHERE "
            + Duck.ident(column) + " IS NOT NULL AND octet_length(" + Duck.ident(column) + ") = 21")) {
      while (rs.next()) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(rs.getBytes(1));
        b.order(b.get(0) == 1 ? java.nio.ByteOrder.LITTLE_ENDIAN : java.nio.ByteOrder.BIG_ENDIAN);
        if (b.getInt(1) == 1 && points.contains(point(b.getDouble(13), b.getDouble(5)))) {
          found++;
        }
      }
    }
    return found;
  }

  private void scanText(Path release, Path f, Precise precise, List<String> problems) {
    String rel = release.relativize(f).toString();
    String text;
    try {
      text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
    } catch (IOException e) {
      problems.add(rel + ": unreadable (" + e.getMessage() + ")");
      return;
    }
    Optional<String> name = observers.find(text);
    if (name.isPresent()) {
      problems.add(rel + ": holds a name or e-mail of one of the run's observers");
    }
    for (String id : precise.ids()) {
      if (containsWhole(text, id)) {
        problems.add(rel + ": holds the submitted id of a generalised record");
        break;
      }
    }
    for (String p : precise.points()) {
      String[] latLon = p.split(",");
      if (text.contains(latLon[0]) && text.contains(latLon[1])) {
        problems.add(rel + ": holds a precise location of a generalised record");
        break;
      }
    }
  }

  /** Whether {@code id} occurs in {@code text} not as part of a longer id. */
  private static boolean containsWhole(String text, String id) {
    for (int at = text.indexOf(id); at >= 0; at = text.indexOf(id, at + 1)) {
      boolean startOk = at == 0 || !isIdChar(text.charAt(at - 1));
      int end = at + id.length();
      boolean endOk = end == text.length() || !isIdChar(text.charAt(end));
      if (startOk && endOk) {
        return true;
      }
    }
    return false;
  }

  private static boolean isIdChar(char ch) {
    return Character.isLetterOrDigit(ch) || ch == '-' || ch == '_' || ch == '.' || ch == ':' || ch == '/';
  }

  /** A point rounded to 4 decimals (~10 m), the form the check compares. */
  static String point(double lat, double lon) {
    return String.format(Locale.ROOT, "%.4f,%.4f", lat, lon);
  }

  /** The folders that directly hold Parquet files (a dataset or a partition tree), by their top-level dataset. */
  private static List<Path> parquetDatasets(Path dir) {
    Map<Path, Boolean> roots = new LinkedHashMap<>();
    for (Path f : Duck.parquetFiles(dir)) {
      Path rel = dir.relativize(f);
      Path top = dir.resolve(rel.getName(0));
      // cubes/<grid>/...: each grid is a dataset of its own schema
      if (rel.getNameCount() > 2 && !rel.getName(1).toString().contains("=")) {
        top = top.resolve(rel.getName(1));
      }
      roots.put(top, true);
    }
    return new ArrayList<>(roots.keySet());
  }

  private static List<Path> textFiles(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().endsWith(".parquet")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }
}
