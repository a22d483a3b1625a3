package org.observatoire.beam.cubes;

/**
 * One occurrence's contribution to a cube group (grid, cell, higher taxon, protocol, month): its taxon, observer,
 * visit and measures. A plain value with a compact coder ({@link CubeContributionCoder}): cubes shuffle one per
 * occurrence and grid.
 */
record CubeContribution(String taxonKey, String taxonID, String scientificName, String taxonRank, String observer,
    String visit, long individuals, double uncertaintyMeters, long temporalUncertaintySeconds) {}
