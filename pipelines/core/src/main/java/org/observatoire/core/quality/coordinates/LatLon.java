package org.observatoire.core.quality.coordinates;

/** A WGS84 position in decimal degrees, checked on creation. */
public record LatLon(double latitude, double longitude) {

    public LatLon {
        if (!(Math.abs(latitude) <= 90)) {
            throw new IllegalArgumentException("latitude must be in [-90, 90], was " + latitude);
        }
        if (!(Math.abs(longitude) <= 180)) {
            throw new IllegalArgumentException("longitude must be in [-180, 180], was " + longitude);
        }
    }

    public static LatLon of(double latitude, double longitude) {
        return new LatLon(latitude, longitude);
    }

    public double metersTo(LatLon other) {
        return Haversine.meters(latitude, longitude, other.latitude, other.longitude);
    }
}
