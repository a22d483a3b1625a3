package org.observatoire.core.imports;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
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
    ImportResult visits = ExportImporters.find("propage-export").orElseThrow().read(propage, Fixtures.SETTINGS);
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
    ImportResult night = ExportImporters.find("vigie-chiro-participation").orElseThrow().read(chiro, Fixtures.SETTINGS);
    assertThat(night.problems(), is(empty()));
    List<JsonNode> trees = Fixtures.trees(night);
    assertThat(trees, hasSize(1));
    int rows = Fixtures.csvRows(chiro.resolve("participation-5f0490244f3219000fa1c36c-observations.csv"), ';').size();
    assertThat(rows, is(4178));
    assertThat(trees.get(0).get("observations").size(), is(rows));
    assertThat(trees.get(0).get("visit").toString(), is("{\"date\":\"2020-06-16\","
        + "\"start\":\"2020-06-16T20:45:12+02:00\",\"end\":\"2020-06-17T06:18:55.2+02:00\"}"));
  }

  /**
   * The described formats write the real exports byte for byte as the Java importers they replaced did (SHA-256 of
   * their JSON lines with {@link Fixtures#SETTINGS}, taken from {@code observatoire import} before the change): the
   * move to data changed no submission.
   */
  @Test
  void theDescribedFormatsWriteWhatTheJavaImportersWrote() throws Exception {
    Path real = Fixtures.sharedReal();
    Assumptions.assumeTrue(Files.isDirectory(real), () -> real + " is absent");
    assertThat(sha256("propage-export", real.resolve("propage-2009-2015")),
        is("2a83572d63c2370f5bbdbef62867545b50be9dd1cb66b0422316ec6484de1a49"));
    assertThat(sha256("vigie-chiro-participation", real.resolve("vigie-chiro")),
        is("ea6fe05e563515ae195a85c3fd842802cceffacd6fe4ac0bde472c324397e804"));
  }

  private static String sha256(String format, Path dir) throws Exception {
    ImportResult result = ExportImporters.find(format).orElseThrow().read(dir, Fixtures.SETTINGS);
    byte[] lines = Fixtures.jsonLines(result).getBytes(StandardCharsets.UTF_8);
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(lines));
  }
}
