package org.observatoire.core.interpret;

import java.util.Objects;

/**
 * The full-precision location of an occurrence whose public row was generalised (a sensitive species, or another
 * occurrence of the same event or site). Goes only to the restricted output, never to the public datasets.
 *
 * @param occurrenceID the occurrence's own id, as submitted
 * @param publishedOccurrenceID the id the public row carries (an opaque release-scoped id for generalised events),
 *     to join the public and the restricted rows
 * @param eventID the event id as submitted (null when unknown); the public row carries an opaque one
 * @param locationID the site id as submitted (null when none); the public row carries an opaque one
 */
public record RestrictedLocation(String occurrenceID, String taxonKey, String scientificName, double decimalLatitude,
    double decimalLongitude, Double coordinateUncertaintyInMeters, int generalisationMeters,
    String publishedOccurrenceID, String eventID, String locationID) {
  public RestrictedLocation {
    Objects.requireNonNull(occurrenceID, "occurrenceID");
    publishedOccurrenceID = publishedOccurrenceID == null ? occurrenceID : publishedOccurrenceID;
  }

  /** A location published under its own occurrence id. */
  public RestrictedLocation(String occurrenceID, String taxonKey, String scientificName, double decimalLatitude,
      double decimalLongitude, Double coordinateUncertaintyInMeters, int generalisationMeters) {
    this(occurrenceID, taxonKey, scientificName, decimalLatitude, decimalLongitude, coordinateUncertaintyInMeters,
        generalisationMeters, null, null, null);
  }
}
