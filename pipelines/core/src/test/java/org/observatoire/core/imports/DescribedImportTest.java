package org.observatoire.core.imports;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatoire.core.protocol.PackageFolders;
import org.observatoire.core.protocol.ProtocolCatalog;
import org.observatoire.core.protocol.ProtocolPackage;
import org.observatoire.core.protocol.ProtocolPackages;
import org.observatoire.core.protocol.RuleBook;
import org.observatoire.core.protocol.check.PackageCheck;
import org.observatoire.core.samples.SampleData;

/**
 * A new export format added as data only: a temporary copy of a package gets {@code imports/garden-walks.json}, and
 * the engine imports an export of that shape with no Java written for it; {@code protocol check} reads it, and
 * reports a broken one naming its file.
 */
class DescribedImportTest {
  private static final Instant NOW = Instant.parse("2026-11-23T00:00:00Z");
  private static final String DESCRIPTION = """
      {
        "format": "garden-walks",
        "description": "A garden club's walks: walks.csv and counts.csv (';'-separated), joined by walk",
        "protocolVersion": 1,
        "separator": ";",
        "submission": {"per": "row", "file": "walks.csv", "key": "walk", "noun": "walk", "id": "garden-walk-{walk}"},
        "join": {"file": "counts.csv", "key": "walk",
                 "wide": {"array": "/observations", "name": "/taxon/vernacularName", "count": "/count"}},
        "objects": ["/site", "/visit"],
        "fields": [
          {"pointer": "/site/id", "value": "garden-{garden}"},
          {"pointer": "/site/latitude", "column": "lat", "convert": "number"},
          {"pointer": "/site/longitude", "column": "lon", "convert": "number"},
          {"name": "isoDay", "column": "day",
           "convert": {"type": "pattern", "match": "([0-9]{2})/([0-9]{2})/([0-9]{4})", "replace": "$3-$2-$1",
                       "expected": "a date (DD/MM/YYYY)"}},
          {"pointer": "/visit/date", "from": "isoDay", "convert": "date"},
          {"pointer": "/visit/startTime", "column": "from"},
          {"pointer": "/visit/durationMinutes", "column": "minutes", "convert": "number"}
        ],
        "figures": [
          {"label": "walks", "count": "true"},
          {"label": "butterflies", "count": "sum(s.observations.map(o, o.count))"}
        ],
        "notes": ["no observer in the export: left out"]
      }
      """;

  @Test
  void aFormatDescribedOnlyByDataImportsAndPassesTheCheck(@TempDir Path tmp) throws Exception {
    Path pkg = tmp.resolve("protocols/propage");
    PackageFolders.copy(SampleData.root().getParent().resolve("protocols/propage"), pkg);
    Files.writeString(pkg.resolve("imports/garden-walks.json"), DESCRIPTION, StandardCharsets.UTF_8);
    Path export = Files.createDirectories(tmp.resolve("export"));
    Files.writeString(export.resolve("walks.csv"), String.join("\n",
        "walk;garden;lat;lon;day;from;minutes",
        "w001;12;47.2378;6.0241;12/07/2025;14:30;10",
        "w002;12;47.2378;6.0241;31/06/2025;15:00;10",  // no 31 June: skipped
        "w003;7;NA;NA;13/07/2025;;10", ""), StandardCharsets.UTF_8);
    Files.writeString(export.resolve("counts.csv"), String.join("\n",
        "walk;Vulcain;Citrons;Papillon indéterminé",
        "w001;2;0;1", "w002;0;0;0", "w003;0;0;0", ""), StandardCharsets.UTF_8);

    ProtocolPackages packages = ProtocolPackages.in(tmp.resolve("protocols"));
    ExportImporter importer = ExportImporters.in(packages).get("garden-walks");
    ImportResult result = importer.read(export, Fixtures.SETTINGS);

    assertThat(result.problems().stream().map(RowProblem::toString).toList(), contains(
        "walks.csv:3: walk w002: isoDay '2025-06-31' is not a date (YYYY-MM-DD)"));
    assertThat(Fixtures.jsonLines(result).split("\n")[0], is("{\"submissionId\":\"garden-walk-w001\","
        + "\"protocol\":\"propage\",\"protocolVersion\":1,\"submittedAt\":\"2026-03-01T09:30:00+01:00\","
        + "\"app\":{\"name\":\"observatoire-import\",\"version\":\"garden-walks\"},"
        + "\"site\":{\"id\":\"garden-12\",\"latitude\":47.2378,\"longitude\":6.0241},"
        + "\"visit\":{\"date\":\"2025-07-12\",\"startTime\":\"14:30\",\"durationMinutes\":10},"
        + "\"observations\":[{\"taxon\":{\"vernacularName\":\"Vulcain\"},\"count\":2},"
        + "{\"taxon\":{\"vernacularName\":\"Papillon indéterminé\"},\"count\":1}]}"));
    List<JsonNode> trees = Fixtures.trees(result);
    assertThat(trees, hasSize(2));
    // unknowns are left out, never invented: no coordinates and no start time for w003, and nothing was seen
    assertThat(trees.get(1).get("site").toString(), is("{\"id\":\"garden-7\"}"));
    assertThat(trees.get(1).get("visit").toString(), is("{\"date\":\"2025-07-13\",\"durationMinutes\":10}"));
    assertThat(trees.get(1).get("observations").size(), is(0));
    assertThat(result.figures().toString(), is("{walks=2, butterflies=3, walks only in walks.csv (skipped)=0, "
        + "walks only in counts.csv (skipped)=0}"));
    assertThat(result.notes(), contains("no observer in the export: left out"));

    // the submissions go through the package's validation like any other: the schema accepts them
    ProtocolPackage p = packages.require("propage");
    ProtocolCatalog catalog = ProtocolCatalog.of(packages);
    RuleBook rules = RuleBook.at(NOW).over(packages);
    for (JsonNode s : trees) {
      assertThat(s.toString(), PackageCheck.codes(s, p, catalog, rules).stream()
          .filter(c -> c.startsWith("SCHEMA_")).toList(), empty());
    }
    PackageCheck.Report check = PackageCheck.check(pkg, NOW);
    assertThat(String.join("\n", check.problems()), check.passed(), is(true));
    assertThat(check.summary(), containsString("import garden-walks, propage-export"));
  }

  @Test
  void aBrokenDescriptionIsAProblemOfTheCheckNamingItsFile(@TempDir Path tmp) throws Exception {
    Path pkg = tmp.resolve("propage");
    PackageFolders.copy(SampleData.root().getParent().resolve("protocols/propage"), pkg);
    Files.writeString(pkg.resolve("imports/garden-walks.json"),
        DESCRIPTION.replace("\"objects\"", "\"object\""), StandardCharsets.UTF_8);
    PackageCheck.Report check = PackageCheck.check(pkg, NOW);
    assertThat(check.problems(), hasSize(1));
    assertThat(check.problems().get(0), containsString("imports/garden-walks.json: unknown key \"object\""));

    Files.writeString(pkg.resolve("imports/garden-walks.json"),
        DESCRIPTION.replace("\"convert\": \"date\"", "\"convert\": \"isoDate\""), StandardCharsets.UTF_8);
    assertThat(PackageCheck.check(pkg, NOW).problems().get(0), containsString("unknown conversion 'isoDate'"));

    Files.writeString(pkg.resolve("imports/garden-walks.json"),
        DESCRIPTION.replace("sum(s.observations.map(o, o.count))", "sum(s.observations.map(o, o.count)"),
        StandardCharsets.UTF_8);
    assertThat(PackageCheck.check(pkg, NOW).problems().get(0), containsString("figure 'butterflies'"));

    // a misspelt pointer would have every imported submission rejected by the schema: the check names it
    Files.writeString(pkg.resolve("imports/garden-walks.json"),
        DESCRIPTION.replace("/visit/durationMinutes", "/visit/durationMinute"), StandardCharsets.UTF_8);
    assertThat(PackageCheck.check(pkg, NOW).problems().get(0), containsString("garden-walks.json: pointer "
        + "/visit/durationMinute: \"durationMinute\" is not a property that schema v1 of the package allows"));
  }
}
