package org.observatoire.beam.publish;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatoire.beam.jobs.NightlyJob;
import org.observatoire.core.quality.bdq.BdqParameters;
import org.observatoire.core.quality.bdq.BdqRegistry;
import org.observatoire.core.quality.bdq.BdqTest;

/**
 * The nightly job with the default BDQ tests and with the whole suite on the same sample input: the suite only adds
 * flags, and the manifest and report give each test's responses over the curated rows.
 */
class BdqOnNightlyRowsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir
  static Path tmp;
  static Path core;
  static Path all;

  @BeforeAll
  static void runBoth() throws Exception {
    Path input = SampleRuns.input(tmp.resolve("in"), List.of("submissions/stoc-eps/valid.jsonl",
        "submissions/spipoll/valid.jsonl", "submissions/propage/valid.jsonl"));
    core = SampleRuns.nightly(input, tmp.resolve("core"), "bdq-test");
    NightlyJob.Options o = SampleRuns.options(input);
    o.setOutput(tmp.resolve("all").toString());
    o.setRunId("bdq-test");
    o.setBdqTests("all");
    NightlyJob.run(o).manifest().requireConservation();
    all = tmp.resolve("all");
    QualityReport.write(all);
  }

  private static JsonNode manifest(Path run) throws Exception {
    return JSON.readTree(run.resolve("manifest.json").toFile());
  }

  /** Each test's rows in the manifest's distribution. */
  private static Map<String, Long> rowsPerTest(JsonNode m) {
    Map<String, Long> out = new java.util.TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = m.path("bdq").fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> t = it.next();
      long n = 0;
      for (JsonNode v : t.getValue()) {
        n += v.asLong();
      }
      out.put(t.getKey(), n);
    }
    return out;
  }

  @Test
  void theManifestGivesTheResponsesOfEveryTestRunOnTheRows() throws Exception {
    JsonNode m = manifest(all);
    long rows = m.path("totals").path("occurrenceRows").asLong();
    List<String> labels = BdqRegistry.standard(BdqParameters.defaults(LocalDate.of(2026, 11, 23))).all().stream()
        .map(BdqTest::label).toList();
    assertThat(m.path("run").path("bdqTests").asText(), is("all"));
    assertThat(rowsPerTest(m).keySet(), is(new TreeSet<>(labels)));
    assertThat(Set.copyOf(rowsPerTest(m).values()), is(Set.of(rows)));
    assertThat(m.path("bdq").path("VALIDATION_EVENTDATE_INRANGE").path("RUN_HAS_RESULT COMPLIANT").asLong(), is(rows));
    assertThat(m.path("bdq").path("AMENDMENT_EVENT_FROM_EVENTDATE").path("FILLED_IN").asLong(), is(rows));

    JsonNode d = manifest(core);
    assertThat(d.path("run").path("bdqTests").asText(), is("core"));
    assertThat(rowsPerTest(d).keySet(), is(Set.of("VALIDATION_BASISOFRECORD_STANDARD",
        "VALIDATION_COUNTRYCODE_STANDARD", "VALIDATION_EVENTDATE_INRANGE", "VALIDATION_OCCURRENCESTATUS_STANDARD")));
    assertThat(Set.copyOf(rowsPerTest(d).values()), is(Set.of(d.path("totals").path("occurrenceRows").asLong())));
  }

  @Test
  void theWholeSuiteOnlyAddsFlags() throws Exception {
    Set<String> added = BdqRegistry.standard(BdqParameters.defaults(LocalDate.of(2026, 11, 23))).all().stream()
        .map(BdqTest::label).collect(Collectors.toCollection(TreeSet::new));
    Set<String> flaggedBefore = Set.of("VALIDATION_EVENTDATE_INRANGE", "VALIDATION_COUNTRYCODE_STANDARD",
        "VALIDATION_BASISOFRECORD_STANDARD", "VALIDATION_OCCURRENCESTATUS_STANDARD",
        "VALIDATION_COORDINATES_NOTZERO", "VALIDATION_DECIMALLATITUDE_INRANGE", "VALIDATION_DECIMALLONGITUDE_INRANGE",
        "VALIDATION_COORDINATEUNCERTAINTY_INRANGE", "AMENDMENT_COORDINATES_TRANSPOSED");
    added.removeAll(flaggedBefore);
    String list = added.stream().map(l -> "'" + l + "'").collect(Collectors.joining(", ", "[", "]"));
    try (Connection c = Duck.open()) {
      String whole = "(SELECT * EXCLUDE (flags), list_sort(list_filter(flags, lambda f: NOT list_contains(" + list
          + ", f))) AS f FROM " + Duck.readParquet(all.resolve("occurrences"), true) + ")";
      String plain = "(SELECT * EXCLUDE (flags), list_sort(flags) AS f FROM "
          + Duck.readParquet(core.resolve("occurrences"), true) + ")";
      long rows = Duck.scalarLong(c, "SELECT count(*) FROM " + plain);
      assertThat(rows > 0, is(true));
      assertThat(Duck.scalarLong(c, "SELECT count(*) FROM " + whole), is(rows));
      assertThat(Duck.scalarLong(c, "SELECT count(*) FROM (" + whole + " EXCEPT " + plain + ")"), is(0L));
      assertThat(Duck.scalarLong(c, "SELECT count(*) FROM (" + plain + " EXCEPT " + whole + ")"), is(0L));
      assertThat(Duck.scalarLong(c, "SELECT count(*) FROM " + Duck.readParquet(all.resolve("occurrences"), true)
          + " WHERE list_contains(flags, 'AMENDMENT_EVENT_FROM_EVENTDATE')"), is(rows));
    }
  }

  @Test
  void theReportShowsTheDistributionPerTest() throws Exception {
    String html = Files.readString(all.resolve(QualityReport.FILE), StandardCharsets.UTF_8);
    long rows = manifest(all).path("totals").path("occurrenceRows").asLong();
    assertThat(html, containsString("<section id=\"bdq-responses\">"));
    assertThat(html, containsString("<code>VALIDATION_EVENTDATE_INRANGE</code></td><td class=\"n\">" + Html.num(rows)
        + "</td><td><code>RUN_HAS_RESULT COMPLIANT</code> " + Html.num(rows) + "</td>"));
    assertThat(html, containsString("<code>AMENDMENT_EVENT_FROM_EVENTDATE</code></td><td class=\"n\">" + Html.num(rows)
        + "</td><td><code>FILLED_IN</code> " + Html.num(rows) + "</td>"));
  }
}
