package org.observatoire.core.visits;

import java.util.Objects;

/** A taxon of a protocol's list: the taxon dimension of the zero-filled visits (the occurrences' taxonKey). */
public record ListedTaxon(String taxonKey, String scientificName, String vernacularName) {
  public ListedTaxon {
    Objects.requireNonNull(taxonKey, "taxonKey");
  }
}
