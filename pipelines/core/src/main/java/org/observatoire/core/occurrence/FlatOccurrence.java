package org.observatoire.core.occurrence;

import java.util.Objects;
import org.observatoire.core.taxon.TaxonQuery;

/**
 * A row as flattened from a submission, before interpretation, with the taxon as the volunteer gave it; null for a
 * civic package's report, which names a category instead.
 */
public record FlatOccurrence(Occurrence occurrence, TaxonQuery taxon) {
  public FlatOccurrence {
    Objects.requireNonNull(occurrence, "occurrence");
  }
}
