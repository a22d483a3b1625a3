package org.observatoire.core.imports;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PropageExportImporterTest {
  private static final Path DIR = Fixtures.real().resolve("propage-2009-2015");
  private final ExportImporter importer = ExportImporters.find("propage-export").orElseThrow();

  private ImportResult read(Path dir) throws ImportException {
    return importer.read(dir, Fixtures.SETTINGS);
  }

  @Test
  void oneSubmissionPerVisitInTheExactShape() throws Exception {
    ImportResult result = read(DIR);
    assertThat(result.problems(), is(empty()));
    assertThat(result.submissions(), hasSize(30));
    assertThat(result.filesRead(), contains("data_env_1_clean.csv", "data_releves_large.csv"));
    assertThat(result.rowsRead(), is(60L));
    // the first row of the export, verbatim: keys in this order, nothing invented (no observer, no site id)
    assertThat(Fixtures.jsonLines(result).split("\n")[0], is("{\"submissionId\":\"propage-export-12005\","
        + "\"protocol\":\"propage\",\"protocolVersion\":1,\"submittedAt\":\"2026-03-01T09:30:00+01:00\","
        + "\"app\":{\"name\":\"observatoire-import\",\"version\":\"propage-export\"},"
        + "\"site\":{\"habitat\":\"Jardin\"},"
        + "\"visit\":{\"date\":\"2014-08-01\",\"startTime\":\"11:10\",\"endTime\":\"11:25\",\"durationMinutes\":15,"
        + "\"weather\":{\"temperatureClass\":\"21-25°C\",\"windClass\":\"0 Beaufort (0km/h)\","
        + "\"cloudCoverClass\":\"Ciel dégagé\"}},"
        + "\"observations\":[{\"taxon\":{\"vernacularName\":\"Azuré des nerpruns\"},\"count\":1},"
        + "{\"taxon\":{\"vernacularName\":\"Piérides blanches\"},\"count\":4}]}"));
  }

  @Test
  void aVisitWhereNothingWasSeenHasNoObservations() throws Exception {
    List<JsonNode> trees = Fixtures.trees(read(DIR));
    JsonNode v12008 = trees.stream().filter(t -> t.get("submissionId").asText().equals("propage-export-12008"))
        .findFirst().orElseThrow();
    assertThat(v12008.get("observations").isArray(), is(true));
    assertThat(v12008.get("observations").size(), is(0));
    assertThat(v12008.at("/visit/durationMinutes").asInt(), is(10));
    long nothing = trees.stream().filter(t -> t.get("observations").isEmpty()).count();
    assertThat(nothing, is(5L));
    assertThat(read(DIR).figures().get("visits where nothing was seen"), is(5L));
  }

  @Test
  void durationsAreMinutesAndWholeOnesAreIntegers() throws Exception {
    Map<Integer, Long> byMinutes = Fixtures.trees(read(DIR)).stream()
        .map(t -> t.at("/visit/durationMinutes"))
        .peek(d -> assertThat(d.isIntegralNumber(), is(true)))
        .collect(Collectors.groupingBy(JsonNode::asInt, Collectors.counting()));
    assertThat(byMinutes, is(Map.of(5, 4L, 8, 1L, 10, 17L, 15, 7L, 20, 1L)));
    Conversion minutes = Conversion.parse(new ObjectMapper().readTree(
        "{\"type\":\"number\",\"divideBy\":60,\"maxDecimals\":3,\"nonNegative\":true}"), "test", Map.of());
    assertThat(minutes.apply("630", n -> null).toString(), is("10.5"));
    assertThat(minutes.apply("50", n -> null).toString(), is("0.833"));
    assertThat(minutes.apply("600", n -> null).toString(), is("10"));
  }

  @Test
  void countsAreKeptExactlyZerosLeftOut() throws Exception {
    String[] header = Fixtures.csvHeader(DIR.resolve("data_releves_large.csv"), ',');
    Map<String, Long> csvSums = new HashMap<>();
    for (String[] row : Fixtures.csvRows(DIR.resolve("data_releves_large.csv"), ',')) {
      for (int i = 1; i < row.length; i++) {
        csvSums.merge(header[i], Long.parseLong(row[i]), Long::sum);
      }
    }
    csvSums.values().removeIf(n -> n == 0);
    Map<String, Long> imported = new HashMap<>();
    for (JsonNode t : Fixtures.trees(read(DIR))) {
      for (JsonNode o : t.get("observations")) {
        assertThat(o.get("count").asLong() > 0, is(true));
        imported.merge(o.at("/taxon/vernacularName").asText(), o.get("count").asLong(), Long::sum);
      }
    }
    assertThat(imported, is(csvSums));
  }

  @Test
  void sameInputSameBytes() throws Exception {
    assertThat(Fixtures.jsonLines(read(DIR)), is(Fixtures.jsonLines(read(DIR))));
  }

  @Test
  void aVisitInOnlyOneFileIsReportedWithItsLine(@TempDir Path dir) throws Exception {
    Fixtures.copy(DIR, dir);
    // drop visit 12006 (line 3) from the counts, and 12008 (line 4) from the visits
    dropLine(dir.resolve("data_releves_large.csv"), 3);
    dropLine(dir.resolve("data_env_1_clean.csv"), 4);
    ImportResult result = read(dir);
    assertThat(result.submissions(), hasSize(28));
    assertThat(result.problems().stream().map(RowProblem::toString).toList(), contains(
        "data_env_1_clean.csv:3: visit 12006 has no row in data_releves_large.csv",
        "data_releves_large.csv:3: visit 12008 has no row in data_env_1_clean.csv"));
    assertThat(result.figures().get("visits only in data_env_1_clean.csv (skipped)"), is(1L));
    assertThat(result.figures().get("visits only in data_releves_large.csv (skipped)"), is(1L));
  }

  @Test
  void aBadRowIsSkippedAndAnEmptyOrNaCellLeftOut(@TempDir Path dir) throws Exception {
    Fixtures.copy(DIR, dir);
    Path visits = dir.resolve("data_env_1_clean.csv");
    List<String> lines = new ArrayList<>(Files.readAllLines(visits, StandardCharsets.UTF_8));
    lines.set(1, lines.get(1).replace("2014-08-01", "2014-13-01"));           // 12005: no 13th month
    lines.set(2, lines.get(2).replace("26-30°C", "NA").replace(",Jardin,", ",,")); // 12006: unknowns
    lines.set(3, lines.get(3).replace(",600,", ",630,"));                     // 12008: 10.5 minutes
    Files.write(visits, lines, StandardCharsets.UTF_8);
    Path counts = dir.resolve("data_releves_large.csv");
    List<String> c = new ArrayList<>(Files.readAllLines(counts, StandardCharsets.UTF_8));
    c.set(4, c.get(4).replaceFirst(",0,", ",x,"));                              // 12009: a count that is no number
    Files.write(counts, c, StandardCharsets.UTF_8);

    ImportResult result = read(dir);
    assertThat(result.problems().stream().map(RowProblem::toString).toList(), contains(
        "data_releves_large.csv:5: visit 12009: count 'x' for 'Amaryllis' is not a whole number",
        "data_env_1_clean.csv:2: visit 12005: releve_date '2014-13-01' is not a date (YYYY-MM-DD)"));
    assertThat(result.submissions(), hasSize(28));
    JsonNode v12006 = Fixtures.trees(result).get(0);
    assertThat(v12006.get("submissionId").asText(), is("propage-export-12006"));
    assertThat(v12006.get("site").size(), is(0));
    assertThat(v12006.at("/visit/weather").toString(),
        is("{\"windClass\":\"0 Beaufort (0km/h)\",\"cloudCoverClass\":\"Ciel dégagé\"}"));
    assertThat(Fixtures.trees(result).get(1).at("/visit/durationMinutes").decimalValue().toString(), is("10.5"));
    assertThat(result.figures().get("durations not a whole number of minutes"), is(1L));
  }

  @Test
  void aFolderWithoutTheExportIsOneClearError(@TempDir Path dir) throws Exception {
    ImportException e = assertThrows(ImportException.class, () -> read(dir.resolve("missing")));
    assertThat(e.getMessage(), startsWith("--input "));
    assertThat(e.getMessage(), containsString("is not a folder"));
    e = assertThrows(ImportException.class, () -> read(dir));
    assertThat(e.getMessage(), containsString("has no readable data_env_1_clean.csv"));
    Fixtures.copy(DIR, dir);
    Files.writeString(dir.resolve("data_env_1_clean.csv"), "id_releve,habitat\n1,Jardin\n");
    e = assertThrows(ImportException.class, () -> read(dir));
    assertThat(e.getMessage(), is("data_env_1_clean.csv has no column 'transect_habitat' (is --format right?)"));
  }

  private static void dropLine(Path file, int line) throws Exception {
    List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
    lines.remove(line - 1);
    Files.write(file, lines, StandardCharsets.UTF_8);
  }
}
