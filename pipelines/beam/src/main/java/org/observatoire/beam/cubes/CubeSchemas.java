package org.observatoire.beam.cubes;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;

/** The species occurrence cube's row (GBIF / B-Cubed cube specification), one per grid in cubes/<grid>/. */
public final class CubeSchemas {
  private CubeSchemas() {}

  public static final Schema CUBE = SchemaBuilder.record("OccurrenceCube").namespace("org.observatoire.datasets")
      .doc("Taxon × grid cell × month × protocol; empty groups are not emitted.")
      .fields()
      .name("grid").doc("Grid id: inpn10km, eea10km or eea1km.").type().stringType().noDefault()
      .name("cellCode").doc("The cell each occurrence was assigned to (uncertainty-aware, seeded: see the manifest).")
      .type().stringType().noDefault()
      .name("taxonKey").doc("Checklist key of the accepted taxon.").type().stringType().noDefault()
      .name("taxonID").doc("TAXREF address of the taxon, when known.").type().nullable().stringType().noDefault()
      .name("scientificName").type().nullable().stringType().noDefault()
      .name("taxonRank").type().nullable().stringType().noDefault()
      .name("protocol").type().stringType().noDefault()
      .name("year").type().intType().noDefault()
      .name("yearMonth").doc("YYYY-MM").type().stringType().noDefault()
      .name("occurrences").doc("Number of occurrences.").type().longType().noDefault()
      .name("individuals").doc("Sum of individualCount (null counts add nothing).").type().longType().noDefault()
      .name("distinctObservers").doc("Distinct pseudonymous observers (occurrences without an observer add none).").type().longType().noDefault()
      .name("distinctVisits").doc("Distinct sampling events (visits): the sampling effort.").type().longType()
      .noDefault()
      .name("minCoordinateUncertaintyInMeters").doc("Smallest coordinate uncertainty (1000 m where unknown).")
      .type().doubleType().noDefault()
      .name("minTemporalUncertaintyInSeconds").type().longType().noDefault()
      .name("higherTaxon").doc("The class (else kingdom) of the taxon: the effort proxy's taxon.").type().nullable()
      .stringType().noDefault()
      .name("higherTaxonOccurrences").doc("Occurrences of the higher taxon in the same cell, month and protocol.")
      .type().longType().noDefault()
      .endRecord();
}
