package org.observatoire.core.visits;

/**
 * What a visit's public occurrence row says, as far as zero-filling needs: its taxon, its count (null when not
 * counted), and its public location with whether it was generalised for a sensitive species.
 */
public record Observed(String taxonKey, Integer individualCount, double decimalLatitude, double decimalLongitude,
    Double coordinateUncertaintyInMeters, boolean generalised) {}
