package org.observatoire.beam.publish;

import java.util.List;

/** The Darwin Core (and Dublin Core) terms the archive may carry, in the order written, with their URIs. */
final class DwcTerms {
  static final String DWC = "http://rs.tdwg.org/dwc/terms/";
  static final String DC = "http://purl.org/dc/terms/";
  static final String EVENT_ROW = DWC + "Event";
  static final String OCCURRENCE_ROW = DWC + "Occurrence";

  /** Event-level terms (the event core); eventID first, as the core's id. */
  static final List<String> EVENT = List.of("eventID", "parentEventID", "samplingProtocol", "sampleSizeValue",
      "sampleSizeUnit", "samplingEffort", "eventDate", "eventTime", "year", "month", "day", "locationID", "locality",
      "countryCode", "geodeticDatum", "decimalLatitude", "decimalLongitude", "coordinateUncertaintyInMeters");

  /** Occurrence-level terms (the extension); written when the dataset has the column. eventID is the core id. */
  static final List<String> OCCURRENCE = List.of("occurrenceID", "basisOfRecord", "occurrenceStatus", "recordedBy",
      "individualCount", "organismQuantity", "organismQuantityType", "scientificName", "vernacularName", "taxonID",
      "taxonRank", "kingdom", "phylum", "class", "order", "family", "genus", "verbatimIdentification",
      "identificationVerificationStatus", "occurrenceRemarks", "dynamicProperties", "eventDate",
      "decimalLatitude", "decimalLongitude", "coordinateUncertaintyInMeters", "geodeticDatum", "dataGeneralizations",
      "informationWithheld", "license", "rightsHolder", "modified");

  private static final List<String> DUBLIN_CORE = List.of("license", "rightsHolder", "modified", "references",
      "language");

  private DwcTerms() {}

  static String uri(String term) {
    return (DUBLIN_CORE.contains(term) ? DC : DWC) + term;
  }
}
