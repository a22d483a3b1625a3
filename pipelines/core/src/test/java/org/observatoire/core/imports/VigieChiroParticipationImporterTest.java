package org.observatoire.core.imports;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VigieChiroParticipationImporterTest {
  private static final Path DIR = Fixtures.real().resolve("vigie-chiro");
  private static final String FILE = "participation-5f0490244f3219000fa1c36c-observations.csv";
  private static final String HEADER = "nom du fichier;temps_debut;temps_fin;frequence_mediane;tadarida_taxon;"
      + "tadarida_probabilite;tadarida_taxon_autre;observateur_taxon;observateur_probabilite;validateur_taxon;"
      + "validateur_probabilite";
  private final ExportImporter importer = ExportImporters.find("vigie-chiro-participation").orElseThrow();

  private ImportResult read(Path dir) throws ImportException {
    return importer.read(dir, Fixtures.SETTINGS);
  }

  @Test
  void everyDetectionIsAnObservation() throws Exception {
    ImportResult result = read(DIR);
    assertThat(result.problems(), is(empty()));
    assertThat(result.submissions(), hasSize(1));
    int csvRows = Fixtures.csvRows(DIR.resolve(FILE), ';').size();
    assertThat(csvRows, is(200));
    JsonNode s = Fixtures.trees(result).get(0);
    assertThat(s.get("observations").size(), is(csvRows));
    assertThat(result.rowsRead(), is(200L));
    assertThat(result.figures().get("observer corrections"), is(51L));
    long noise = StreamSupport.stream(s.get("observations").spliterator(), false)
        .filter(o -> o.at("/taxon/code").asText().equals("noise")).count();
    assertThat(noise, is(76L));
  }

  @Test
  void theParticipationInTheExactShape() throws Exception {
    String line = Fixtures.jsonLines(read(DIR)).split("\n")[0];
    assertThat(line.substring(0, line.indexOf("\"observations\":[")), is(
        "{\"submissionId\":\"vigie-chiro-5f0490244f3219000fa1c36c\",\"protocol\":\"vigie-chiro\","
        + "\"protocolVersion\":1,\"submittedAt\":\"2026-03-01T09:30:00+01:00\","
        + "\"app\":{\"name\":\"observatoire-import\",\"version\":\"vigie-chiro-participation\"},"
        + "\"site\":{\"id\":\"Car830928\",\"variant\":\"fixed\"},"
        // the span of the 200 detections: the night of 16 to 17 June 2020, summer time
        + "\"visit\":{\"date\":\"2020-06-16\",\"start\":\"2020-06-16T20:45:58+02:00\","
        + "\"end\":\"2020-06-17T06:17:59.3+02:00\"},"));
    JsonNode first = Fixtures.trees(read(DIR)).get(0).get("observations").get(0);
    assertThat(first.toString(), is("{\"fileName\":\"Car830928-2020-Pass1-Z18-VID05450_20200616_222325\","
        + "\"recordedAt\":\"2020-06-16T22:23:25+02:00\",\"pointId\":\"Z18\",\"taxon\":{\"code\":\"Antsp\"},"
        + "\"probability\":0.98,\"startSeconds\":0.0,\"endSeconds\":0.4,\"medianFrequencyKhz\":29.0}"));
  }

  @Test
  void observerCorrectionsAndOtherTaxaAreKeptVerbatim() throws Exception {
    JsonNode observations = Fixtures.trees(read(DIR)).get(0).get("observations");
    JsonNode corrected = StreamSupport.stream(observations.spliterator(), false)
        .filter(o -> o.get("fileName").asText().endsWith("_20200617_045741")).findFirst().orElseThrow();
    assertThat(corrected.toString(), is("{\"fileName\":\"Car830928-2020-Pass1-Z18-VID05450_20200617_045741\","
        + "\"recordedAt\":\"2020-06-17T04:57:41+02:00\",\"pointId\":\"Z18\",\"taxon\":{\"code\":\"Barbar\"},"
        + "\"probability\":0.06,\"observerTaxon\":{\"code\":\"noise\"},\"observerConfidence\":\"SUR\","
        + "\"otherTaxa\":\"Pipkuh, noise\",\"startSeconds\":0.0,\"endSeconds\":0.2,\"medianFrequencyKhz\":34.0}"));
  }

  @Test
  void validatorCorrectionsAndBadRowsOnAConstructedFile(@TempDir Path dir) throws Exception {
    // not a real export: the real one has no validator correction; rows shaped like its own
    Files.writeString(dir.resolve("participation-test0001-observations.csv"), String.join("\r\n",
        HEADER,
        "Car123456-2021-Pass2-Z3-ABC_20210328_013010;0.0;0.5;45.0;Pippip;0.9;;Pipkuh;POSSIBLE;Pippyg;SUR",
        "Car123456-2021-Pass2-Z3-ABC_20210328_023010;0.0;0.5;45.0;Pippip;0.9;;;;;",   // 02:30 does not exist
        "Car123456-2021-Pass2-Z3-ABC_20210327_223010;0.1;;;noise;0.5;;;;;",
        "Car123456-2021-Pass2-Z3-ABC_20210327_225960;0.0;0.5;45.0;Pippip;0.9;;;;;",   // second 60
        "Car999999-2021-Pass2-Z3-ABC_20210327_230000;0.0;0.5;45.0;Pippip;0.9;;;;;",   // another square
        "Car123456-2021-Pass2-A3-ABC_20210327_230000;0.0;0.5;45.0;Pippip;0.9;;;;;",   // a pedestrian point
        "Car123456-2021-Pass2-Z3-ABC_20210327_230000;0.0;0.5;45.0;;0.9;;;;;",         // no code
        "Car123456-2021-Pass2-Z3-ABC_20210327_230000;0.0;0.5;45.0;Pippip;high;;;;;",   // no number
        "Car123456-2021-Pass2-Z3-ABC_20210327_230000;0.0;0.5;45.0;Pippip",            // short row
        ""), StandardCharsets.UTF_8);
    ImportResult result = read(dir);
    List<String> problems = result.problems().stream().map(RowProblem::toString).toList();
    String f = "participation-test0001-observations.csv:";
    assertThat(problems, contains(
        f + "3: recording 'Car123456-2021-Pass2-Z3-ABC_20210328_023010': 2021-03-28T02:30:10 does not exist in "
            + "Europe/Paris (the clock jumped forward)",
        f + "5: recording 'Car123456-2021-Pass2-Z3-ABC_20210327_225960': 20210327_225960 is not a date and time",
        f + "6: recording 'Car999999-2021-Pass2-Z3-ABC_20210327_230000' is from square Car999999, the "
            + "participation's first is Car123456",
        f + "7: point A3 of 'Car123456-2021-Pass2-A3-ABC_20210327_230000' is not a fixed point (Z...): this format "
            + "is Vigie-Chiro Point Fixe",
        f + "8: no tadarida_taxon",
        f + "9: tadarida_probabilite 'high' is not a number",
        f + "10: 5 cells, the header has 11"));
    JsonNode s = Fixtures.trees(result).get(0);
    assertThat(s.get("submissionId").asText(), is("vigie-chiro-test0001"));
    assertThat(s.get("visit").toString(), is("{\"date\":\"2021-03-27\",\"start\":\"2021-03-27T22:30:10+01:00\","
        + "\"end\":\"2021-03-28T01:30:10.5+01:00\"}"));
    assertThat(s.at("/observations/0").toString(), is("{\"fileName\":\"Car123456-2021-Pass2-Z3-ABC_20210328_013010\","
        + "\"recordedAt\":\"2021-03-28T01:30:10+01:00\",\"pointId\":\"Z3\",\"taxon\":{\"code\":\"Pippip\"},"
        + "\"probability\":0.9,\"observerTaxon\":{\"code\":\"Pipkuh\"},\"observerConfidence\":\"POSSIBLE\","
        + "\"validatorTaxon\":{\"code\":\"Pippyg\"},\"validatorConfidence\":\"SUR\",\"startSeconds\":0.0,"
        + "\"endSeconds\":0.5,\"medianFrequencyKhz\":45.0}"));
    assertThat(s.at("/observations/1").toString(), is("{\"fileName\":\"Car123456-2021-Pass2-Z3-ABC_20210327_223010\","
        + "\"recordedAt\":\"2021-03-27T22:30:10+01:00\",\"pointId\":\"Z3\",\"taxon\":{\"code\":\"noise\"},"
        + "\"probability\":0.5,\"startSeconds\":0.1}"));
    assertThat(result.figures().get("validator corrections"), is(1L));
  }

  @Test
  void theEveningANightStartedAndTheAutumnHour() throws Exception {
    ObjectMapper json = new ObjectMapper();
    Conversion evening = Conversion.parse(json.readTree("{\"type\":\"dateOfNight\",\"dayStarts\":\"12:00\"}"),
        "test", Map.of());
    assertThat(evening.apply(OffsetDateTime.parse("2020-06-16T20:45:12+02:00"), n -> null), is("2020-06-16"));
    assertThat(evening.apply(OffsetDateTime.parse("2020-06-17T00:10:00+02:00"), n -> null), is("2020-06-16"));
    // 02:30 on 25 October 2020 happened twice: the first (summer time) is taken
    Conversion local = Conversion.parse(json.readTree("{\"type\":\"localDateTime\",\"pattern\":\"uuuuMMddHHmmss\","
        + "\"zone\":\"Europe/Paris\"}"), "test", Map.of());
    assertThat(local.apply("20201025023000", n -> null).toString(), is("2020-10-25T02:30+02:00"));
  }

  @Test
  void aFolderWithoutParticipationsIsOneClearError(@TempDir Path dir) throws Exception {
    ImportException e = assertThrows(ImportException.class, () -> read(dir));
    assertThat(e.getMessage(), is("--input " + dir + " has no participation-<id>-observations.csv file"));
    e = assertThrows(ImportException.class, () -> read(dir.resolve("nope")));
    assertThat(e.getMessage(), is("--input " + dir.resolve("nope") + " is not a folder"));
    Files.write(dir.resolve(FILE), new byte[] {'n', 'o', 'm', (byte) 0xe9, '\n'});
    e = assertThrows(ImportException.class, () -> read(dir));
    assertThat(e.getMessage(), containsString("is not UTF-8 text"));
  }
}
