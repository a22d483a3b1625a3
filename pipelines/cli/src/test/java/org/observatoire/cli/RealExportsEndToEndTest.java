package org.observatoire.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.observatoire.beam.publish.ReleaseViews;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real volunteers' data through the whole chain, as a programme would send its history: the real Propage 2009–2015
 * export and a real Vigie-Chiro night (../shared/real beside the repository) through {@code observatoire import},
 * then {@code observatoire nightly} on the embedded Flink runner, and the published Parquet files read back with
 * DuckDB and compared with the source CSV files.
 */
class RealExportsEndToEndTest {
  private static final Path REAL = Path.of("../../../shared/real").toAbsolutePath().normalize();
  @TempDir static Path tmp;
  static Path out;
  static JsonNode manifest;

  @BeforeAll
  static void importAndRun() throws Exception {
    Assumptions.assumeTrue(Files.isDirectory(REAL), () -> REAL + " is absent");
    Path in = Files.createDirectories(tmp.resolve("in"));
    assertThat(Observatoire.commandLine().execute("import", "--format", "propage-export", "--input",
        REAL.resolve("propage-2009-2015").toString(), "--output", in.resolve("propage.jsonl").toString(),
        "--submitted-at", "2026-11-23T00:00:00Z"), is(0));
    assertThat(Observatoire.commandLine().execute("import", "--format", "vigie-chiro-participation", "--input",
        REAL.resolve("vigie-chiro").toString(), "--output", in.resolve("vigie-chiro.jsonl").toString(),
        "--submitted-at", "2026-11-23T00:00:00Z"), is(0));
    out = tmp.resolve("out");
    assertThat(Observatoire.commandLine().execute("nightly", "--input", in.toString(), "--output", out.toString(),
        "--restricted-output", tmp.resolve("restricted").toString(), "--reference-time", "2026-11-23T00:00:00Z",
        "--sample-pseudonym-key", "--parallelism", "2"), is(0));
    manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
  }

  @Test
  void everyRealPropageVisitIsCuratedAndEveryVisitIsZeroFilled() throws Exception {
    Map<String, String> yearOfVisit = new HashMap<>();
    for (Map<String, String> r : csv(REAL.resolve("propage-2009-2015/data_env_1_clean.csv"))) {
      yearOfVisit.put(r.get("id_releve"), r.get("releve_date").substring(0, 4));
    }
    JsonNode propage = manifest.at("/protocols/propage");
    assertThat(propage.toString(), propage.path("curatedSubmissions").asLong(), is((long) yearOfVisit.size()));
    assertThat(manifest.at("/conservation/holds").asBoolean(), is(true));
    // each visit once in the zero-filled table, with one row per entry of the 39-name Propage list
    Map<String, Object> v = NightlyEndToEndTest.query("SELECT count(DISTINCT eventID) AS visits, count(*) AS rows"
        + " FROM " + ReleaseViews.zeroFilledQuery(out) + " WHERE protocol = 'propage'").get(0);
    assertThat(((Number) v.get("visits")).longValue(), is((long) yearOfVisit.size()));
    assertThat(((Number) v.get("rows")).longValue(), is(39L * yearOfVisit.size()));
  }

  @Test
  void propageTotalsPerTaxonAndYearEqualTheExportAndEveryRowIsMatched() throws Exception {
    Map<String, String> yearOfVisit = new HashMap<>();
    for (Map<String, String> r : csv(REAL.resolve("propage-2009-2015/data_env_1_clean.csv"))) {
      yearOfVisit.put(r.get("id_releve"), r.get("releve_date").substring(0, 4));
    }
    Map<String, Long> expected = new TreeMap<>();
    for (Map<String, String> r : csv(REAL.resolve("propage-2009-2015/data_releves_large.csv"))) {
      String year = yearOfVisit.get(r.get("id_releve"));
      r.forEach((name, n) -> {
        if (!name.equals("id_releve") && Long.parseLong(n) > 0) {
          expected.merge(year + " " + name, Long.parseLong(n), Long::sum);
        }
      });
    }
    Map<String, Long> occurrences = new TreeMap<>();
    Map<String, Long> visits = new TreeMap<>();
    for (Map<String, Object> r : NightlyEndToEndTest.query("SELECT year, verbatimIdentification AS name,"
        + " sum(individualCount) AS n FROM " + files("occurrences") + " WHERE protocol = 'propage' GROUP BY ALL")) {
      occurrences.put(r.get("year") + " " + r.get("name"), ((Number) r.get("n")).longValue());
    }
    for (Map<String, Object> r : NightlyEndToEndTest.query("SELECT year, vernacularName AS name,"
        + " sum(individualCount) AS n FROM " + ReleaseViews.zeroFilledQuery(out) + " WHERE protocol = 'propage' GROUP BY ALL"
        + " HAVING sum(individualCount) > 0")) {
      visits.put(r.get("year") + " " + r.get("name"), ((Number) r.get("n")).longValue());
    }
    assertThat(occurrences, equalTo(expected));
    assertThat(visits, equalTo(expected));
    Map<String, Object> m = NightlyEndToEndTest.query("SELECT count(*) AS n, count(taxonKey) AS matched FROM "
        + files("occurrences") + " WHERE protocol = 'propage'").get(0);
    assertThat(((Number) m.get("matched")).longValue(), is(((Number) m.get("n")).longValue()));
  }

  @Test
  void theVigieChiroNightPublishesTaxaOnlyAndKeepsTheObserversCorrections() throws Exception {
    List<Map<String, String>> detections = csv(REAL.resolve("vigie-chiro")
        .resolve("participation-5f0490244f3219000fa1c36c-observations.csv"), ';');
    Map<String, Object> m = NightlyEndToEndTest.query("SELECT count(*) AS n, count(taxonKey) AS matched,"
        + " count(*) FILTER (WHERE verbatimIdentification = 'noise') AS noise,"
        + " count(*) FILTER (WHERE identificationVerificationStatus = 'observer') AS corrected FROM "
        + files("occurrences") + " WHERE protocol = 'vigie-chiro'").get(0);
    long rows = ((Number) m.get("n")).longValue();
    long nonTaxa = manifest.at("/protocols/vigie-chiro/nonTaxonRecords").asLong();
    assertThat("every detection is a row or a counted non-taxon", rows + nonTaxa, is((long) detections.size()));
    assertThat(((Number) m.get("noise")).longValue(), is(0L));
    assertThat("at least 90 % of the detections of taxa are matched",
        ((Number) m.get("matched")).longValue() * 10, greaterThanOrEqualTo(rows * 9));
    // the observer's identification wins over the automatic one: a "noise" correction removes the row, another
    // correction is published as the observer's
    long correctedToNoise = detections.stream().filter(d -> "noise".equals(d.get("observateur_taxon"))).count();
    long correctedToTaxon = detections.stream().filter(d -> !d.get("observateur_taxon").isEmpty()
        && !"noise".equals(d.get("observateur_taxon"))).count();
    long automaticNoise = detections.stream().filter(d -> d.get("observateur_taxon").isEmpty()
        && "noise".equals(d.get("tadarida_taxon"))).count();
    assertThat(nonTaxa, is(correctedToNoise + automaticNoise));
    assertThat(((Number) m.get("corrected")).longValue(), is(correctedToTaxon));
  }

  private static String files(String dataset) {
    return "read_parquet('" + out.resolve(dataset) + "/**/*.parquet', hive_partitioning = true)";
  }

  private static List<Map<String, String>> csv(Path file) throws IOException {
    return csv(file, ',');
  }

  private static List<Map<String, String>> csv(Path file, char separator) throws IOException {
    CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
    CsvSchema schema = CsvSchema.emptySchema().withHeader().withColumnSeparator(separator);
    try (MappingIterator<Map<String, String>> it = mapper.readerForMapOf(String.class).with(schema)
        .readValues(file.toFile())) {
      return it.readAll();
    }
  }
}
