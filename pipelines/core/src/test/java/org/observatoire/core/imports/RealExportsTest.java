package org.observatoire.core.imports;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The full real exports in ../shared/real (relative to the repository root), read whole: every visit and every
 * detection converted. The folder is there on CI and in the workspace; the test is skipped only where it is absent.
 */
class RealExportsTest {

  @Test
  void everyRealVisitAndDetectionIsConverted() throws Exception {
    Path real = Fixtures.sharedReal();
    Assumptions.assumeTrue(Files.isDirectory(real), () -> real + " is absent");

    Path propage = real.resolve("propage-2009-2015");
    ImportResult visits = new PropageExportImporter().read(propage, Fixtures.SETTINGS);
    assertThat(visits.problems(), is(empty()));
    assertThat(visits.submissions(), hasSize(4213));
    assertThat(visits.figures().get("visits where nothing was seen"), is(660L));
    assertThat(visits.figures().get("durations not a whole number of minutes"), is(0L));
    assertThat(visits.figures().get("observations (taxa with a count above 0)"), is(9644L));
    Path countsFile = propage.resolve("data_releves_large.csv");
    String[] header = Fixtures.csvHeader(countsFile, ',');
    Map<String, Long> csvSums = new HashMap<>();
    for (String[] row : Fixtures.csvRows(countsFile, ',')) {
      for (int i = 1; i < row.length; i++) {
        csvSums.merge(header[i], Long.parseLong(row[i]), Long::sum);
      }
    }
    csvSums.values().removeIf(n -> n == 0);
    Map<String, Long> imported = new HashMap<>();
    for (JsonNode s : Fixtures.trees(visits)) {
      for (JsonNode o : s.get("observations")) {
        imported.merge(o.at("/taxon/vernacularName").asText(), o.get("count").asLong(), Long::sum);
      }
    }
    assertThat(imported, is(csvSums));
    assertThat(imported.values().stream().mapToLong(Long::longValue).sum(),
        is(visits.figures().get("individuals counted")));

    Path chiro = real.resolve("vigie-chiro");
    ImportResult night = new VigieChiroParticipationImporter().read(chiro, Fixtures.SETTINGS);
    assertThat(night.problems(), is(empty()));
    List<JsonNode> trees = Fixtures.trees(night);
    assertThat(trees, hasSize(1));
    int rows = Fixtures.csvRows(chiro.resolve("participation-5f0490244f3219000fa1c36c-observations.csv"), ';').size();
    assertThat(rows, is(4178));
    assertThat(trees.get(0).get("observations").size(), is(rows));
    assertThat(trees.get(0).get("visit").toString(), is("{\"date\":\"2020-06-16\","
        + "\"start\":\"2020-06-16T20:45:12+02:00\",\"end\":\"2020-06-17T06:18:55.2+02:00\"}"));
  }
}
