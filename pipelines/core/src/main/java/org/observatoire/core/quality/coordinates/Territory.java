package org.observatoire.core.quality.coordinates;

/** An area that can say whether a WGS84 point (decimal degrees) falls inside it. */
@FunctionalInterface
public interface Territory {

    boolean contains(double latitude, double longitude);
}
