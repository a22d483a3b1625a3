package org.observatoire.core.visits;

/**
 * What a visit's public occurrence row says, as far as zero-filling needs: its taxon, its count (null when not
 * counted), and its public location (null when unknown) with whether it was generalised for a sensitive species.
 */
public record Observed(String taxonKey, Integer individualCount, Double decimalLatitude, Double decimalLongitude,
    Double coordinateUncertaintyInMeters, boolean generalised) {}
