package org.observatoire.core.interpret;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.observatoire.core.occurrence.Occurrence;
import org.observatoire.core.quality.coordinates.CoordinateChecks;
import org.observatoire.core.quality.coordinates.LatLon;
import org.observatoire.core.quality.coordinates.MetropolitanFrance;

class LocationStepTest {
  private static final LocationStep STEP = LocationStep.of(CoordinateChecks.within(MetropolitanFrance.load()));

  @Test
  void aPointInFranceNearItsSiteIsClean() {
    Occurrence raw = StepRows.paris().build();
    Set<String> flags = new LinkedHashSet<>();
    boolean located = STEP.interpret(raw, LatLon.of(StepRows.PARIS_LAT, StepRows.PARIS_LON), raw.toBuilder(), flags);
    assertThat(located, is(true));
    assertThat(flags, is(empty()));
  }

  @Test
  void aPointOutsideTheTerritoryCarriesTheBdqName() {
    Occurrence raw = StepRows.paris().decimalLatitude(51.5072).decimalLongitude(-0.1276).build();
    Set<String> flags = new LinkedHashSet<>();
    STEP.interpret(raw, null, raw.toBuilder(), flags);
    assertThat(flags, hasItem(LocationStep.OUTSIDE_COUNTRY));
  }

  @Test
  void zeroCoordinatesAreFlaggedByBdq() {
    Occurrence raw = StepRows.paris().decimalLatitude(0.0).decimalLongitude(0.0).build();
    Set<String> flags = new LinkedHashSet<>();
    STEP.interpret(raw, null, raw.toBuilder(), flags);
    assertThat(flags, hasItem("VALIDATION_COORDINATES_NOTZERO"));
  }

  @Test
  void aRowWithoutPlaceIsSaidUnknownNotInvented() {
    Occurrence raw = StepRows.paris().decimalLatitude(null).build();
    Set<String> flags = new LinkedHashSet<>();
    Occurrence.Builder b = raw.toBuilder();
    assertThat(STEP.interpret(raw, null, b, flags), is(false));
    assertThat(flags, contains(LocationStep.LOCATION_UNKNOWN));
    assertThat(b.build().decimalLongitude(), nullValue());
  }
}
