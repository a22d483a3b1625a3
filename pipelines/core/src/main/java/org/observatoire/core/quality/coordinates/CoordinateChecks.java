package org.observatoire.core.quality.coordinates;

import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a volunteer's coordinates: zero, out of range, outside the territory, far from the declared
 * site, missing or implausible uncertainty, and swapped or sign-inverted pairs (for which a correction
 * is proposed, never applied: the original stays). Immutable; configure with the {@code with...} methods.
 */
public final class CoordinateChecks {

    public static final double DEFAULT_FAR_FROM_SITE_METERS = 2_000;
    public static final double DEFAULT_MAX_UNCERTAINTY_METERS = 100_000;

    private final Territory territory;
    private final double farFromSiteMeters;
    private final double maxUncertaintyMeters;

    private CoordinateChecks(Territory territory, double farFromSiteMeters, double maxUncertaintyMeters) {
        this.territory = Objects.requireNonNull(territory, "territory");
        if (!(farFromSiteMeters > 0)) {
            throw new IllegalArgumentException("farFromSiteMeters must be > 0, was " + farFromSiteMeters);
        }
        if (!(maxUncertaintyMeters > 0)) {
            throw new IllegalArgumentException("maxUncertaintyMeters must be > 0, was " + maxUncertaintyMeters);
        }
        this.farFromSiteMeters = farFromSiteMeters;
        this.maxUncertaintyMeters = maxUncertaintyMeters;
    }

    /** Checks against {@code territory} with the defaults (2 km from the site, uncertainty at most 100 km). */
    public static CoordinateChecks within(Territory territory) {
        return new CoordinateChecks(territory, DEFAULT_FAR_FROM_SITE_METERS, DEFAULT_MAX_UNCERTAINTY_METERS);
    }

    public CoordinateChecks withFarFromSiteMeters(double meters) {
        return new CoordinateChecks(territory, meters, maxUncertaintyMeters);
    }

    public CoordinateChecks withMaxUncertaintyMeters(double meters) {
        return new CoordinateChecks(territory, farFromSiteMeters, meters);
    }

    /**
     * @param latitude decimal latitude as given, or null
     * @param longitude decimal longitude as given, or null
     * @param uncertaintyMeters dwc:coordinateUncertaintyInMeters, or null
     * @param declaredSite the site the protocol declares (e.g. the STOC square's point), or null
     */
    public CoordinateCheck check(Double latitude, Double longitude, Double uncertaintyMeters, LatLon declaredSite) {
        Set<CoordinateFlag> flags = EnumSet.noneOf(CoordinateFlag.class);
        checkUncertainty(uncertaintyMeters, flags);
        if (latitude == null || longitude == null || latitude.isNaN() || longitude.isNaN()) {
            flags.add(CoordinateFlag.COORDINATES_MISSING);
            return new CoordinateCheck(latitude, longitude, Optional.empty(), Optional.empty(), flags);
        }
        double lat = latitude;
        double lon = longitude;
        if (lat == 0 && lon == 0) {
            flags.add(CoordinateFlag.VALIDATION_COORDINATES_NOTZERO);
            return new CoordinateCheck(latitude, longitude, Optional.empty(), Optional.empty(), flags);
        }
        boolean latOk = Math.abs(lat) <= 90;
        boolean lonOk = Math.abs(lon) <= 180;
        if (!latOk) {
            flags.add(CoordinateFlag.VALIDATION_DECIMALLATITUDE_INRANGE);
        }
        if (!lonOk) {
            flags.add(CoordinateFlag.VALIDATION_DECIMALLONGITUDE_INRANGE);
        }
        boolean inside = latOk && lonOk && territory.contains(lat, lon);
        if (latOk && lonOk && !inside) {
            flags.add(CoordinateFlag.COORDINATE_OUTSIDE_TERRITORY);
        }
        double allowed = Math.max(farFromSiteMeters, uncertaintyMeters == null || uncertaintyMeters <= 0 ? 0 : uncertaintyMeters);
        Optional<Double> fromSite = Optional.empty();
        boolean far = false;
        if (declaredSite != null && latOk && lonOk) {
            double d = declaredSite.metersTo(LatLon.of(lat, lon));
            fromSite = Optional.of(d);
            far = d > allowed;
            if (far) {
                flags.add(CoordinateFlag.COORDINATE_FAR_FROM_SITE);
            }
        }
        Optional<LatLon> proposed = Optional.empty();
        if (!inside || far) {
            proposed = propose(lat, lon, declaredSite, allowed);
            proposed.ifPresent(p -> flags.add(CoordinateFlag.AMENDMENT_COORDINATES_TRANSPOSED));
        }
        return new CoordinateCheck(latitude, longitude, proposed, fromSite, flags);
    }

    private void checkUncertainty(Double uncertaintyMeters, Set<CoordinateFlag> flags) {
        if (uncertaintyMeters == null || uncertaintyMeters.isNaN()) {
            flags.add(CoordinateFlag.COORDINATE_UNCERTAINTY_MISSING);
        } else if (uncertaintyMeters <= 0 || uncertaintyMeters > maxUncertaintyMeters) {
            flags.add(CoordinateFlag.VALIDATION_COORDINATEUNCERTAINTY_INRANGE);
        }
    }

    /**
     * A sign flip or swap that lands inside the territory and, when a site is declared, within the allowed
     * distance of it (the nearest one wins); without a site, the first in BDQ's order of preference.
     */
    private Optional<LatLon> propose(double lat, double lon, LatLon site, double allowed) {
        List<LatLon> candidates = List.of(new double[] {lat, -lon}, new double[] {-lat, lon}, new double[] {-lat, -lon},
                        new double[] {lon, lat}, new double[] {lon, -lat}, new double[] {-lon, lat}, new double[] {-lon, -lat})
                .stream()
                .filter(c -> Math.abs(c[0]) <= 90 && Math.abs(c[1]) <= 180)
                .map(c -> LatLon.of(c[0], c[1]))
                .filter(c -> territory.contains(c.latitude(), c.longitude()))
                .toList();
        if (site == null) {
            return candidates.stream().findFirst();
        }
        return candidates.stream()
                .filter(c -> site.metersTo(c) <= allowed)
                .min(Comparator.comparingDouble(site::metersTo));
    }
}
