package org.observatoire.beam.publish;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseChangesTest {
  @TempDir
  Path tmp;

  /** Writes occurrences (id, protocol, name, line) as a Hive-partitioned dataset under {@code release}. */
  private Path release(String name, String values) throws Exception {
    Path dir = tmp.resolve(name);
    Files.createDirectories(dir.resolve("occurrences"));
    try (Connection c = Duck.open(); Statement s = c.createStatement()) {
      s.execute("COPY (SELECT * FROM (VALUES " + values + ") t(occurrenceID, protocol, scientificName, sourceLine))"
          + " TO " + Duck.literal(dir.resolve("occurrences").toString())
          + " (FORMAT parquet, PARTITION_BY (protocol))");
    }
    return dir;
  }

  @Test
  void countsAddedRemovedChangedAndUnchangedPerProtocol() throws Exception {
    Path old = release("old", "('a', 'p1', 'Parus major', 1), ('b', 'p1', 'Erithacus rubecula', 2),"
        + " ('c', 'p1', 'Pica pica', 3), ('d', 'p2', 'Bombus terrestris', 1)");
    Path now = release("new", "('a', 'p1', 'Parus major', 1), ('b', 'p1', 'Erithacus rubecula rubecula', 2),"
        + " ('e', 'p1', 'Turdus merula', 3), ('d', 'p2', 'Bombus terrestris', 7), ('f', 'p3', 'Apis mellifera', 1)");
    ReleaseChanges changes = ReleaseChanges.between("r1", old, "r2", now);
    assertThat(changes.byProtocol().get("p1"), is(new ReleaseChanges.Counts(1, 1, 1, 1)));
    // d moved to another line: provenance, not content
    assertThat(changes.byProtocol().get("p2"), is(new ReleaseChanges.Counts(0, 0, 0, 1)));
    assertThat(changes.byProtocol().get("p3"), is(new ReleaseChanges.Counts(1, 0, 0, 0)));
    assertThat(changes.total(), is(new ReleaseChanges.Counts(2, 1, 1, 2)));

    changes.writeTo(now);
    JsonNode json = new ObjectMapper().readTree(now.resolve(ReleaseChanges.JSON_FILE).toFile());
    assertThat(json.path("previous").asText(), is("r1"));
    assertThat(json.path("protocols").path("p1").path("changed").asLong(), is(1L));
    assertThat(json.path("total").path("added").asLong(), is(2L));
    assertThat(Files.readString(now.resolve(ReleaseChanges.MD_FILE)), containsString("| p1 | 1 | 1 | 1 | 1 |"));
  }

  @Test
  void theFirstReleaseAddsEverything() throws Exception {
    Path now = release("first", "('a', 'p1', 'Parus major', 1), ('b', 'p2', 'Pica pica', 1)");
    ReleaseChanges changes = ReleaseChanges.between(null, null, "r1", now);
    assertThat(changes.total(), is(new ReleaseChanges.Counts(2, 0, 0, 0)));
    changes.writeTo(now);
    assertThat(Files.readString(now.resolve(ReleaseChanges.MD_FILE)), containsString("First release"));
  }
}
