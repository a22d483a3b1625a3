package org.observatoire.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.text.Normalizer;
import java.util.Locale;

/** A comparison key for a submitted taxon: its TAXREF id, else its code, else its normalised name. */
final class TaxonKey {
  private TaxonKey() {}

  static String of(JsonNode taxon) {
    if (taxon.hasNonNull("taxrefId")) {
      return "taxref:" + taxon.get("taxrefId").asText();
    }
    if (taxon.hasNonNull("code")) {
      return "code:" + taxon.get("code").asText().trim().toUpperCase(Locale.ROOT);
    }
    String name = taxon.hasNonNull("scientificName") ? taxon.get("scientificName").asText()
        : taxon.path("vernacularName").asText();
    String folded = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    return "name:" + folded.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }
}
