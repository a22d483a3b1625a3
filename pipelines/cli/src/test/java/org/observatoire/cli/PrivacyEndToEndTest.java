package org.observatoire.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatoire.core.samples.SampleData;

/**
 * A real nightly release over every sample file and the privacy reproducers ({@code sample-data/privacy/}), through
 * the release verifier, then an independent scan of EVERY public file of the release (Parquet read row by row with
 * DuckDB, the manifest, the quality report and any other file) and of its Darwin Core Archive: no observer's name or
 * e-mail, no precise coordinate of a sensitive event or of a later visit to its site, no submitted id that links a
 * generalised record to its precise one. What is searched for is collected here from the input lines, without the
 * pipeline's code.
 */
class PrivacyEndToEndTest {
  /** Codes and names of the sensitive list (sample-data/reference/sensitive-species.csv) and their other names. */
  private static final Set<String> SENSITIVE = Set.of("CICNIG", "HALALB", "GYPBAR", "NEOPER", "AEGMON", "CIRGAL",
      "CIRPYG", "AQUCHR", "HIEFAS", "PANHAL", "FALNAU", "FALELE", "FALPER", "BONBON", "LAGMUT", "TETRIX", "TETURO",
      "TETRAX", "OTITAR", "BUBBUB", "BOTSTE", "Falco peregrinus", "Bubo bubo", "Circus pygargus", "Aquila fasciata",
      "Hieraaetus fasciatus", "Tetrao tetrix", "Lyrurus tetrix");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path tmp;
  static int exitCode;
  static Path release;
  static Path restricted;
  static Path archive;
  /** Names and e-mails of the observers, lower case. */
  static final Set<String> personal = new TreeSet<>();
  /** Precise points of sensitive events and of every visit to their sites, as submitted. */
  static final Set<List<String>> precisePoints = new java.util.HashSet<>();
  /** Submitted ids of those events and sites. */
  static final Set<String> linkableIds = new TreeSet<>();

  @BeforeAll
  static void publishAndCollect() throws Exception {
    Path catalog = tmp.resolve("catalog");
    exitCode = Observatoire.commandLine().execute("nightly", "--input", SampleData.root().toString(),
        "--catalog", catalog.toString(), "--run-id", "privacy-1", "--reference-time", "2026-11-23T00:00:00Z",
        "--sample-pseudonym-key", "--parallelism", "2");
    release = catalog.resolve("releases").resolve("privacy-1");
    restricted = catalog.resolve("restricted").resolve("privacy-1");
    archive = tmp.resolve("dwca.zip");
    if (exitCode == 0) {
      Observatoire.commandLine().execute("export-dwca", "--catalog", catalog.toString(), "--output",
          archive.toString());
    }
    collect();
  }

  /** From the input lines: observers, and the places and ids of sensitive events and of their sites' visits. */
  private static void collect() throws IOException {
    List<JsonNode> docs = new ArrayList<>();
    try (Stream<Path> files = Files.walk(SampleData.root())) {
      for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
        for (String line : Files.readAllLines(f, StandardCharsets.ISO_8859_1)) {
          String text = new String(line.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
          try {
            docs.add(JSON.readTree(text));
          } catch (IOException broken) {
            // the reproducer's "name":Quatrebarbe" line: its name is known from the file
          }
        }
      }
    }
    personal.add("quatrebarbe");
    personal.add("quatrebarbe@example.org");
    Set<String> sensitiveSites = new TreeSet<>();
    for (JsonNode d : docs) {
      for (String field : List.of("name", "email")) {
        String v = d.path("observer").path(field).asText("");
        if (v.length() > 3) {
          personal.add(v.toLowerCase(Locale.ROOT));
        }
      }
      if (isSensitive(d) && d.path("site").path("id").isTextual()) {
        sensitiveSites.add(d.path("site").path("id").asText());
        sensitiveSites.add(d.at("/site/latitude").asText() + "," + d.at("/site/longitude").asText());
      }
    }
    for (JsonNode d : docs) {
      String siteId = d.path("site").path("id").asText("");
      String sitePoint = d.at("/site/latitude").asText() + "," + d.at("/site/longitude").asText();
      if (!isSensitive(d) && !sensitiveSites.contains(siteId) && !sensitiveSites.contains(sitePoint)) {
        continue;
      }
      linkableIds.add(d.path("submissionId").asText());
      linkableIds.add(d.path("protocol").asText() + ":" + d.path("submissionId").asText());
      if (!siteId.isEmpty()) {
        linkableIds.add(siteId);
      }
      points(d, precisePoints);
    }
  }

  private static boolean isSensitive(JsonNode d) {
    for (JsonNode taxon : d.findValues("taxon")) {
      for (JsonNode v : taxon) {
        if (v.isTextual() && SENSITIVE.contains(v.asText())) {
          return true;
        }
      }
    }
    return false;
  }

  private static void points(JsonNode node, Set<List<String>> out) {
    if (node.isObject() && node.path("latitude").isNumber() && node.path("longitude").isNumber()) {
      out.add(List.of(node.get("latitude").asText(), node.get("longitude").asText()));
    }
    node.forEach(child -> points(child, out));
  }

  @Test
  void theReleaseIsVerifiedAndPublished() {
    assertThat("nightly --catalog exit code (4: the release verifier refused it)", exitCode, is(0));
    assertThat(Files.isRegularFile(release.resolve("manifest.json")), is(true));
    assertThat(Files.isRegularFile(archive), is(true));
  }

  @Test
  void theScanLooksForWhatTheReproducersHold() {
    assertThat(personal, hasItems("ambroise quatrebarbe", "quatrebarbe", "maëlys tournebise", "camille lefebvre"));
    assertThat(linkableIds, hasItems("privacy.garden.falper.1", "privacy.garden.falper.2", "privacy.garden.falper.3",
        "jardin-privacy-1", "STOC-990001", "privacy.stoc.bubbub.v2", "privacy.conflict.falper-parmaj",
        "privacy.synonym.hieraaetus", "privacy.current.lyrurus", "stoc-eps.2025.edge.sensitive"));
    assertThat(precisePoints.size(), greaterThan(20));
  }

  @Test
  void noPublicFileHoldsANameAnEmailAPreciseSensitivePointOrALinkableId() throws Exception {
    List<String> leaks = new ArrayList<>();
    int files = scan(release, leaks);
    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(archive))) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        files++;
        for (String line : new String(zip.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
          leaks("dwca.zip!" + e.getName(), line, leaks);
        }
      }
    }
    assertThat(files, greaterThan(10));
    assertThat(leaks.size() > 20 ? leaks.subList(0, 20) : leaks, empty());
  }

  @Test
  void theSameScanFindsThemWhereTheyBelongInTheRestrictedOutput() throws Exception {
    List<String> found = new ArrayList<>();
    scan(restricted, found);
    assertThat(found.stream().anyMatch(l -> l.contains(": observer ")), is(true));
    assertThat(found.stream().anyMatch(l -> l.contains(": precise point ")), is(true));
    assertThat(found.stream().anyMatch(l -> l.contains(": submitted id privacy.garden.falper.2")), is(true));
    assertThat(found.stream().anyMatch(l -> l.contains(": submitted id STOC-990001")), is(true));
  }

  /** Scans every file below {@code dir}; returns how many. */
  private static int scan(Path dir, List<String> leaks) throws IOException, SQLException {
    int files = 0;
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
        files++;
        String rel = dir.relativize(f).toString();
        for (String text : f.toString().endsWith(".parquet") ? parquetRows(f)
            : List.of(new String(Files.readAllBytes(f), StandardCharsets.UTF_8))) {
          leaks(rel, text, leaks);
        }
      }
    }
    return files;
  }

  private static void leaks(String where, String text, List<String> leaks) {
    String lower = text.toLowerCase(Locale.ROOT);
    for (String p : personal) {
      if (containsWord(lower, p)) {
        leaks.add(where + ": observer " + p);
      }
    }
    for (String id : linkableIds) {
      if (containsWord(text, id)) {
        leaks.add(where + ": submitted id " + id);
      }
    }
    for (List<String> p : precisePoints) {
      if (text.contains(p.get(0)) && text.contains(p.get(1))) {
        leaks.add(where + ": precise point " + p);
      }
    }
  }

  /** {@code term} in {@code text}, not inside a longer word or id. */
  private static boolean containsWord(String text, String term) {
    for (int at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + 1)) {
      int end = at + term.length();
      if ((at == 0 || !idChar(text.charAt(at - 1))) && (end == text.length() || !idChar(text.charAt(end)))) {
        return true;
      }
    }
    return false;
  }

  private static boolean idChar(char c) {
    return Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.';
  }

  /** Every row of a Parquet file as one text (every value, binary ones decoded as UTF-8). */
  private static List<String> parquetRows(Path f) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM read_parquet('" + f + "', hive_partitioning = false)")) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          Object v = rs.getObject(i);
          if (v instanceof java.sql.Blob blob) {
            v = blob.getBytes(1, (int) blob.length());
          }
          sb.append(v instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(v)).append('\u0001');
        }
        rows.add(sb.toString());
      }
    }
    return rows;
  }
}
