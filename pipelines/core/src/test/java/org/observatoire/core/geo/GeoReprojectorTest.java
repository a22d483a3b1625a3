package org.observatoire.core.geo;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.ProjCoordinate;

class GeoReprojectorTest {

  private static final Reprojector SIS = Reprojector.sis();

  @Test
  void laeaMatchesTheEpsgGuidanceNoteWorkedExample() {
    // IOGP/EPSG Guidance Note 7-2, Lambert Azimuthal Equal Area (method 9820), example for
    // ETRS89 / LAEA Europe: 50°N 5°E -> E = 3 962 799.45 m, N = 2 999 718.85 m (easting first here,
    // although EPSG:3035 declares northing first: the reprojector normalises to (x, y)).
    Projected p = SIS.toLaea(Coordinate.of(50.0, 5.0));
    assertThat(p.x(), closeTo(3_962_799.45, 0.01));
    assertThat(p.y(), closeTo(2_999_718.85, 0.01));
  }

  @Test
  void lambert93FalseOriginIsItsDefinition() {
    // EPSG:2154 definition: latitude of false origin 46°30'N, longitude 3°E -> (700 000, 6 600 000).
    Projected p = SIS.toLambert93(Coordinate.of(46.5, 3.0));
    assertThat(p.x(), closeTo(700_000, 0.001));
    assertThat(p.y(), closeTo(6_600_000, 0.001));
  }

  @Test
  void laeaNaturalOriginIsItsDefinition() {
    // EPSG:3035 definition: natural origin 52°N 10°E -> (false easting 4 321 000, false northing 3 210 000).
    Projected p = SIS.toLaea(Coordinate.of(52.0, 10.0));
    assertThat(p.x(), closeTo(4_321_000, 0.001));
    assertThat(p.y(), closeTo(3_210_000, 0.001));
  }

  @Test
  void parisNotreDameIsWhereTheIssueSaysItIs() {
    // Notre-Dame de Paris, parvis (48.853°N, 2.3499°E): about x 652 000 / y 6 862 000 in Lambert-93.
    Projected p = SIS.toLambert93(Coordinate.of(48.853, 2.3499));
    assertThat(p.x(), closeTo(652_297, 1));
    assertThat(p.y(), closeTo(6_861_636, 1));
  }

  /**
   * Cross-check against a second, independent implementation: PROJ4J 1.4.1 (LocationTech port of
   * PROJ.4) with the EPSG:2154 and EPSG:3035 definitions written out as PROJ strings, no EPSG database.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "Paris Notre-Dame, 48.853, 2.3499",
      "Brest, 48.3904, -4.4861",
      "Strasbourg, 48.5734, 7.7521",
      "Ajaccio, 41.9192, 8.7386",
      "Lille, 50.6292, 3.0573",
      "Perpignan, 42.6887, 2.8948",
      "Liechtenstein, 47.168611, 9.508333",
      "Atlantic off Brittany, 47.0, -8.0"})
  void agreesWithProj4jWithinOneCentimetre(String name, double lat, double lon) {
    assertAgree(lat, lon, ProjectedCrs.LAMBERT_93,
        "+proj=lcc +lat_1=49 +lat_2=44 +lat_0=46.5 +lon_0=3 +x_0=700000 +y_0=6600000 +ellps=GRS80 +units=m +no_defs");
    assertAgree(lat, lon, ProjectedCrs.LAEA_EUROPE,
        "+proj=laea +lat_0=52 +lon_0=10 +x_0=4321000 +y_0=3210000 +ellps=GRS80 +units=m +no_defs");
  }

  private static void assertAgree(double lat, double lon, ProjectedCrs crs, String projString) {
    CRSFactory crsFactory = new CRSFactory();
    CoordinateTransform t = new CoordinateTransformFactory().createTransform(
        crsFactory.createFromParameters("geo", "+proj=longlat +ellps=GRS80 +no_defs"),
        crsFactory.createFromParameters(crs.name(), projString));
    ProjCoordinate out = t.transform(new ProjCoordinate(lon, lat), new ProjCoordinate());
    Projected p = SIS.project(Coordinate.of(lat, lon), crs);
    assertThat(crs + " x", p.x(), closeTo(out.x, 0.01));
    assertThat(crs + " y", p.y(), closeTo(out.y, 0.01));
  }

  @ParameterizedTest
  @CsvSource({"48.853, 2.3499", "41.3875, 9.16", "51.07, 2.53"})
  void unprojectInvertsProject(double lat, double lon) {
    // Lambert-93 round-trips to ~1e-11 degree (a micrometre); SIS's LAEA inverse uses a series for
    // the authalic latitude and comes back within ~4e-9 degree (0.4 mm): both far below any cell.
    Coordinate l93 = SIS.unproject(SIS.toLambert93(Coordinate.of(lat, lon)), ProjectedCrs.LAMBERT_93);
    assertThat(l93.lat(), closeTo(lat, 1e-10));
    assertThat(l93.lon(), closeTo(lon, 1e-10));
    Coordinate laea = SIS.unproject(SIS.toLaea(Coordinate.of(lat, lon)), ProjectedCrs.LAEA_EUROPE);
    assertThat(laea.lat(), closeTo(lat, 1e-8));
    assertThat(laea.lon(), closeTo(lon, 1e-8));
  }

  @Test
  void inPlaceBatchEqualsOneByOne() {
    double[] batch = {2.3499, 48.853, -4.4861, 48.3904, 8.7386, 41.9192};
    SIS.projectInPlace(ProjectedCrs.LAEA_EUROPE, batch, 0, 3);
    Projected ajaccio = SIS.toLaea(Coordinate.of(41.9192, 8.7386));
    assertThat(batch[4], closeTo(ajaccio.x(), 1e-9));
    assertThat(batch[5], closeTo(ajaccio.y(), 1e-9));
  }

  @Test
  void coordinateFailsFastOnSwappedOrInvalidValues() {
    // (lon, lat) passed as (lat, lon) with a longitude beyond 90 is caught by the latitude check
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Coordinate.of(148.85, -35.28));
    assertThat(e.getMessage(), containsString("latitude"));
    assertThrows(IllegalArgumentException.class, () -> Coordinate.of(0, 180.5));
    assertThrows(IllegalArgumentException.class, () -> Coordinate.of(91, 0));
    assertThrows(IllegalArgumentException.class, () -> Coordinate.of(Double.NaN, 0));
    assertThrows(IllegalArgumentException.class, () -> Projected.of(Double.POSITIVE_INFINITY, 0));
  }
}
