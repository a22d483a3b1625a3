package org.observatoire.core.interpret;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.observatoire.core.geo.CellAssigner;
import org.observatoire.core.geo.Coordinate;
import org.observatoire.core.geo.Grid;
import org.observatoire.core.geo.region.RegionLocator;
import org.observatoire.core.occurrence.Occurrence;

class PlaceStepTest {
  private static final PlaceStep STEP = PlaceStep.of(RegionLocator.france(), CellAssigner.create(0));

  @Test
  void aPointInParisIsInParisAndIleDeFrance() {
    Occurrence.Builder b = StepRows.paris().build().toBuilder();
    Set<String> flags = new LinkedHashSet<>();
    STEP.interpret(b, StepRows.PARIS_LAT, StepRows.PARIS_LON, flags);
    Occurrence out = b.build();
    assertThat(out.departementCode(), equalTo("75"));
    assertThat(out.regionCode(), equalTo("11"));
    Coordinate paris = Coordinate.of(StepRows.PARIS_LAT, StepRows.PARIS_LON);
    assertThat(out.inpn10km(), equalTo(Grid.inpn10km().cellOf(paris).code()));
    assertThat(out.eea1km(), equalTo(Grid.eea1km().cellOf(paris).code()));
    assertThat(flags, is(empty()));
  }

  @Test
  void aPointOutsideFranceHasCellsButNoRegion() {
    Occurrence.Builder b = StepRows.paris().departementCode("75").build().toBuilder();
    Set<String> flags = new LinkedHashSet<>();
    STEP.interpret(b, 51.5072, -0.1276, flags);
    Occurrence out = b.build();
    assertThat(out.departementCode(), nullValue());
    assertThat(out.regionCode(), nullValue());
    assertThat(out.eea10km(), notNullValue());
    assertThat(flags, contains(PlaceStep.OUTSIDE_FRANCE));
  }
}
