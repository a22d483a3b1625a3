package org.observatoire.core.taxon;

import java.util.List;
import java.util.Objects;
import org.observatoire.core.flags.Flag;

/**
 * The immutable result of matching a {@link TaxonQuery}: the matched {@link Taxon} (null for {@code AMBIGUOUS} and
 * {@code NONE}), how it was matched, the checklist name that was hit, the candidate keys when ambiguous, and flags.
 * The accessors named after Darwin Core terms return null when unmatched.
 */
public record TaxonMatch(
    MatchType matchType, Taxon taxon, String matchedName, List<String> candidateKeys, List<Flag> flags) {

  public TaxonMatch {
    Objects.requireNonNull(matchType, "matchType");
    candidateKeys = List.copyOf(candidateKeys);
    flags = List.copyOf(flags);
    boolean unmatched = matchType == MatchType.AMBIGUOUS || matchType == MatchType.NONE;
    if (unmatched != (taxon == null)) {
      throw new IllegalArgumentException(matchType + " match must " + (unmatched ? "not " : "") + "carry a taxon");
    }
  }

  public boolean isMatched() {
    return taxon != null;
  }

  public boolean hasFlag(String code) {
    return flags.stream().anyMatch(f -> f.code().equals(code));
  }

  public String taxonKey() {
    return taxon == null ? null : taxon.key();
  }

  public String taxonID() {
    return taxon == null ? null : taxon.taxonID();
  }

  public String acceptedNameUsageID() {
    return taxon == null ? null : taxon.acceptedNameUsageID();
  }

  public String scientificName() {
    return taxon == null ? null : taxon.scientificName();
  }

  public String taxonRank() {
    return taxon == null ? null : taxon.rank();
  }

  public String vernacularName() {
    return taxon == null ? null : taxon.vernacularName();
  }

  public String kingdom() {
    return taxon == null ? null : taxon.kingdom();
  }

  public String taxonClass() {
    return taxon == null ? null : taxon.taxonClass();
  }

  public String family() {
    return taxon == null ? null : taxon.family();
  }
}
