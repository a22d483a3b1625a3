package org.observatoire.core.geo;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GeoCellAssignerTest {

  private static final Coordinate NOTRE_DAME = Coordinate.of(48.853, 2.3499);

  @Test
  void sameSeedAndIdGiveTheSameCellsWhateverTheOrderAndTheInstance() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      ids.add("urn:catalog:vigie-nature:stoc:" + i);
    }
    CellAssigner first = CellAssigner.create(20261122L);
    Map<String, Assignment> forward = new HashMap<>();
    for (String id : ids) {
      forward.put(id, first.assign(id, NOTRE_DAME, 5_000.0));
    }
    CellAssigner second = CellAssigner.create(20261122L);
    for (int i = ids.size() - 1; i >= 0; i--) {
      String id = ids.get(i);
      assertThat(second.assign(id, NOTRE_DAME, 5_000.0), is(forward.get(id)));
    }
    // parallel streams: the answer does not depend on the thread either
    ids.parallelStream().forEach(id -> assertThat(first.assign(id, NOTRE_DAME, 5_000.0), is(forward.get(id))));
  }

  @Test
  void anotherSeedGivesOtherDraws() {
    Assignment a = CellAssigner.create(1).assign("occ-1", NOTRE_DAME, 5_000.0);
    Assignment b = CellAssigner.create(2).assign("occ-1", NOTRE_DAME, 5_000.0);
    assertThat(a.displacedLaea(), is(not(b.displacedLaea())));
  }

  @Test
  void drawsArePinnedSoDatasetsStayByteIdenticalAcrossReleases() {
    // If this changes, every published cube changes: bump the dataset version, do not just update it.
    assertThat(OccurrenceRandom.initialState(42L, "occ-1"), is(OccurrenceRandom.mix64(42L) ^ fnv1a("occ-1")));
    double u = OccurrenceRandom.nthDouble(OccurrenceRandom.initialState(42L, "occ-1"), 1);
    assertThat(u, is(OccurrenceRandom.nthDouble(OccurrenceRandom.initialState(42L, "occ-1"), 1)));
    assertThat(u, is(greaterThanOrEqual(0.0)));
    assertThat(u, lessThan(1.0));
  }

  private static org.hamcrest.Matcher<Double> greaterThanOrEqual(double v) {
    return org.hamcrest.Matchers.greaterThanOrEqualTo(v);
  }

  private static long fnv1a(String s) {
    long h = 0xcbf29ce484222325L;
    for (char ch : s.toCharArray()) {
      h = (h ^ ch) * 0x100000001b3L;
    }
    return h;
  }

  @Test
  void zeroUncertaintyGivesThePointsOwnCells() {
    Assignment a = CellAssigner.create(7).assign("occ-0", NOTRE_DAME, 0.0);
    assertThat(a.inpn10km(), is(Grid.inpn10km().cellOf(NOTRE_DAME)));
    assertThat(a.eea1km(), is(Grid.eea1km().cellOf(NOTRE_DAME)));
    assertThat(a.eea10km(), is(Grid.eea10km().cellOf(NOTRE_DAME)));
    assertThat(a.displacedLambert93(), is(a.lambert93()));
    assertThat(a.inpn10km().code(), is("10kmL93E065N686"));
    assertThat(a.uncertaintyDefaulted(), is(false));
    assertThat(CellAssigner.create(7).cellsOf(NOTRE_DAME).eea1km(), is(a.eea1km()));
  }

  @Test
  void unknownUncertaintyMeansOneKilometre() {
    Assignment a = CellAssigner.create(7).assign("occ-x", NOTRE_DAME, null);
    assertThat(a.uncertaintyMeters(), is(1000.0));
    assertThat(a.uncertaintyDefaulted(), is(true));
  }

  @Test
  void theDisplacedPointIsUniformInTheDisc() {
    // 20 000 draws at r = 1 000 m with a fixed seed, binned in 10 equal-area rings x 8 sectors
    // (250 expected per bin). Chi-square with 79 degrees of freedom: 124.8 is the 0.1 % critical value.
    CellAssigner assigner = CellAssigner.create(123456789L);
    double r = 1_000;
    int rings = 10, sectors = 8, n = 20_000;
    int[][] bins = new int[rings][sectors];
    double sumDx = 0, sumDy = 0;
    for (int i = 0; i < n; i++) {
      Assignment a = assigner.assign("occurrence-" + i, NOTRE_DAME, r);
      double dx = a.displacedLaea().x() - a.laea().x();
      double dy = a.displacedLaea().y() - a.laea().y();
      // the same displacement in both CRSs
      assertThat(a.displacedLambert93().x() - a.lambert93().x(), closeTo(dx, 1e-6));
      double d = Math.hypot(dx, dy);
      assertThat(d, lessThanOrEqualTo(r));
      int ring = Math.min(rings - 1, (int) (rings * (d / r) * (d / r))); // equal-area rings: (d/r)^2 is uniform
      double angle = Math.atan2(dy, dx) + Math.PI;
      int sector = Math.min(sectors - 1, (int) (sectors * angle / (2 * Math.PI)));
      bins[ring][sector]++;
      sumDx += dx;
      sumDy += dy;
    }
    double expected = (double) n / (rings * sectors), chi2 = 0;
    for (int[] ring : bins) {
      for (int count : ring) {
        chi2 += (count - expected) * (count - expected) / expected;
      }
    }
    assertThat(chi2, lessThan(124.8));
    // the mean displacement is ~0 (standard error of each mean ~ r / sqrt(2n) ~ 5 m)
    assertThat(sumDx / n, closeTo(0, 20));
    assertThat(sumDy / n, closeTo(0, 20));
  }

  @Test
  void aLargeCircleSpreadsOverSeveralCellsAllOverlappingIt() {
    CellAssigner assigner = CellAssigner.create(99);
    Grid eea1 = Grid.eea1km();
    var overlapping = eea1.cellsOverlapping(NOTRE_DAME, 3_000);
    var seen = new java.util.HashSet<GridCell>();
    for (int i = 0; i < 2_000; i++) {
      GridCell c = assigner.assign("o" + i, NOTRE_DAME, 3_000.0).eea1km();
      assertThat(overlapping.contains(c), is(true));
      seen.add(c);
    }
    assertThat(seen.size(), greaterThan(20));
  }

  @Test
  void rejectsNegativeOrNonFiniteUncertainty() {
    CellAssigner assigner = CellAssigner.create(1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> assigner.assign("occ-9", NOTRE_DAME, -5.0));
    assertThat(e.getMessage(), containsString("occ-9"));
    assertThrows(IllegalArgumentException.class, () -> assigner.assign("occ-9", NOTRE_DAME, Double.NaN));
    assertThrows(NullPointerException.class, () -> assigner.assign(null, NOTRE_DAME, 5.0));
  }
}
