package org.observatoire.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.observatoire.core.csv.CsvRows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class LocateCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cmd = new CommandLine(new LocateCommand());
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(err));
    return cmd.execute(args);
  }

  @Test
  void onePointInFranceAsJson() throws Exception {
    assertThat(run("--lat", "48.853", "--lon", "2.3499", "--uncertainty", "0", "--seed", "7"), is(0));
    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertThat(json.at("/cells/inpn10km").asText(), is("10kmL93E065N686"));
    assertThat(json.at("/assignedCells/inpn10km").asText(), is("10kmL93E065N686"));
    assertThat(json.at("/cells/eea1km").asText(), startsWith("1kmE3"));
    assertThat(json.at("/lambert93/x").asDouble(), is(652296.97)); // 48.853, 2.3499 (GeoReprojectorTest: ~652 297)
    assertThat(json.at("/departement/code").asText(), is("75"));
    assertThat(json.at("/region/name").asText(), is("Île-de-France"));
    assertThat(json.at("/outsideFrance").asBoolean(), is(false));
    assertThat(json.at("/input/seed").asLong(), is(7L));
  }

  @Test
  void aPointInLiechtensteinIsFlaggedOutsideFrance() throws Exception {
    assertThat(run("--lat", "47.168611", "--lon", "9.508333", "--uncertainty", "250"), is(0));
    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertThat(json.get("departement").isNull(), is(true));
    assertThat(json.get("region").isNull(), is(true));
    assertThat(json.at("/outsideFrance").asBoolean(), is(true));
    assertThat(json.at("/locationStatus").asText(), is("OUTSIDE_FRANCE"));
    assertThat(json.at("/cells/eea10km").asText(), startsWith("10kmE4"));
  }

  @Test
  void invalidArgumentsExitWithTwoAndAMessage() {
    assertThat(run("--lat", "148.85", "--lon", "2.35"), is(2));
    assertThat(err.toString(), containsString("latitude"));
    assertThat(run("--lat", "48.85"), is(2));
  }

  @Test
  void csvKeepsColumnsAppendsLocationAndFlagsBadRows(@TempDir Path dir) throws Exception {
    Path in = dir.resolve("points.csv");
    Files.writeString(in, String.join("\n",
        "occurrenceID,name,lat,lon,coordinateUncertaintyInMeters",
        "o1,\"Brest, port\",48.3904,-4.4861,0",
        "o2,\"Strasbourg \"\"centre\"\"\",48.5734,7.7521,",
        "o3,bad latitude,abc,2.35,10",
        "o4,\"multi",
        "line\",41.9192,8.7386,100",
        "o5,Vaduz,47.168611,9.508333,250",
        "o6,too far north,95,2,0",
        ""), StandardCharsets.UTF_8);
    Path outCsv = dir.resolve("located.csv");
    assertThat(run("--input", in.toString(), "--output", outCsv.toString(), "--seed", "1"), is(0));

    List<List<String>> rows = readAll(Files.readString(outCsv));
    assertThat(rows, hasSize(7));
    List<String> header = rows.get(0);
    assertThat(header.subList(0, 5), contains("occurrenceID", "name", "lat", "lon", "coordinateUncertaintyInMeters"));
    assertThat(header.subList(5, header.size()), is(LocateCommand.APPENDED_COLUMNS));
    int inpn = header.indexOf("inpn10km"), dep = header.indexOf("departement_code"), reg = header.indexOf("region_code");
    int error = header.indexOf("error"), status = header.indexOf("location_status"), unc = header.indexOf("uncertainty_m");

    List<String> brest = rows.get(1);
    assertThat(brest.get(1), is("Brest, port"));
    assertThat(brest.get(dep), is("29"));
    assertThat(brest.get(reg), is("53"));
    assertThat(brest.get(inpn), is(brest.get(header.indexOf("assigned_inpn10km"))));
    assertThat(brest.get(error), is(""));

    List<String> strasbourg = rows.get(2);
    assertThat(strasbourg.get(1), is("Strasbourg \"centre\""));
    assertThat(strasbourg.get(dep), is("67"));
    assertThat(strasbourg.get(unc), is("1000")); // unknown uncertainty -> 1000 m

    assertThat(rows.get(3).get(error), is("latitude 'abc' is not a number"));
    assertThat(rows.get(3).get(1), is("bad latitude"));
    assertThat(rows.get(3).get(inpn), is(""));

    assertThat(rows.get(4).get(1), is("multi\nline"));
    assertThat(rows.get(4).get(dep), is("2A"));
    assertThat(rows.get(4).get(reg), is("94"));

    assertThat(rows.get(5).get(status), is("OUTSIDE_FRANCE"));
    assertThat(rows.get(5).get(dep), is(""));
    assertThat(rows.get(5).get(error), is(""));

    assertThat(rows.get(6).get(error), containsString("latitude must be"));
  }

  @Test
  void csvWithoutCoordinateColumnsIsRefused(@TempDir Path dir) throws Exception {
    Path in = dir.resolve("no-coords.csv");
    Files.writeString(in, "a,b\n1,2\n");
    assertThat(run("--input", in.toString()), is(2));
    assertThat(err.toString(), containsString("no latitude and longitude columns"));
  }

  @Test
  void csvToStdoutWithoutIdUsesRowNumbersAndIsStable(@TempDir Path dir) throws Exception {
    Path in = dir.resolve("p.csv");
    Files.writeString(in, "\uFEFFlatitude,longitude\r\n45.7640,4.8357\r\n43.6047,1.4442\r\n");
    assertThat(run("--input", in.toString(), "--seed", "3"), is(0));
    String first = out.toString();
    assertThat(first, startsWith("latitude,longitude,x_l93"));
    assertThat(first.strip(), endsWith(",31,Haute-Garonne,76,Occitanie,INSIDE,"));
    out.getBuffer().setLength(0);
    assertThat(run("--input", in.toString(), "--seed", "3"), is(0));
    assertThat(out.toString(), is(first));
  }

  private static List<List<String>> readAll(String csv) throws Exception {
    return CsvRows.read(new StringReader(csv), ',');
  }
}
