package org.observatoire.core.privacy;

/**
 * The public and the restricted (full precision) coordinates of one occurrence. For a taxon that is not sensitive
 * both are the original values, {@code generalised} is false and the Darwin Core texts are null.
 *
 * @param publicUncertaintyMetres original uncertainty (0 when unknown) + half the cell diagonal, rounded up; null
 *     when not generalised and the original was unknown
 * @param dataGeneralizations Darwin Core {@code dataGeneralizations}
 * @param informationWithheld Darwin Core {@code informationWithheld}
 * @param cellSizeMetres the generalisation cell size, 0 when not generalised
 */
public record GeneralizationResult(
    boolean generalised,
    double publicLatitude,
    double publicLongitude,
    Double publicUncertaintyMetres,
    String dataGeneralizations,
    String informationWithheld,
    int cellSizeMetres,
    double restrictedLatitude,
    double restrictedLongitude,
    Double restrictedUncertaintyMetres) {}
