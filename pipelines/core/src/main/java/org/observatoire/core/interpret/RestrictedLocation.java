package org.observatoire.core.interpret;

import java.util.Objects;

/**
 * The full-precision location of a sensitive-species occurrence whose public row was generalised. Goes only to the
 * restricted output, never to the public datasets.
 */
public record RestrictedLocation(String occurrenceID, String taxonKey, String scientificName, double decimalLatitude,
    double decimalLongitude, Double coordinateUncertaintyInMeters, int generalisationMeters) {
  public RestrictedLocation {
    Objects.requireNonNull(occurrenceID, "occurrenceID");
  }
}
