package org.observatoire.beam.cubes;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bytes a contribution, or a batch of them, crosses the shuffle as give back the same contributions. */
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
  void aBatchGivesBackItsContributionsInOrder() {
    List<CubeContribution> added = new ArrayList<>();
    CubeContribution.Batch batch = new CubeContribution.Batch();
    for (int i = 0; i < 40; i++) { // past the first buffer, and one contribution longer than 127 bytes
      CubeContribution c = new CubeContribution("taxref:" + i, Integer.toString(i), "Name " + "é".repeat(i * 3),
          i % 3 == 0 ? null : "SPECIES", "obs-" + (i % 4), "visit-" + (i % 5), i, i * 10.0, i * 60L);
      added.add(c);
      batch.add(c.encode());
    }
    List<CubeContribution> read = new ArrayList<>();
    CubeContribution.Batch.forEach(batch.toByteArray(), read::add);
    assertThat(read, equalTo(added));
  }

  @Test
  void bytesThatAreNotABatchAreAClearError() {
    byte[] one = new CubeContribution("t", "1", "x", "SPECIES", "o", "v", 1, 1, 1).encode();
    byte[] wrongLength = new byte[one.length + 2];
    wrongLength[0] = (byte) (one.length + 1); // says one byte more than the contribution holds
    System.arraycopy(one, 0, wrongLength, 1, one.length);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> CubeContribution.Batch.forEach(wrongLength, c -> { }));
    assertThat(e.getMessage(), containsString("not written by Batch.add"));
  }

  @Test
  void aContributionWithoutTaxonOrVisitIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new CubeContribution(null, "1", "x", "SPECIES", "o", "v", 1, 1, 1));
    assertThat(e.getMessage(), containsString("taxon key"));
  }
}
