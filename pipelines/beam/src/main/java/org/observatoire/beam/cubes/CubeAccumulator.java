package org.observatoire.beam.cubes;

/** Running measures of one (cube group, observer, visit). Mutable, owned by the combine function. */
final class CubeAccumulator {
  String taxonID;
  String scientificName;
  String taxonRank;
  String higherTaxon;
  long occurrences;
  long individuals;
  double minUncertainty = Double.POSITIVE_INFINITY;
  long minTemporal = Long.MAX_VALUE;

  void merge(CubeAccumulator o) {
    if (taxonID == null) {
      taxonID = o.taxonID;
      scientificName = o.scientificName;
      taxonRank = o.taxonRank;
      higherTaxon = o.higherTaxon;
    }
    occurrences += o.occurrences;
    individuals += o.individuals;
    minUncertainty = Math.min(minUncertainty, o.minUncertainty);
    minTemporal = Math.min(minTemporal, o.minTemporal);
  }
}
