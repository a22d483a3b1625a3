package org.observatoire.benchmarks.baseline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.observatoire.core.protocol.PackageMapping;
import org.observatoire.core.protocol.ProtocolPackage;
import org.observatoire.core.protocol.ProtocolPackages;

/**
 * Benchmark peer: the SQL pipeline a data engineer would write in DuckDB for the part of the nightly's work that SQL
 * can do, generated from the same protocol packages. It reads the submissions, drops repeated submission ids (the
 * latest {@code submittedAt} wins), unnests each protocol's occurrences (sub-event coordinates where the package has
 * them, e.g. STOC points), matches the verbatim taxon against the package's checklist by scientific name, code or
 * vernacular name, pseudonymises observers with SHA-256, and writes one row per occurrence partitioned by protocol
 * and year, sorted by scientific name and date, zstd. Not done, because SQL alone cannot: JSON Schema and protocol
 * rules, BDQ tests, reprojection and grid cells, régions, sensitive-species generalisation, cubes, rejected reasons.
 *
 * <p>{@code --input FILE --output DIR --result FILE [--threads N]}
 */
public final class DuckDbSameWork {
  private DuckDbSameWork() {}

  public static void main(String[] args) throws IOException, SQLException {
    BaselineArgs a = BaselineArgs.parse(args);
    Path input = Path.of(a.required("input")).toAbsolutePath().normalize();
    Path output = Path.of(a.required("output")).toAbsolutePath().normalize();
    Files.createDirectories(output);
    Path checklists = Files.createTempDirectory("duckdb-checklists");
    long start = System.nanoTime();
    long rows;
    long kept;
    long lines;
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
      String threads = a.get("threads", null);
      if (threads != null) {
        s.execute("SET threads = " + Integer.parseInt(threads));
      }
      for (String sql : statements(ProtocolPackages.bundled().all(), input, output, checklists)) {
        s.execute(sql);
      }
      lines = single(s, "SELECT count(*) FROM submissions");
      kept = single(s, "SELECT count(*) FROM kept");
      rows = single(s, "SELECT count(*) FROM read_parquet(" + literal(output + "/**/*.parquet") + ")");
    }
    long done = System.nanoTime();
    new BaselineResult()
        .put("records", lines)
        .put("submissionsKept", kept)
        .put("occurrenceRows", rows)
        .seconds("workSeconds", done - start)
        .write(Path.of(a.required("result")));
    System.out.printf("duckdb (same work): %,d lines, %,d submissions kept, %,d occurrence rows in %.1f s%n", lines,
        kept, rows, (done - start) / 1e9);
  }

  /** The statements, in order: the submissions, the kept ones, the checklists' names, then the partitioned COPY. */
  static List<String> statements(List<ProtocolPackage> packages, Path input, Path output, Path scratch)
      throws IOException {
    List<String> sql = new ArrayList<>();
    sql.add("CREATE TEMP TABLE submissions AS SELECT j, j->>'$.protocol' AS protocol,"
        + " j->>'$.submissionId' AS submissionId, j->>'$.submittedAt' AS submittedAt"
        + " FROM read_json_objects(" + literal(input) + ", format = 'newline_delimited', ignore_errors = true) t(j)");
    sql.add("CREATE TEMP TABLE kept AS SELECT * FROM submissions WHERE submissionId IS NOT NULL"
        + " QUALIFY row_number() OVER (PARTITION BY submissionId ORDER BY submittedAt DESC NULLS LAST) = 1");
    List<String> names = new ArrayList<>();
    List<String> selects = new ArrayList<>();
    for (ProtocolPackage p : packages) {
      if (!p.isBiodiversity() || p.checklistFile().isEmpty()) {
        continue;
      }
      Path copy = scratch.resolve(p.id() + ".csv");
      Files.copy(p.checklistFile().get(), copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      names.add("SELECT " + literal(p.id()) + " AS protocol, lower(trim(n)) AS name, scientificName, taxrefId"
          + " FROM (SELECT scientificName, taxrefId, unnest(list_concat([scientificName, vernacularName],"
          + " string_split(coalesce(codes, ''), '|'), string_split(coalesce(otherNames, ''), '|'),"
          + " string_split(coalesce(synonyms, ''), '|'))) AS n"
          + " FROM read_csv(" + literal(copy) + ", header = true, all_varchar = true)) WHERE n <> ''");
      selects.add(occurrences(p));
    }
    sql.add("CREATE TEMP TABLE names AS SELECT * FROM (" + String.join(" UNION ALL ", names) + ")"
        + " QUALIFY row_number() OVER (PARTITION BY protocol, name ORDER BY scientificName) = 1");
    sql.add("COPY (SELECT o.protocol, year(o.eventDate) AS year, o.occurrenceID, o.eventID, o.eventDate,"
        + " o.decimalLatitude, o.decimalLongitude, o.verbatimTaxon,"
        + " coalesce(n1.scientificName, n2.scientificName, n3.scientificName) AS scientificName,"
        + " coalesce(n1.taxrefId, n2.taxrefId, n3.taxrefId) AS taxonID, o.individualCount, o.recordedBy, o.remarks"
        + " FROM (" + String.join(" UNION ALL ", selects) + ") o"
        + " LEFT JOIN names n1 ON n1.protocol = o.protocol AND n1.name = lower(trim(o.nameScientific))"
        + " LEFT JOIN names n2 ON n2.protocol = o.protocol AND n2.name = lower(trim(o.nameCode))"
        + " LEFT JOIN names n3 ON n3.protocol = o.protocol AND n3.name = lower(trim(o.nameVernacular))"
        + " WHERE o.eventDate IS NOT NULL"
        + " ORDER BY o.protocol, year, scientificName, o.eventDate)"
        + " TO " + literal(output) + " (FORMAT PARQUET, COMPRESSION ZSTD, PARTITION_BY (protocol, year),"
        + " OVERWRITE_OR_IGNORE)");
    return sql;
  }

  /** One protocol's occurrences: a row per element of its occurrence array, with what its mapping points at. */
  private static String occurrences(ProtocolPackage p) {
    PackageMapping m = p.mapping();
    PackageMapping.Occurrences occ = m.occurrences();
    String taxon = occ.taxa().stream().map(t -> "o->'" + path(t.pointer()) + "'")
        .reduce((x, y) -> "coalesce(" + x + ", " + y + ")").orElse("NULL");
    String lat = "TRY_CAST(j->>'" + path(m.event().latitude()) + "' AS DOUBLE)";
    String lon = "TRY_CAST(j->>'" + path(m.event().longitude()) + "' AS DOUBLE)";
    PackageMapping.SubEvent sub = occ.subEvent();
    if (sub != null) {
      String point = "list_filter(json_extract(j, '" + path(sub.path()) + "[*]'), lambda q: q->>'" + path(sub.key())
          + "' = o->>'" + path(sub.ref()) + "')[1]";
      lat = "coalesce(TRY_CAST(" + point + "->>'" + path(sub.latitude()) + "' AS DOUBLE), " + lat + ")";
      lon = "coalesce(TRY_CAST(" + point + "->>'" + path(sub.longitude()) + "' AS DOUBLE), " + lon + ")";
    }
    String count = occ.individualCount() == null ? "NULL" : "TRY_CAST(o->>'" + path(occ.individualCount()) + "' AS INTEGER)";
    String remarks = occ.remarks() == null ? "NULL" : "o->>'" + path(occ.remarks()) + "'";
    return "SELECT protocol, submissionId AS eventID, md5(submissionId || ':' || i) AS occurrenceID,"
        + " TRY_CAST(j->>'" + path(m.event().date()) + "' AS DATE) AS eventDate,"
        + " " + lat + " AS decimalLatitude, " + lon + " AS decimalLongitude,"
        + " CASE WHEN json_type(t) = 'VARCHAR' THEN t->>'$' ELSE coalesce(t->>'scientificName', t->>'code',"
        + " t->>'vernacularName') END AS verbatimTaxon,"
        + " CASE WHEN json_type(t) = 'VARCHAR' THEN t->>'$' ELSE t->>'scientificName' END AS nameScientific,"
        + " CASE WHEN json_type(t) = 'VARCHAR' THEN t->>'$' ELSE t->>'code' END AS nameCode,"
        + " CASE WHEN json_type(t) = 'VARCHAR' THEN t->>'$' ELSE t->>'vernacularName' END AS nameVernacular,"
        + " " + count + " AS individualCount, sha256('observatoire-bench:' || coalesce(j->>'$.observer.id', ''))"
        + " AS recordedBy, " + remarks + " AS remarks"
        + " FROM (SELECT *, " + taxon + " AS t FROM (SELECT protocol, submissionId, j,"
        + " unnest(json_extract(j, '" + path(occ.path()) + "[*]')) AS o,"
        + " generate_subscripts(json_extract(j, '" + path(occ.path()) + "[*]'), 1) AS i"
        + " FROM kept WHERE protocol = " + literal(p.id()) + "))";
  }

  /** A JSON Pointer ({@code /visit/date}) as a DuckDB JSON path ({@code $.visit.date}). */
  static String path(String pointer) {
    StringBuilder sb = new StringBuilder("$");
    for (String token : pointer.substring(1).split("/", -1)) {
      String t = token.replace("~1", "/").replace("~0", "~");
      sb.append(".\"").append(t.replace("\"", "\\\"").replace("'", "''")).append('"');
    }
    return sb.toString();
  }

  private static long single(Statement s, String query) throws SQLException {
    try (ResultSet rs = s.executeQuery(query)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static String literal(Object p) {
    return "'" + p.toString().replace("'", "''") + "'";
  }
}
