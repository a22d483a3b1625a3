package org.observatoire.beam.publish;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The public-data check on small releases written with DuckDB: each kind of leak is found and named without its
 * value, and a release without leaks passes.
 */
class PublicDataCheckTest {
  private static final List<String> OBSERVERS = List.of("camille lefebvre", "camille.lefebvre@example.org");
  @TempDir Path tmp;

  private void parquet(Path file, String select) throws SQLException, java.io.IOException {
    Files.createDirectories(file.getParent());
    try (Connection c = Duck.open(); Statement s = c.createStatement()) {
      s.execute("COPY (" + select + ") TO " + Duck.literal(file.toString()) + " (FORMAT parquet)");
    }
  }

  private Path restricted() throws Exception {
    Path locations = tmp.resolve("restricted/locations");
    parquet(locations.resolve("locations.parquet"), "SELECT 'occ-raw-1' AS occurrenceID, 'taxref:2938' AS taxonKey,"
        + " 45.18825 AS decimalLatitude, 5.72441 AS decimalLongitude, 'wh_0123456789abcdef0123' AS"
        + " publishedOccurrenceID, 'oiseaux-des-jardins:garden-1' AS eventID, 'jardin-privacy-1' AS locationID");
    return locations;
  }

  private static String wkbDouble(double v) {
    byte[] b = java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putDouble(v).array();
    return "'" + java.util.HexFormat.of().formatHex(b) + "'";
  }

  @Test
  void aCleanReleasePasses() throws Exception {
    Path release = tmp.resolve("release");
    parquet(release.resolve("occurrences/protocol=x/year=2025/part-0.parquet"), "SELECT 'wh_0123456789abcdef0123'"
        + " AS occurrenceID, 'taxref:2938' AS taxonKey, 45.15 AS decimalLatitude, 5.75 AS decimalLongitude,"
        + " 'generalised' AS dataGeneralizations, 'obs_1234' AS recordedBy, ['FLAG'] AS flags");
    Files.writeString(release.resolve("report.html"), "<p>Camille est une commune; lefebvre@other.org</p>");
    assertThat(PublicDataCheck.of(OBSERVERS, restricted()).problems(release), empty());
  }

  @Test
  void everyKindOfLeakIsFoundAndNamedWithoutItsValue() throws Exception {
    Path release = tmp.resolve("release");
    parquet(release.resolve("occurrences/protocol=x/year=2025/part-0.parquet"), "SELECT * FROM (VALUES"
        + " ('occ-raw-1', 'taxref:2938', 45.18825, 5.72441, NULL, 'Camille Lefebvre', ['x'], 'jardin-privacy-1'),"
        + " ('b', 'taxref:3764', 45.0, 5.0, NULL, 'obs_1', ['camille.lefebvre@example.org'], NULL))"
        + " t(occurrenceID, taxonKey, decimalLatitude, decimalLongitude, dataGeneralizations, recordedBy, flags,"
        + " locationID)");
    parquet(release.resolve("rejected/rejected-0.parquet"), "SELECT [{'code': 'MALFORMED_JSON', 'message':"
        + " 'Unrecognized token ''Lefebvre'' ... Camille Lefebvre'}] AS violations");
    // a GeoParquet-like point column (ISO WKB, little endian): POINT(5.72441 45.18825)
    parquet(release.resolve("visits/part-0.parquet"), "SELECT from_hex('0101000000' || "
        + wkbDouble(5.72441) + " || " + wkbDouble(45.18825) + ") AS geometry");
    Files.writeString(release.resolve("report.html"), "<td>Unrecognized token 'x': Camille LEFEBVRE</td>");
    Files.writeString(release.resolve("manifest.json"), "{\"eventID\":\"oiseaux-des-jardins:garden-1\"}");
    List<String> problems = PublicDataCheck.of(OBSERVERS, restricted()).problems(release);
    assertThat(problems, containsInAnyOrder(
        "occurrences column recordedBy: holds a name or e-mail of one of the run's observers",
        "occurrences column flags: holds a name or e-mail of one of the run's observers",
        "occurrences column occurrenceID: holds the submitted id of a generalised record (it links the public row"
            + " to the precise one)",
        "occurrences column locationID: holds the submitted id of a generalised record (it links the public row"
            + " to the precise one)",
        "occurrences columns decimalLatitude/decimalLongitude: 1 precise location(s) of generalised records are"
            + " public",
        "occurrences: 1 row(s) of sensitive taxa are published finer than their grid cell",
        "rejected column violations: holds a name or e-mail of one of the run's observers",
        "visits column geometry: 1 precise location(s) of generalised records are public (WKB points)",
        "report.html: holds a name or e-mail of one of the run's observers",
        "manifest.json: holds the submitted id of a generalised record"));
    assertThat(problems, everyItem(not(containsString("Lefebvre"))));
  }
}
