package org.observatoire.beam.publish;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QualityReportTest {
  @TempDir
  static Path tmp;
  static Path run;
  static String html;

  @BeforeAll
  static void runAndReport() throws Exception {
    Path input = SampleRuns.input(tmp.resolve("in"), List.of("submissions/stoc-eps/valid.jsonl",
        "submissions/stoc-eps/invalid.jsonl", "submissions/spipoll/valid.jsonl", "bad-input/bad-input.jsonl"));
    run = SampleRuns.nightly(input, tmp.resolve("run"), "report-test");
    html = Files.readString(QualityReport.write(run), StandardCharsets.UTF_8);
  }

  @Test
  void reportsCountsPerProtocolAndFileFromTheManifest() {
    assertThat(html, containsString("<td>stoc-eps</td>"));
    assertThat(html, containsString("<td>spipoll</td>"));
    assertThat(html, containsString("<td>submissions/stoc-eps/invalid.jsonl</td>"));
    assertThat(html, containsString("<td>bad-input/bad-input.jsonl</td>"));
    assertThat(html, containsString("report-test"));
    assertThat(html, containsString("class=\"badge ok\">holds"));
  }

  @Test
  void listsRejectionCodesWithAnExampleEach() throws Exception {
    assertThat(html, containsString("<code>MALFORMED_JSON</code>"));
    Matcher m = Pattern.compile("<code>MALFORMED_JSON</code></td><td class=\"n\">[^<]+</td><td class=\"n\">[^<]+"
        + "</td><td>(bad-input/bad-input\\.jsonl:\\d+)</td>").matcher(html);
    assertThat("an example location for MALFORMED_JSON", m.find(), is(true));
  }

  @Test
  void drawsTheDensityMapInlineOverTheDepartements() {
    assertThat(html, containsString("<svg id=\"density-map\""));
    int departements = html.split("<path d=\"M", -1).length - 1;
    assertThat(departements, is(96));
    assertThat(html, containsString("data-count=\""));
  }

  @Test
  void isSelfContained() {
    assertThat(html, not(containsString("http://")));
    assertThat(html, not(containsString("https://")));
    assertThat(html, not(containsString("<link")));
    assertThat(html, not(containsString(" src=")));
  }

  @Test
  void reportsQualityFlagsWhenTheOccurrencesCarryThem() throws Exception {
    Path flagged = tmp.resolve("flagged");
    Files.createDirectories(flagged.resolve("occurrences/protocol=stoc-eps/year=2025"));
    Files.copy(run.resolve("manifest.json"), flagged.resolve("manifest.json"));
    try (Connection c = Duck.open(); Statement s = c.createStatement()) {
      s.execute("COPY (SELECT 'id' || i AS occurrenceID, 48.0 + i / 100.0 AS decimalLatitude, 2.0 AS decimalLongitude,"
          + " CASE WHEN i % 2 = 0 THEN ['COUNT_HIGH'] WHEN i % 3 = 0 THEN ['COORDINATE_FAR', 'COUNT_HIGH']"
          + " WHEN i = 1 THEN ['VALIDATION_EVENTDATE_INRANGE', 'VALIDATION_COORDINATES_COUNTRYCODE_CONSISTENT']"
          + " ELSE [] END AS flags FROM range(1, 13) t(i)) TO "
          + Duck.literal(flagged.resolve("occurrences/protocol=stoc-eps/year=2025/part-0.parquet").toString())
          + " (FORMAT parquet)");
    }
    String report = Files.readString(QualityReport.write(flagged), StandardCharsets.UTF_8);
    // i in 1..12: even -> 6 COUNT_HIGH; odd multiples of 3 (3, 9) -> COORDINATE_FAR and COUNT_HIGH
    assertThat(report, containsString("<code>COUNT_HIGH</code></td><td class=\"n\">8</td>"));
    assertThat(report, containsString("<code>COORDINATE_FAR</code></td><td class=\"n\">2</td>"));
    // BDQ labels among the flags (the old label of the coordinates/country test too) make the BDQ section
    assertThat(report, containsString("<code>VALIDATION_EVENTDATE_INRANGE</code></td><td class=\"n\">1</td>"
        + "<td class=\"n\">8.3 %</td><td class=\"n\">11</td>"));
    assertThat(report, containsString("<code>VALIDATION_COORDINATESCOUNTRYCODE_CONSISTENT</code></td><td class=\"n\">1"));
    // the real run's rows carry the interpreter's flags: its report lists them (STOC samples give no uncertainty)
    assertThat(html, containsString("id=\"flags\""));
    assertThat(html, containsString("<code>COORDINATE_UNCERTAINTY_MISSING</code>"));
  }
}
