package org.observatoire.core.quality.coordinates;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The outcome of {@link CoordinateChecks#check}: the original values (kept as given), an optional
 * proposed correction, the distance to the declared site and the flags.
 */
public record CoordinateCheck(Double originalLatitude, Double originalLongitude, Optional<LatLon> proposed,
        Optional<Double> metersFromSite, Set<CoordinateFlag> flags) {

    public CoordinateCheck {
        Objects.requireNonNull(proposed, "proposed");
        Objects.requireNonNull(metersFromSite, "metersFromSite");
        // an EnumSet iterates in declaration order; Set.copyOf would iterate in an order that changes from one JVM to
        // the next, and the flags reach the published rows in iteration order
        flags = flags.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(flags));
    }

    public boolean has(CoordinateFlag flag) {
        return flags.contains(flag);
    }

    public boolean isClean() {
        return flags.isEmpty();
    }
}
