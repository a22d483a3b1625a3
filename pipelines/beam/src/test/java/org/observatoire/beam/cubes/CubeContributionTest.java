package org.observatoire.beam.cubes;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The bytes a contribution crosses the shuffle as give back the same contribution. */
class CubeContributionTest {
  @Test
  void aContributionComesBackFromItsBytes() {
    CubeContribution c = new CubeContribution("taxref:4001", "4001", "Erithacus rubecula", "SPECIES",
        "obs-5f3a", "stoc-eps:2025-0412-s1", 7, 250.0, 3600);
    assertThat(CubeContribution.decode(c.encode()), equalTo(c));
  }

  @Test
  void nullsNonAsciiLongTextsAndExtremesSurvive() {
    String longName = "Ptérophore " + "à".repeat(300); // lengths past one varint byte, two bytes per character
    CubeContribution c = new CubeContribution("name:" + longName, null, longName, null, null, "propage:é",
        Long.MIN_VALUE, Double.POSITIVE_INFINITY, Long.MAX_VALUE);
    assertThat(CubeContribution.decode(c.encode()), equalTo(c));
    CubeContribution empty = new CubeContribution("", "", "", "", "", "", 0, -0.0, 0);
    assertThat(CubeContribution.decode(empty.encode()), equalTo(empty));
  }

  @Test
  void aContributionWithoutTaxonOrVisitIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new CubeContribution(null, "1", "x", "SPECIES", "o", "v", 1, 1, 1));
    assertThat(e.getMessage(), containsString("taxon key"));
  }
}
