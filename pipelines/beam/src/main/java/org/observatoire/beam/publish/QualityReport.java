package org.observatoire.beam.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.observatoire.core.quality.bdq.Tg2Catalogue;

/**
 * The run's quality report for people: {@code report.html} beside the manifest, self-contained (inline CSS, SVG
 * and script; no external URL). Written from {@code manifest.json} and the Parquet outputs through DuckDB.
 */
public final class QualityReport {
  public static final String FILE = "report.html";
  static final double CELL_DEGREES = 0.1;
  private static final int TOP_CODES = 15;
  private static final ObjectMapper JSON = new ObjectMapper();

  private QualityReport() {}

  /** Writes {@code runDir/report.html} and returns its path. */
  public static Path write(Path runDir) {
    JsonNode manifest;
    try {
      manifest = JSON.readTree(runDir.resolve("manifest.json").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("no readable manifest.json in " + runDir + " to report on", e);
    }
    String html;
    try (Connection c = Duck.open()) {
      html = render(runDir, manifest, c);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot query the outputs in " + runDir + ": " + e.getMessage(), e);
    }
    Path out = runDir.resolve(FILE);
    try {
      Files.writeString(out, html, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out, e);
    }
    return out;
  }

  private static String render(Path dir, JsonNode m, Connection c) throws SQLException {
    JsonNode run = m.path("run");
    boolean holds = m.path("conservation").path("holds").asBoolean(false);
    StringBuilder b = new StringBuilder(256 * 1024);
    b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>Observatoire quality report — ").append(Html.esc(run.path("runId").asText())).append("</title>")
        .append("<style>").append(CSS).append("</style></head><body>\n");
    b.append("<header><h1>Observatoire — quality report</h1><p>Run <code>").append(Html.esc(run.path("runId").asText()))
        .append("</code>, reference time ").append(Html.esc(run.path("referenceTime").asText()))
        .append(". Conservation: <span class=\"badge ").append(holds ? "ok\">holds" : "bad\">FAILS")
        .append("</span></p></header>\n<main>\n");
    if (!holds) {
      b.append("<section><h2>Conservation problems</h2><ul>");
      m.path("conservation").path("problems").forEach(p -> b.append("<li>").append(Html.esc(p.asText())).append("</li>"));
      b.append("</ul></section>\n");
    }
    runtime(b, m);
    protocols(b, m);
    files(b, m);
    rejections(b, dir, c);
    flags(b, m.path("bdq"), dir, c);
    map(b, dir, c);
    outputs(b, m);
    b.append("</main>\n<script>").append(SCRIPT).append("</script>\n</body></html>\n");
    return b.toString();
  }

  private static void runtime(StringBuilder b, JsonNode m) {
    JsonNode run = m.path("run");
    JsonNode t = m.path("totals");
    double seconds = run.path("durationSeconds").asDouble(0);
    b.append("<section id=\"runtime\"><h2>Run</h2><table class=\"kv\">");
    for (Iterator<Map.Entry<String, JsonNode>> it = run.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      b.append("<tr><th>").append(Html.esc(e.getKey())).append("</th><td>").append(Html.esc(e.getValue().asText()))
          .append("</td></tr>");
    }
    b.append("<tr><th>lines read</th><td>").append(Html.num(t.path("linesRead").asLong())).append("</td></tr>");
    b.append("<tr><th>bytes read</th><td>").append(Html.num(t.path("bytesRead").asLong())).append("</td></tr>");
    if (seconds > 0) {
      b.append(String.format(Locale.ROOT, "<tr><th>throughput</th><td>%.0f lines/s</td></tr>",
          t.path("linesRead").asLong() / seconds));
    }
    b.append("</table></section>\n");
  }

  private static final String[] COUNT_COLUMNS = {
      "linesRead", "curatedSubmissions", "occurrenceRows", "rejected", "duplicates", "deadLettered"};

  private static void countHeader(StringBuilder b, String first) {
    b.append("<table><thead><tr><th>").append(first).append("</th>");
    for (String col : COUNT_COLUMNS) {
      b.append("<th class=\"n\">").append(col).append("</th>");
    }
    b.append("</tr></thead><tbody>");
  }

  private static void countRow(StringBuilder b, String name, JsonNode counts) {
    b.append("<tr><td>").append(Html.esc(name)).append("</td>");
    for (String col : COUNT_COLUMNS) {
      b.append("<td class=\"n\">").append(Html.num(counts.path(col).asLong())).append("</td>");
    }
    b.append("</tr>");
  }

  private static void protocols(StringBuilder b, JsonNode m) {
    b.append("<section id=\"protocols\"><h2>Per protocol</h2>");
    countHeader(b, "protocol");
    m.path("protocols").fields().forEachRemaining(e -> countRow(b,
        "-".equals(e.getKey()) ? "(unknown: unreadable lines)" : e.getKey(), e.getValue()));
    countRow(b, "total", m.path("totals"));
    b.append("</tbody></table></section>\n");
  }

  private static void files(StringBuilder b, JsonNode m) {
    b.append("<section id=\"files\"><h2>Per input file</h2>");
    countHeader(b, "file");
    m.path("inputs").forEach(f -> countRow(b, f.path("file").asText(), f.path("counts")));
    b.append("</tbody></table></section>\n");
  }

  private static void rejections(StringBuilder b, Path dir, Connection c) throws SQLException {
    b.append("<section id=\"rejections\"><h2>Rejection reasons</h2>");
    Path rejected = dir.resolve("rejected");
    if (!Duck.hasParquet(rejected)) {
      b.append("<p>No submission was rejected.</p></section>\n");
      return;
    }
    String sql = "WITH v AS (SELECT sourceFile, sourceLine, unnest(violations) AS v FROM "
        + Duck.readParquet(rejected, false) + ") SELECT v.code, count(*) AS n,"
        + " count(DISTINCT (sourceFile, sourceLine)) AS lines,"
        + " first(sourceFile || ':' || sourceLine ORDER BY sourceFile, sourceLine) AS at,"
        + " first(v.pointer ORDER BY sourceFile, sourceLine) AS pointer,"
        + " first(v.message ORDER BY sourceFile, sourceLine) AS message"
        + " FROM v GROUP BY v.code ORDER BY n DESC, v.code LIMIT " + TOP_CODES;
    b.append("<p>The ").append(TOP_CODES).append(" most frequent violation codes, with the first example in file"
        + " order.</p><table><thead><tr><th>code</th><th class=\"n\">violations</th><th class=\"n\">lines</th>"
        + "<th>example (file:line)</th><th>pointer</th><th>message</th></tr></thead><tbody>");
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        b.append("<tr><td><code>").append(Html.esc(rs.getString(1))).append("</code></td><td class=\"n\">")
            .append(Html.num(rs.getLong(2))).append("</td><td class=\"n\">").append(Html.num(rs.getLong(3)))
            .append("</td><td>").append(Html.esc(rs.getString(4))).append("</td><td><code>")
            .append(Html.esc(rs.getString(5))).append("</code></td><td>").append(Html.esc(rs.getString(6)))
            .append("</td></tr>");
      }
    }
    b.append("</tbody></table></section>\n");
  }

  /** Quality flags, when the occurrences carry a {@code flags} column (a list of codes, of structs, or a string). */
  private static void flags(StringBuilder b, JsonNode distribution, Path dir, Connection c) throws SQLException {
    Path occ = dir.resolve("occurrences");
    if (!Duck.hasParquet(occ)) {
      return;
    }
    String from = Duck.readParquet(occ, true);
    String type = Duck.columnTypes(c, from).get("flags");
    if (type == null) {
      return;
    }
    String flag;
    String source;
    if (type.endsWith("[]") && type.startsWith("STRUCT")) {
      String field = type.contains("code ") || type.contains("\"code\"") ? "code" : null;
      flag = field == null ? "CAST(f AS VARCHAR)" : "CAST(f.code AS VARCHAR)";
      source = "SELECT CAST(protocol AS VARCHAR) AS protocol, unnest(flags) AS f FROM " + from;
    } else if (type.endsWith("[]")) {
      flag = "CAST(f AS VARCHAR)";
      source = "SELECT CAST(protocol AS VARCHAR) AS protocol, unnest(flags) AS f FROM " + from;
    } else {
      flag = "trim(f)";
      source = "SELECT CAST(protocol AS VARCHAR) AS protocol, unnest(string_split(CAST(flags AS VARCHAR), ',')) AS f"
          + " FROM " + from + " WHERE flags IS NOT NULL AND CAST(flags AS VARCHAR) <> ''";
    }
    long total = Duck.scalarLong(c, "SELECT count(*) FROM " + from);
    String sql = "SELECT " + flag + " AS flag, count(*) AS n, string_agg(DISTINCT protocol, ', ' ORDER BY protocol)"
        + " FROM (" + source + ") GROUP BY 1 HAVING flag IS NOT NULL AND flag <> '' ORDER BY n DESC, flag";
    b.append("<section id=\"flags\"><h2>Quality flags</h2><p>Flags on curated occurrences (never a reason to drop a"
        + " record: filter on them).</p><table><thead><tr><th>flag</th><th class=\"n\">occurrences</th>"
        + "<th class=\"n\">share</th><th>protocols</th></tr></thead><tbody>");
    int rows = 0;
    Map<String, Long> bdq = new java.util.TreeMap<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        rows++;
        b.append("<tr><td><code>").append(Html.esc(rs.getString(1))).append("</code></td><td class=\"n\">")
            .append(Html.num(rs.getLong(2))).append(String.format(Locale.ROOT, "</td><td class=\"n\">%.1f %%",
                100.0 * rs.getLong(2) / Math.max(total, 1))).append("</td><td>").append(Html.esc(rs.getString(3)))
            .append("</td></tr>");
        if (Tg2Catalogue.bundled().find(rs.getString(1)).isPresent()) {
          bdq.merge(Tg2Catalogue.currentLabel(rs.getString(1)), rs.getLong(2), Long::sum);
        }
      }
    }
    if (rows == 0) {
      b.append("<tr><td colspan=\"4\">No occurrence is flagged.</td></tr>");
    }
    b.append("</tbody></table></section>\n");
    bdq(b, bdq, total);
    if (distribution.size() > 0) {
      bdqDistribution(b, distribution);
    }
  }

  /**
   * The manifest's distribution of the BDQ responses: for each test run on the curated rows, how many rows got each
   * response (status, and the result of validations and issues).
   */
  private static void bdqDistribution(StringBuilder b, JsonNode distribution) {
    b.append("<section id=\"bdq-responses\"><h2>BDQ responses</h2><p>TDWG BDQ (TG2) tests run on every interpreted row (see"
        + " docs/bdq.md and docs/bdq-tests.md): how many rows got each response. A row carries a flag named after the"
        + " test when a validation is NOT_COMPLIANT, an issue a POTENTIAL_ISSUE or an amendment proposes a change"
        + " (AMENDED, FILLED_IN).</p><table><thead><tr><th>test</th><th class=\"n\">rows</th><th>responses</th>"
        + "</tr></thead><tbody>");
    distribution.fields().forEachRemaining(t -> {
      long rows = 0;
      StringBuilder responses = new StringBuilder();
      for (Iterator<Map.Entry<String, JsonNode>> it = t.getValue().fields(); it.hasNext();) {
        Map.Entry<String, JsonNode> r = it.next();
        rows += r.getValue().asLong();
        responses.append(responses.length() == 0 ? "" : "; ").append("<code>").append(Html.esc(r.getKey()))
            .append("</code> ").append(Html.num(r.getValue().asLong()));
      }
      b.append("<tr><td><code>").append(Html.esc(t.getKey())).append("</code></td><td class=\"n\">")
          .append(Html.num(rows)).append("</td><td>").append(responses).append("</td></tr>");
    });
    b.append("</tbody></table></section>\n");
  }

  /**
   * The TDWG BDQ validations behind the flags: a curated row carries the label of each row-level validation it is
   * NOT_COMPLIANT with, so the other rows of a test were COMPLIANT or lacked the terms it needs.
   */
  private static void bdq(StringBuilder b, Map<String, Long> notCompliant, long total) {
    b.append("<section id=\"bdq\"><h2>BDQ validations</h2><p>TDWG BDQ (TG2) validations run on every curated row"
        + " (see docs/bdq-tests.md); the rest of the rows were COMPLIANT or lacked the terms the test needs.</p>"
        + "<table><thead><tr><th>test</th><th class=\"n\">NOT_COMPLIANT</th><th class=\"n\">share</th>"
        + "<th class=\"n\">other rows</th></tr></thead><tbody>");
    notCompliant.forEach((label, n) -> b.append("<tr><td><code>").append(Html.esc(label))
        .append("</code></td><td class=\"n\">").append(Html.num(n))
        .append(String.format(Locale.ROOT, "</td><td class=\"n\">%.1f %%", 100.0 * n / Math.max(total, 1)))
        .append("</td><td class=\"n\">").append(Html.num(total - n)).append("</td></tr>"));
    if (notCompliant.isEmpty()) {
      b.append("<tr><td colspan=\"4\">No curated row is NOT_COMPLIANT with a BDQ validation.</td></tr>");
    }
    b.append("</tbody></table></section>\n");
  }

  private static void map(StringBuilder b, Path dir, Connection c) throws SQLException {
    Path occ = dir.resolve("occurrences");
    List<FranceMap.Cell> cells = new ArrayList<>();
    long outside = 0;
    long unlocated = 0;
    if (Duck.hasParquet(occ)) {
      unlocated = Duck.scalarLong(c, "SELECT count(*) FROM " + Duck.readParquet(occ, true)
          + " WHERE decimalLatitude IS NULL OR decimalLongitude IS NULL");
      String sql = String.format(Locale.ROOT, "SELECT floor(decimalLatitude / %1$s) * %1$s AS lat,"
          + " floor(decimalLongitude / %1$s) * %1$s AS lon, count(*) FROM %2$s"
          + " WHERE decimalLatitude IS NOT NULL AND decimalLongitude IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2",
          CELL_DEGREES, Duck.readParquet(occ, true));
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
        while (rs.next()) {
          FranceMap.Cell cell = new FranceMap.Cell(round(rs.getDouble(1)), round(rs.getDouble(2)), CELL_DEGREES,
              rs.getLong(3));
          if (FranceMap.inFrame(cell.lat(), cell.lon())) {
            cells.add(cell);
          } else {
            outside += cell.count();
          }
        }
      }
    }
    b.append("<section id=\"map\"><h2>Observation density</h2><p>")
        .append(Html.num(cells.stream().mapToLong(FranceMap.Cell::count).sum()))
        .append(" curated occurrences in ").append(cells.size()).append(" cells of ").append(CELL_DEGREES)
        .append("°");
    if (outside > 0) {
      b.append("; ").append(Html.num(outside)).append(" outside the map's frame");
    }
    if (unlocated > 0) {
      b.append("; ").append(Html.num(unlocated)).append(" without a known location (LOCATION_UNKNOWN), not mapped");
    }
    b.append(". Public (possibly generalised) coordinates.</p><figure>").append(FranceMap.svg(cells))
        .append("</figure></section>\n");
  }

  private static double round(double d) {
    return Math.round(d * 1e6) / 1e6;
  }

  private static void outputs(StringBuilder b, JsonNode m) {
    b.append("<section id=\"outputs\"><h2>Outputs</h2><table><thead><tr><th>dataset</th><th class=\"n\">files</th>"
        + "<th class=\"n\">rows</th></tr></thead><tbody>");
    m.path("outputs").fields().forEachRemaining(e -> b.append("<tr><td>").append(Html.esc(e.getKey()))
        .append("</td><td class=\"n\">").append(Html.num(e.getValue().path("files").asLong()))
        .append("</td><td class=\"n\">").append(Html.num(e.getValue().path("rows").asLong())).append("</td></tr>"));
    b.append("</tbody></table></section>\n");
  }

  private static final String CSS = String.join("",
      "body{font:14px/1.4 system-ui,sans-serif;margin:0 auto;max-width:1100px;padding:0 1em;color:#1d2b36}",
      "h1{font-size:1.6em}h2{border-bottom:1px solid #ccd;margin-top:1.6em}",
      "table{border-collapse:collapse;margin:.5em 0}th,td{padding:3px 8px;border-bottom:1px solid #e3e6ea;",
      "text-align:left;vertical-align:top}.n{text-align:right;font-variant-numeric:tabular-nums}",
      ".kv th{font-weight:600;color:#445}code{font-size:.92em}",
      ".badge{padding:1px 8px;border-radius:8px;font-weight:600}.ok{background:#d7f0dc;color:#1b5e20}",
      ".bad{background:#fbd5d5;color:#8b1111}",
      "#density-map .departements path{fill:#f4f1ea;stroke:#9a968c;stroke-width:.6}",
      "#density-map .cells rect{fill:#c0392b}#density-map .legend{font-size:12px;fill:#445}",
      "figure{margin:0}");

  /** Marks the page as rendered once the map is in the DOM, so a headless browser can tell a complete render. */
  private static final String SCRIPT = String.join("\n",
      "(function () {",
      "  var map = document.getElementById('density-map');",
      "  var cells = map ? map.querySelectorAll('.cells rect').length : -1;",
      "  document.documentElement.setAttribute('data-map-cells', String(cells));",
      "  document.documentElement.setAttribute('data-report-ready', map ? 'yes' : 'no-map');",
      "})();");
}
