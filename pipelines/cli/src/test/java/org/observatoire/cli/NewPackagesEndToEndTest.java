package org.observatoire.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.observatoire.beam.publish.ReleaseViews;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two packages added as data only, Opération Papillons des Jardins (biodiversity, complete list) and
 * Signalements de voirie (civic), through validate, nightly (embedded Flink), the published release's views and
 * cubes, and the Darwin Core Archive: the engine runs them with nothing but their folders.
 */
class NewPackagesEndToEndTest {
  private static final Path PROTOCOLS = Path.of("../../protocols").toAbsolutePath().normalize();
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path tmp;
  static Path catalog;

  @BeforeAll
  static void runNightly() throws Exception {
    Path in = Files.createDirectories(tmp.resolve("in"));
    for (String p : List.of("papillons-des-jardins", "signalements-voirie")) {
      List<String> lines = new ArrayList<>(Files.readAllLines(PROTOCOLS.resolve(p).resolve("examples/valid.jsonl")));
      for (String l : Files.readAllLines(PROTOCOLS.resolve(p).resolve("examples/invalid.jsonl"))) {
        lines.add(JSON.readTree(l).get("submission").toString());
      }
      Files.write(in.resolve(p + ".jsonl"), lines, StandardCharsets.UTF_8);
    }
    catalog = tmp.resolve("catalog");
    assertThat(Observatoire.commandLine().execute("nightly", "--input", in.toString(), "--catalog",
        catalog.toString(), "--reference-time", "2026-11-23T00:00:00Z", "--sample-pseudonym-key",
        "--parallelism", "2"), is(0));
  }

  private static List<Map<String, Object>> query(String sql) throws Exception {
    Path release = catalog.resolve("releases").resolve(Files.readString(catalog.resolve("current")).strip());
    return NightlyEndToEndTest.query(sql.replace("{visits_zerofilled}", ReleaseViews.zeroFilledQuery(release))
        .replace("{release}", release.toString()));
  }

  @Test
  void gardenButterflyCountsAreZeroFilledOnTheProgrammesList() throws Exception {
    List<Map<String, Object>> visits = query("SELECT eventID, count(*) AS n, sum(individualCount) AS individuals"
        + " FROM {visits_zerofilled} WHERE protocol = 'papillons-des-jardins' GROUP BY ALL ORDER BY ALL");
    // three valid counts and the December one (flagged OPJ_MONTH, curated); one row per entry of the 46-name list
    assertThat(visits.size(), is(4));
    visits.forEach(v -> assertThat(v.toString(), ((Number) v.get("n")).longValue(), is(46L)));
    Map<String, Object> nothing = visits.stream()
        .filter(v -> v.get("eventID").equals("papillons-des-jardins:opj.2025.jardin003.2025-06-21")).findFirst()
        .orElseThrow();
    assertThat(((Number) nothing.get("individuals")).longValue(), is(0L));
    List<Map<String, Object>> names = query("SELECT verbatimIdentification AS v, scientificName AS s,"
        + " taxonMatchType AS t FROM read_parquet('{release}/occurrences/**/*.parquet', hive_partitioning = true)"
        + " WHERE protocol = 'papillons-des-jardins' ORDER BY 1");
    assertThat(names.stream().map(r -> r.get("v") + " -> " + r.get("s") + " (" + r.get("t") + ")").toList(),
        hasItem("Myr -> Maniola jurtina (CODE)"));
    assertThat(names.stream().filter(r -> r.get("s") == null).toList(), empty());
  }

  @Test
  void streetReportsArePublishedPerCategoryWithoutTaxaOrBdq() throws Exception {
    List<Map<String, Object>> rows = query("SELECT taxonKey, verbatimIdentification, scientificName, flags"
        + " FROM read_parquet('{release}/occurrences/**/*.parquet', hive_partitioning = true)"
        + " WHERE protocol = 'signalements-voirie'");
    List<String> keys = rows.stream().map(r -> (String) r.get("taxonKey")).toList();
    assertThat(keys, hasItem("category:pothole"));
    assertThat(keys, hasItem("category:street-light-out"));
    rows.forEach(r -> {
      assertThat(r.get("scientificName"), equalTo(null));
      assertThat(String.valueOf(r.get("flags")), not(containsString("VALIDATION_")));
    });
    assertThat(rows.stream().map(r -> String.valueOf(r.get("flags"))).toList(),
        hasItem(containsString("VOIRIE_DANGER_WITHOUT_PHOTO")));
    // the cubes count reports per category and cell
    List<Map<String, Object>> cube = query("SELECT sum(occurrences) AS n FROM read_parquet("
        + "'{release}/cubes/eea10km/*.parquet') WHERE taxonKey = 'category:pothole'");
    assertThat(((Number) cube.get(0).get("n")).longValue(), is(2L));
    List<Map<String, Object>> rejected = query("SELECT v.code AS code FROM (SELECT unnest(violations) AS v FROM"
        + " read_parquet('{release}/rejected/*.parquet') WHERE submissionId = 'voirie.2026.r00004')");
    assertThat(rejected.stream().map(r -> r.get("code")).toList(), hasItem("VOIRIE_OTHER_WITHOUT_DESCRIPTION"));
  }

  @Test
  void theDarwinCoreArchiveHoldsOnlyBiodiversity() throws Exception {
    Path zip = tmp.resolve("dwca.zip");
    assertThat(Observatoire.commandLine().execute("export-dwca", "--catalog", catalog.toString(), "--output",
        zip.toString()), is(0));
    try (ZipFile z = new ZipFile(zip.toFile())) {
      String occurrences = new String(z.getInputStream(z.getEntry("occurrence.txt")).readAllBytes(),
          StandardCharsets.UTF_8);
      assertThat(occurrences, containsString("Maniola jurtina"));
      assertThat(occurrences, not(containsString("pothole")));
    }
  }

  @Test
  void validateExplainsAPackagesCodeInFrenchAndEnglish() throws Exception {
    Path invalid = tmp.resolve("voirie-invalid.jsonl");
    String line = Files.readAllLines(PROTOCOLS.resolve("signalements-voirie/examples/invalid.jsonl")).get(0);
    Files.writeString(invalid, JSON.readTree(line).get("submission").toString() + "\n");
    PrintStream stdout = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exit;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      exit = Observatoire.commandLine().execute("validate", invalid.toString(), "--format", "JSON",
          "--reference-time", "2026-11-23T00:00:00Z");
    } finally {
      System.setOut(stdout);
    }
    assertThat(exit, is(1));
    JsonNode verdict = JSON.readTree(out.toString(StandardCharsets.UTF_8).lines().findFirst().orElseThrow());
    JsonNode violation = verdict.get("violations").get(0);
    assertThat(violation.get("code").asText(), is("VOIRIE_OTHER_WITHOUT_DESCRIPTION"));
    assertThat(violation.at("/explanation/fr").asText(), containsString("description"));
    assertThat(violation.at("/explanation/en").asText(), containsString("description"));
  }
}
