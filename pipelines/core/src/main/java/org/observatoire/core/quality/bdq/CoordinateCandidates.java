package org.observatoire.core.quality.bdq;

import java.util.List;
import java.util.Optional;
import org.observatoire.core.quality.coordinates.Territory;

/** The usual keying mistakes, in BDQ's order of preference: sign flips first, then a lat/lon swap. */
final class CoordinateCandidates {

    private CoordinateCandidates() {
    }

    static List<double[]> of(double lat, double lon) {
        return List.of(new double[] {lat, -lon}, new double[] {-lat, lon}, new double[] {-lat, -lon},
                new double[] {lon, lat}, new double[] {lon, -lat}, new double[] {-lon, lat}, new double[] {-lon, -lat});
    }

    static Optional<double[]> firstInside(Territory territory, double lat, double lon) {
        return of(lat, lon).stream()
                .filter(c -> Math.abs(c[0]) <= 90 && Math.abs(c[1]) <= 180)
                .filter(c -> territory.contains(c[0], c[1]))
                .findFirst();
    }
}
