package org.observatoire.core.geo.region;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.observatoire.core.geo.Coordinate;
import org.observatoire.core.geo.Reprojector;

class GeoRegionLocatorTest {

  private static final RegionLocator FRANCE = RegionLocator.france();

  @Test
  void loadsTheNinetySixMetropolitanDepartements() {
    assertThat(FRANCE.departementCount(), is(96));
  }

  /** Town-hall / centre coordinates of préfectures and large communes (rounded to 4 decimals). */
  @ParameterizedTest(name = "{0} -> {3} / {5}")
  @CsvSource({
      "Paris (Notre-Dame),    48.8530,  2.3499, 75, Paris,               11, Île-de-France",
      "Versailles,            48.8049,  2.1204, 78, Yvelines,            11, Île-de-France",
      "Brest,                 48.3904, -4.4861, 29, Finistère,           53, Bretagne",
      "Quimper,               47.9960, -4.1024, 29, Finistère,           53, Bretagne",
      "Rennes,                48.1173, -1.6778, 35, Ille-et-Vilaine,     53, Bretagne",
      "Strasbourg,            48.5734,  7.7521, 67, Bas-Rhin,            44, Grand Est",
      "Metz,                  49.1193,  6.1757, 57, Moselle,             44, Grand Est",
      "Reims,                 49.2583,  4.0317, 51, Marne,               44, Grand Est",
      "Ajaccio,               41.9192,  8.7386, 2A, Corse-du-Sud,        94, Corse",
      "Bastia,                42.6970,  9.4503, 2B, Haute-Corse,         94, Corse",
      "Lille,                 50.6292,  3.0573, 59, Nord,                32, Hauts-de-France",
      "Amiens,                49.8941,  2.2958, 80, Somme,               32, Hauts-de-France",
      "Marseille,             43.2965,  5.3698, 13, Bouches-du-Rhône,    93, Provence-Alpes-Côte d'Azur",
      "Nice,                  43.7102,  7.2620, 06, Alpes-Maritimes,     93, Provence-Alpes-Côte d'Azur",
      "Toulouse,              43.6047,  1.4442, 31, Haute-Garonne,       76, Occitanie",
      "Montpellier,           43.6108,  3.8767, 34, Hérault,             76, Occitanie",
      "Perpignan,             42.6887,  2.8948, 66, Pyrénées-Orientales, 76, Occitanie",
      "Bordeaux,              44.8378, -0.5792, 33, Gironde,             75, Nouvelle-Aquitaine",
      "Limoges,               45.8336,  1.2611, 87, Haute-Vienne,        75, Nouvelle-Aquitaine",
      "Poitiers,              46.5802,  0.3404, 86, Vienne,              75, Nouvelle-Aquitaine",
      "Pau,                   43.2951, -0.3708, 64, Pyrénées-Atlantiques, 75, Nouvelle-Aquitaine",
      "Lyon,                  45.7640,  4.8357, 69, Rhône,               84, Auvergne-Rhône-Alpes",
      "Clermont-Ferrand,      45.7772,  3.0870, 63, Puy-de-Dôme,         84, Auvergne-Rhône-Alpes",
      "Grenoble,              45.1885,  5.7245, 38, Isère,               84, Auvergne-Rhône-Alpes",
      "Dijon,                 47.3220,  5.0415, 21, Côte-d'Or,           27, Bourgogne-Franche-Comté",
      "Besançon,              47.2378,  6.0241, 25, Doubs,               27, Bourgogne-Franche-Comté",
      "Nantes,                47.2184, -1.5536, 44, Loire-Atlantique,    52, Pays de la Loire",
      "Le Mans,               48.0061,  0.1996, 72, Sarthe,              52, Pays de la Loire",
      "Rouen,                 49.4432,  1.0999, 76, Seine-Maritime,      28, Normandie",
      "Caen,                  49.1829, -0.3707, 14, Calvados,            28, Normandie",
      "Orléans,               47.9030,  1.9093, 45, Loiret,              24, Centre-Val de Loire",
      "Tours,                 47.3941,  0.6848, 37, Indre-et-Loire,      24, Centre-Val de Loire"})
  void communeCentresFallInTheirDepartementAndRegion(String commune, double lat, double lon,
      String depCode, String depName, String regCode, String regName) {
    RegionLookup r = FRANCE.locate(Coordinate.of(lat, lon));
    assertThat(commune, r.departement(), is(AdminArea.of(depCode, depName)));
    assertThat(commune, r.region(), is(AdminArea.of(regCode, regName)));
    assertThat(commune, r.isOutsideFrance(), is(false));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "Liechtenstein (Vaduz area), 47.168611, 9.508333",
      "Bay of Biscay,              45.5,     -3.0",
      "Gulf of Lion,               42.7,      4.0",
      "English Channel,            50.0,     -1.0",
      "Brussels,                   50.8503,   4.3517",
      "Barcelona,                  41.3874,   2.1686"})
  void pointsAtSeaOrAbroadAreFlaggedNotThrown(String name, double lat, double lon) {
    RegionLookup r = FRANCE.locate(Coordinate.of(lat, lon));
    assertThat(name, r.status(), is(LocationStatus.OUTSIDE_FRANCE));
    assertThat(r.departement(), is(nullValue()));
    assertThat(r.region(), is(nullValue()));
  }

  @Test
  void aPointJustOutsideThePolygonsSnapsToTheNearestDepartementAndSaysSo() {
    // a one-degree square "département" 99 in a square "région" 99, from lon 2 to 3, lat 46 to 47
    String square = "[[[2,46],[3,46],[3,47],[2,47],[2,46]]]";
    RegionLocator locator = RegionLocator.fromGeoJson(geoJson("99", "Carré", square), geoJson("99", "Région carrée", square),
        1_000, Reprojector.sis());
    assertThat(locator.locate(Coordinate.of(46.5, 2.5)).status(), is(LocationStatus.INSIDE));
    // 0.005 degree east of the edge at 46.5°N is ~380 m
    RegionLookup near = locator.locate(Coordinate.of(46.5, 3.005));
    assertThat(near.status(), is(LocationStatus.NEAREST_WITHIN_TOLERANCE));
    assertThat(near.departement(), is(AdminArea.of("99", "Carré")));
    assertThat(near.region(), is(AdminArea.of("99", "Région carrée")));
    assertThat(near.distanceMeters(), closeTo(384, 10));
    // ~3.8 km away: outside
    assertThat(locator.locate(Coordinate.of(46.5, 3.05)).status(), is(LocationStatus.OUTSIDE_FRANCE));
    // with tolerance 0 nothing snaps
    RegionLocator strict = RegionLocator.fromGeoJson(geoJson("99", "Carré", square), geoJson("99", "Région carrée", square),
        0, Reprojector.sis());
    assertThat(strict.locate(Coordinate.of(46.5, 3.005)).status(), is(LocationStatus.OUTSIDE_FRANCE));
  }

  private static InputStream geoJson(String code, String name, String polygon) {
    String json = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"code\":\"" + code
        + "\",\"nom\":\"" + name + "\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" + polygon + "}}]}";
    return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aPointOnASharedBorderGetsOneDeterministicAnswer() {
    RegionLookup a = FRANCE.locate(Coordinate.of(45.7640, 4.8357));
    RegionLookup b = FRANCE.locate(Coordinate.of(45.7640, 4.8357));
    assertThat(a, is(b));
  }
}
