package org.observatoire.core.geo;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class GeoGridTest {

  private static final Grid INPN = Grid.inpn10km();
  private static final Grid EEA1 = Grid.eea1km();
  private static final Grid EEA10 = Grid.eea10km();
  private static final Reprojector SIS = Reprojector.sis();

  @Test
  void codesFollowThePublishedFormats() {
    // GeoNature's example: Lambert-93 (749648, 6956485) -> 10kmL93E074N695 (floor(74.96), floor(695.6))
    assertThat(INPN.cellAt(749_648, 6_956_485).code(), is("10kmL93E074N695"));
    // issue's examples, by hand: floor(652297/10000)=65 -> "065", floor(6861636/10000)=686
    assertThat(INPN.cellAt(652_297.12, 6_821_636.36).code(), is("10kmL93E065N682"));
    // floor(4283456.7/1000)=4283, floor(2672999.9/1000)=2672; at 10 km: 428, 267
    assertThat(EEA1.cellAt(4_283_456.7, 2_672_999.9).code(), is("1kmE4283N2672"));
    assertThat(EEA10.cellAt(4_283_456.7, 2_672_999.9).code(), is("10kmE428N267"));
    // small eastings keep three digits in the INPN grid (Ouessant is around x = 97 000)
    assertThat(INPN.cellAt(97_000, 6_850_000).code(), is("10kmL93E009N685"));
  }

  @Test
  void theEpsgExamplePointGetsItsEeaCells() {
    // 50°N 5°E -> (3 962 799.45, 2 999 718.85) per EPSG GN 7-2: 1 km (3962, 2999), 10 km (396, 299)
    assertThat(EEA1.cellOf(Coordinate.of(50, 5)).code(), is("1kmE3962N2999"));
    assertThat(EEA10.cellOf(Coordinate.of(50, 5)).code(), is("10kmE396N299"));
    // the issue's own example codes are those of its example point (Liechtenstein, 47.168611, 9.508333):
    // LAEA (4 283 694.16, 2 672 906.62) -> 1 km (4283, 2672), 10 km (428, 267)
    assertThat(EEA1.cellOf(Coordinate.of(47.168611, 9.508333)).code(), is("1kmE4283N2672"));
    assertThat(EEA10.cellOf(Coordinate.of(47.168611, 9.508333)).code(), is("10kmE428N267"));
    // Notre-Dame: (652 297, 6 861 636) in Lambert-93
    assertThat(INPN.cellOf(Coordinate.of(48.853, 2.3499)).code(), is("10kmL93E065N686"));
  }

  @Test
  void cellGeometryAndValues() {
    GridCell c = EEA1.cellAt(4_283_456.7, 2_672_999.9);
    assertThat(c.gridId(), is("eea1km"));
    assertThat(c.minX(), is(4_283_000.0));
    assertThat(c.minY(), is(2_672_000.0));
    assertThat(c.maxX(), is(4_284_000.0));
    assertThat(c.sizeMeters(), is(1000));
    assertThat(c.polygon().getArea(), is(1_000_000.0));
    assertThat(c.polygon().getEnvelopeInternal().getMinX(), is(4_283_000.0));
    assertThat(EEA1.cellForCode("1kmE4283N2672"), is(c));
    assertThat(INPN.cellForCode("10kmL93E074N695"), is(INPN.cellAt(749_648, 6_956_485)));
  }

  @Test
  void aPointExactlyOnAnEdgeGoesToTheCellWhoseLowerLeftCornerItIsOn() {
    // the corner itself, and points on the west and south edges of cell E065N686
    assertThat(INPN.cellAt(650_000.0, 6_860_000.0).code(), is("10kmL93E065N686"));
    assertThat(INPN.cellAt(650_000.0, 6_865_000.0).code(), is("10kmL93E065N686"));
    assertThat(INPN.cellAt(655_000.0, 6_860_000.0).code(), is("10kmL93E065N686"));
    // the largest double below the corner belongs to the cells to the west / south
    assertThat(INPN.cellAt(Math.nextDown(650_000.0), 6_860_000.0).code(), is("10kmL93E064N686"));
    assertThat(INPN.cellAt(650_000.0, Math.nextDown(6_860_000.0)).code(), is("10kmL93E065N685"));
    assertThat(EEA1.cellAt(4_283_000.0, 2_672_000.0).code(), is("1kmE4283N2672"));
    assertThat(EEA1.cellAt(Math.nextDown(4_283_000.0), Math.nextDown(2_672_000.0)).code(), is("1kmE4282N2671"));
  }

  @Test
  void edgePointsBuiltWithTheInverseProjection() {
    // The corner (650 000, 6 860 000) of four INPN cells, taken back to WGS84 and projected again,
    // lands within a micrometre of the corner; which side of the line it falls on is then floating-point
    // noise, so we check the four points 1 mm inside each neighbouring cell, built the same way
    // (1 cm for LAEA, whose inverse in SIS is good to ~0.4 mm).
    Coordinate corner = SIS.unproject(Projected.of(650_000, 6_860_000), ProjectedCrs.LAMBERT_93);
    Projected again = SIS.toLambert93(corner);
    assertThat(again.x(), closeTo(650_000, 1e-6));
    assertThat(again.y(), closeTo(6_860_000, 1e-6));
    assertThat(cellOfInverse(INPN, 650_000.001, 6_860_000.001), is("10kmL93E065N686"));
    assertThat(cellOfInverse(INPN, 649_999.999, 6_860_000.001), is("10kmL93E064N686"));
    assertThat(cellOfInverse(INPN, 650_000.001, 6_859_999.999), is("10kmL93E065N685"));
    assertThat(cellOfInverse(INPN, 649_999.999, 6_859_999.999), is("10kmL93E064N685"));
    assertThat(cellOfInverse(EEA1, 3_762_000.01, 2_889_999.99), is("1kmE3762N2889"));
    assertThat(cellOfInverse(EEA1, 3_761_999.99, 2_890_000.01), is("1kmE3761N2890"));
    assertThat(cellOfInverse(EEA10, 3_760_000.01, 2_890_000.01), is("10kmE376N289"));
    assertThat(cellOfInverse(EEA10, 3_759_999.99, 2_889_999.99), is("10kmE375N288"));
  }

  private static String cellOfInverse(Grid grid, double x, double y) {
    return grid.cellOf(SIS.unproject(Projected.of(x, y), grid.crs())).code();
  }

  @Test
  void negativeCoordinatesFloorTowardsMinusInfinity() {
    // Lambert-93 x < 0 is reachable: the Atlantic west of ~6.2°W (pelagic seabird counts). 47°N 8°W:
    Projected atlantic = SIS.toLambert93(Coordinate.of(47.0, -8.0));
    assertThat(atlantic.x() < 0, is(true));
    GridCell cell = INPN.cellOf(Coordinate.of(47.0, -8.0));
    assertThat(cell.east(), is((long) Math.floor(atlantic.x() / 10_000)));
    assertThat(cell.code(), containsString("L93E-"));
    assertThat(INPN.cellAt(-0.5, 6_600_000).code(), is("10kmL93E-001N660"));
    assertThat(INPN.cellAt(-10_000, 6_600_000).code(), is("10kmL93E-001N660"));
    assertThat(INPN.cellAt(-10_000.5, 6_600_000).code(), is("10kmL93E-002N660"));
    assertThat(INPN.cellForCode("10kmL93E-002N660").minX(), is(-20_000.0));
    // LAEA x < 0 needs a point ~4 300 km west of 10°E (Newfoundland): never in our data, but the
    // grid stays consistent there.
    assertThat(EEA1.cellAt(-0.001, -1_000).code(), is("1kmE-1N-1"));
    assertThat(EEA10.cellAt(-10_000.001, 5).code(), is("10kmE-2N0"));
  }

  @Test
  void cellsOverlappingACircle() {
    // centre in the middle of 1kmE4283N2672, radius 400 m: only that cell
    assertThat(codes(EEA1.cellsOverlapping(Projected.of(4_283_500, 2_672_500), 400)), contains("1kmE4283N2672"));
    // radius 600 m reaches the four edge neighbours, but not the corner cells (corner at 707 m)
    assertThat(EEA1.cellsOverlapping(Projected.of(4_283_500, 2_672_500), 600), hasSize(5));
    assertThat(EEA1.cellsOverlapping(Projected.of(4_283_500, 2_672_500), 710), hasSize(9));
    // ordered by row then column
    assertThat(codes(EEA1.cellsOverlapping(Projected.of(4_283_900, 2_672_900), 150)),
        contains("1kmE4283N2672", "1kmE4284N2672", "1kmE4283N2673", "1kmE4284N2673"));
    assertThat(EEA1.cellsOverlapping(Projected.of(4_283_500, 2_672_500), 0), hasSize(1));
    assertThat(INPN.cellsOverlapping(Coordinate.of(48.853, 2.3499), 1000), not(empty()));
  }

  private static List<String> codes(List<GridCell> cells) {
    return cells.stream().map(GridCell::code).toList();
  }

  @Test
  void failsFastWithClearMessages() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EEA1.cellForCode("10kmE428N267"));
    assertThat(e.getMessage(), containsString("eea1km"));
    assertThrows(IllegalArgumentException.class, () -> INPN.cellForCode("10kmL93E65N682")); // not padded
    assertThrows(IllegalArgumentException.class, () -> EEA1.cellAt(Double.NaN, 0));
    assertThrows(IllegalArgumentException.class, () -> EEA1.cellsOverlapping(Projected.of(0, 0), -1));
    assertThrows(IllegalArgumentException.class, () -> RegularGrid.eea(250, SIS));
    assertThrows(IllegalArgumentException.class, () -> GridCell.of("g", "c", 0, 0, 0));
  }
}
