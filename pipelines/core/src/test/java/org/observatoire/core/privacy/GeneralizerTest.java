package org.observatoire.core.privacy;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.observatoire.core.taxon.Checklist;
import org.observatoire.core.taxon.TaxonMatch;
import org.observatoire.core.taxon.TaxonMatcher;
import org.observatoire.core.taxon.TaxonQuery;

class GeneralizerTest {

  private static final int PEREGRINE = 2938;
  private static Generalizer generalizer;
  private static TaxonMatcher matcher;

  @BeforeAll
  static void setUp() {
    generalizer = Generalizer.defaultForFrance();
    matcher = TaxonMatcher.of(Checklist.loadDefault());
  }

  @Test
  void everyListedTaxonIsInStocSpeciesUnderTheSameName() {
    SensitiveSpecies list = SensitiveSpecies.loadDefault();
    assertThat(list.entries().size(), greaterThanOrEqualTo(15));
    for (SensitiveSpecies.Entry e : list.entries()) {
      TaxonMatch m = matcher.match(TaxonQuery.ofTaxrefId(e.taxrefCdNom()));
      assertThat("cd_nom " + e.taxrefCdNom(), m.scientificName(), is(e.scientificName()));
    }
  }

  @Test
  void sensitiveSpeciesIsGeneralisedWithDarwinCoreTexts() {
    GeneralizationResult r = generalizer.generalise(PEREGRINE, 45.1234567, 5.7654321, 30.0);
    assertThat(r.generalised(), is(true));
    assertThat(r.cellSizeMetres(), is(10_000));
    assertThat(r.dataGeneralizations(), containsString("centre of a 10 km cell"));
    assertThat(r.informationWithheld(), containsString("Falco peregrinus"));
    assertThat(r.publicUncertaintyMetres(), is(Math.ceil(30 + 10_000 * Math.sqrt(2) / 2)));
    assertThat(r.restrictedLatitude(), is(45.1234567));
    assertThat(r.restrictedLongitude(), is(5.7654321));
    assertThat(r.restrictedUncertaintyMetres(), is(30.0));
  }

  @Test
  void publicCoordinatesAreNeverFinerThanTheCell() {
    Random random = new Random(7L);
    GridProjection proj = generalizer.projection();
    double halfDiagonal = 10_000 * Math.sqrt(2) / 2;
    for (int i = 0; i < 2_000; i++) {
      double lat = 42.3 + random.nextDouble() * 8.7;
      double lon = -4.8 + random.nextDouble() * 13.0;
      GeneralizationResult r = generalizer.generalise(PEREGRINE, lat, lon, null);
      double[] xy = proj.forward(r.publicLatitude(), r.publicLongitude());
      // the public point sits on a cell centre (within the ~1 m rounding)
      assertThat(Math.abs(xy[0] / 10_000 - Math.floor(xy[0] / 10_000) - 0.5) * 10_000, lessThanOrEqualTo(2.0));
      assertThat(Math.abs(xy[1] / 10_000 - Math.floor(xy[1] / 10_000) - 0.5) * 10_000, lessThanOrEqualTo(2.0));
      double[] orig = proj.forward(lat, lon);
      double d = Math.hypot(orig[0] - xy[0], orig[1] - xy[1]);
      assertThat(d, lessThanOrEqualTo(halfDiagonal + 2));
      assertThat(r.publicUncertaintyMetres(), greaterThanOrEqualTo(d));
    }
  }

  @Test
  void pointsInOneCellCollapseToOnePublicCoordinate() {
    double[] centre = generalizer.cellCentre(44.5, 6.5, 10_000);
    double[] c = generalizer.projection().forward(centre[0], centre[1]);
    Random random = new Random(11L);
    Set<String> published = new HashSet<>();
    for (int i = 0; i < 500; i++) {
      double[] p = generalizer.projection().inverse(c[0] + (random.nextDouble() - 0.5) * 9_990,
          c[1] + (random.nextDouble() - 0.5) * 9_990);
      GeneralizationResult r = generalizer.generalise(PEREGRINE, p[0], p[1], 10.0);
      published.add(r.publicLatitude() + "," + r.publicLongitude());
    }
    assertThat(published.size(), is(1));
  }

  @Test
  void subspeciesOfAListedSpeciesIsCoveredAndOtherTaxaPassThrough() {
    TaxonMatch blackbird = matcher.match(TaxonQuery.ofCode("TURMER"));
    GeneralizationResult r = generalizer.generalise(blackbird.taxon(), 48.85, 2.35, null);
    assertThat(r.generalised(), is(false));
    assertThat(r.publicLatitude(), is(48.85));
    assertThat(r.publicUncertaintyMetres(), nullValue());
    assertThat(r.dataGeneralizations(), nullValue());
    assertThat(generalizer.generalise(null, 48.85, 2.35, 5.0).publicUncertaintyMetres(), is(5.0));
    TaxonMatch eagle = matcher.match(TaxonQuery.ofVernacularName("Aigle de Bonelli"));
    GeneralizationResult bonelli = generalizer.generalise(eagle.taxon(), 43.7, 4.6, null);
    assertThat(bonelli.cellSizeMetres(), is(20_000));
    assertThat(bonelli.dataGeneralizations(), containsString("original uncertainty unknown"));
    assertThat(bonelli.publicUncertaintyMetres(), notNullValue());
  }

  @Test
  void aPluggedProjectionIsUsed() {
    // identity "projection" in degrees × 100 km: just shows the hook; the geo module plugs Lambert-93 in here
    GridProjection crude = GridProjection.of((lat, lon) -> new double[] {lon * 100_000, lat * 100_000},
        (x, y) -> new double[] {y / 100_000, x / 100_000}, "test grid");
    Generalizer g = Generalizer.of(SensitiveSpecies.loadDefault(), crude);
    GeneralizationResult r = g.generalise(PEREGRINE, 45.01, 5.01, null);
    assertThat(r.publicLatitude(), closeTo(45.05, 1e-9));
    assertThat(r.publicLongitude(), closeTo(5.05, 1e-9));
    assertThat(r.dataGeneralizations(), containsString("test grid"));
  }
}
