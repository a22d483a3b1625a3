package org.observatoire.core.quality.coordinates;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CoordinateChecksTest {

    static MetropolitanFrance france;
    static CoordinateChecks checks;

    @BeforeAll
    static void load() {
        france = MetropolitanFrance.load();
        checks = CoordinateChecks.within(france);
    }

    @Test
    void theTerritoryHoldsMainlandAndCorsicaButNotItsNeighbours() {
        assertThat(france.contains(48.8566, 2.3522), is(true));   // Paris
        assertThat(france.contains(48.5734, 7.7521), is(true));   // Strasbourg
        assertThat(france.contains(42.0396, 9.0129), is(true));   // Corsica
        assertThat(france.contains(48.1173, -1.6778), is(true));  // Rennes
        assertThat(france.contains(50.8503, 4.3517), is(false));  // Brussels
        assertThat(france.contains(40.4168, -3.7038), is(false)); // Madrid
        assertThat(france.contains(46.0, -5.0), is(false));       // Bay of Biscay
    }

    @Test
    void aStrasbourgPointWithInvertedLongitudeGetsTheSignFixProposed() {
        CoordinateCheck c = checks.check(48.5734, -7.7521, 30.0, null);
        assertThat(c.flags(), equalTo(Set.of(CoordinateFlag.COORDINATE_OUTSIDE_TERRITORY,
                CoordinateFlag.AMENDMENT_COORDINATES_TRANSPOSED)));
        assertThat(c.proposed(), equalTo(Optional.of(LatLon.of(48.5734, 7.7521))));
        assertThat(c.originalLongitude(), equalTo(-7.7521));
    }

    @Test
    void flagsIterateInDeclarationOrderSoThatPublishedRowsListThemTheSameWayInEveryRun() {
        // a Brussels point without uncertainty: outside, transposition tried, uncertainty missing
        CoordinateCheck c = checks.check(50.8503, 4.3517, null, null);
        List<CoordinateFlag> order = new java.util.ArrayList<>(c.flags());
        List<CoordinateFlag> declared = new java.util.ArrayList<>(c.flags());
        declared.sort(java.util.Comparator.naturalOrder());
        assertThat(order.size(), is(2));
        assertThat(order, equalTo(declared));
    }

    @Test
    void aBrittanyPointWithSwappedLatLonGetsTheSwapProposed() {
        CoordinateCheck c = checks.check(-1.6778, 48.1173, 50.0, null);
        assertThat(c.has(CoordinateFlag.COORDINATE_OUTSIDE_TERRITORY), is(true));
        assertThat(c.proposed(), equalTo(Optional.of(LatLon.of(48.1173, -1.6778))));
    }

    @Test
    void aPointInsideFranceButFarFromItsSiteUsesTheSiteToFindTheSignError() {
        LatLon site = LatLon.of(47.90, 1.91);                     // Orléans; 1.91 W lies near Rennes
        CoordinateCheck c = checks.check(47.9029, -1.9093, 100.0, site);
        assertThat(c.has(CoordinateFlag.COORDINATE_OUTSIDE_TERRITORY), is(false));
        assertThat(c.has(CoordinateFlag.COORDINATE_FAR_FROM_SITE), is(true));
        assertThat(c.proposed(), equalTo(Optional.of(LatLon.of(47.9029, 1.9093))));
    }

    @Test
    void aParisPointFiveKilometresFromItsSiteIsFarButNotAmended() {
        LatLon site = LatLon.of(48.8566, 2.3522);
        CoordinateCheck c = checks.check(48.8566 + 0.045, 2.3522, 50.0, site);
        assertThat(c.metersFromSite().orElseThrow(), closeTo(5_004, 20));
        assertThat(c.flags(), equalTo(Set.of(CoordinateFlag.COORDINATE_FAR_FROM_SITE)));
        assertThat(c.proposed(), equalTo(Optional.empty()));
        assertThat(checks.check(48.8566 + 0.045, 2.3522, 6_000.0, site).isClean(), is(true));
        assertThat(checks.withFarFromSiteMeters(10_000).check(48.9016, 2.3522, 50.0, site).isClean(), is(true));
    }

    @Test
    void zeroOutOfRangeAndUncertaintyProblemsAreFlagged() {
        assertThat(checks.check(0.0, 0.0, 10.0, null).flags(), equalTo(Set.of(CoordinateFlag.VALIDATION_COORDINATES_NOTZERO)));
        assertThat(checks.check(95.0, 2.0, 10.0, null).has(CoordinateFlag.VALIDATION_DECIMALLATITUDE_INRANGE), is(true));
        assertThat(checks.check(45.0, 200.0, 10.0, null).has(CoordinateFlag.VALIDATION_DECIMALLONGITUDE_INRANGE), is(true));
        assertThat(checks.check(null, 2.0, 10.0, null).has(CoordinateFlag.COORDINATES_MISSING), is(true));
        assertThat(checks.check(48.85, 2.35, null, null).flags(), equalTo(Set.of(CoordinateFlag.COORDINATE_UNCERTAINTY_MISSING)));
        assertThat(checks.check(48.85, 2.35, 0.0, null).has(CoordinateFlag.VALIDATION_COORDINATEUNCERTAINTY_INRANGE), is(true));
        assertThat(checks.check(48.85, 2.35, 150_000.0, null).has(CoordinateFlag.VALIDATION_COORDINATEUNCERTAINTY_INRANGE),
                is(true));
    }

    @Test
    void haversineMatchesAKnownDistance() {
        assertThat(LatLon.of(48.8566, 2.3522).metersTo(LatLon.of(48.5734, 7.7521)), closeTo(397_000, 2_000));
    }
}
