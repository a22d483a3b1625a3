package org.observatoire.core.keys;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OccurrenceKeysTest {

  private static final LocalDate DAY = LocalDate.of(2025, 5, 12);

  @Test
  void occurrenceIdIsAStableVersion8Uuid() {
    String id = OccurrenceKeys.occurrenceId("stoc-eps", "app1:sub-00042", 3);
    assertThat(id, matchesPattern("[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
    assertThat(UUID.fromString(id).version(), is(8));
    assertThat(OccurrenceKeys.occurrenceId("stoc-eps", "app1:sub-00042", 3), is(id));
    assertThat(OccurrenceKeys.occurrenceId("stoc-eps", "app1:sub-00042", 4), not(id));
    assertThat(OccurrenceKeys.occurrenceId("propage", "app1:sub-00042", 3), not(id));
    // pinned: the same inputs give this id on every machine, forever (changing it breaks published occurrenceIDs)
    assertThat(id, is("80606589-c21a-8c3e-b3bc-30ce2ff96394"));
    assertThrows(IllegalArgumentException.class, () -> OccurrenceKeys.occurrenceId("stoc-eps", " ", 0));
  }

  @Test
  void repeatedOccurrenceInOneSubmissionHasTheSameKey() {
    String a = OccurrenceKeys.repeatKey("stoc-eps", "sub-1", "taxref:4117",
        Map.of("pointNumber", "3", "distanceBand", "0-25"));
    String b = OccurrenceKeys.repeatKey("stoc-eps", "sub-1", "taxref:4117",
        Map.of("distanceBand", "0-25", "pointNumber", "3"));
    assertThat(b, is(a));
    assertThat(a, matchesPattern("[0-9a-f]{32}"));
    assertThat(OccurrenceKeys.repeatKey("stoc-eps", "sub-1", "taxref:4117",
        Map.of("pointNumber", "4", "distanceBand", "0-25")), not(a));
    // field boundaries matter
    assertThat(OccurrenceKeys.repeatKey("p", "ab", "taxref:1", Map.of()),
        not(OccurrenceKeys.repeatKey("pa", "b", "taxref:1", Map.of())));
  }

  @Test
  void nearDuplicatesShareACellKeyOrAProbeKey() {
    double lat = 48.8462;
    double lon = 2.3371;
    String key = OccurrenceKeys.nearDuplicateKey("oiseaux-des-jardins", "taxref:3764", DAY, lat, lon);
    // 20 m away: same cell or a neighbouring one, always found by probing
    double lat2 = lat + 20 / 111_320.0;
    String key2 = OccurrenceKeys.nearDuplicateKey("oiseaux-des-jardins", "taxref:3764", DAY, lat2, lon);
    assertThat(OccurrenceKeys.nearDuplicateProbeKeys("oiseaux-des-jardins", "taxref:3764", DAY, lat, lon),
        hasItem(key2));
    assertThat(OccurrenceKeys.nearDuplicateProbeKeys("oiseaux-des-jardins", "taxref:3764", DAY, lat, lon).get(0),
        is(key));
    // another day, taxon or far away: different
    assertThat(OccurrenceKeys.nearDuplicateKey("oiseaux-des-jardins", "taxref:3764", DAY.plusDays(1), lat, lon),
        not(key));
    assertThat(OccurrenceKeys.nearDuplicateKey("oiseaux-des-jardins", "taxref:4117", DAY, lat, lon), not(key));
    assertThat(OccurrenceKeys.nearDuplicateKey("oiseaux-des-jardins", "taxref:3764", DAY, lat + 0.01, lon),
        not(key));
  }

  @Test
  void pointsStraddlingACellEdgeAreFoundByProbing() {
    long[] cell = OccurrenceKeys.nearDuplicateCell(45.0, 5.0);
    double edgeLat = (cell[0] + 1) * (100 / 111_320.0);
    double below = edgeLat - 1e-6;
    double above = edgeLat + 1e-6;
    String a = OccurrenceKeys.nearDuplicateKey("propage", "taxref:54", DAY, below, 5.0);
    String b = OccurrenceKeys.nearDuplicateKey("propage", "taxref:54", DAY, above, 5.0);
    assertThat(b, not(a));
    assertThat(OccurrenceKeys.nearDuplicateProbeKeys("propage", "taxref:54", DAY, below, 5.0), hasItem(b));
  }
}
