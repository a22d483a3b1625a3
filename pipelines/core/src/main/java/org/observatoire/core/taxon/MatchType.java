package org.observatoire.core.taxon;

/**
 * How a submitted taxon was matched, after GBIF's species-match vocabulary. The type is the one of the input that
 * decided (in the order taxrefId, code, scientificName, vernacularName), after every other given input agreed.
 */
public enum MatchType {
  /** The scientific name matched an accepted checklist name (after normalisation and authorship removal). */
  EXACT,
  /** A TAXREF cd_nom, a STOC code or a EURING code matched. */
  CODE,
  /**
   * The name or code is a programme's group of species (a genus, a family, a species group such as Propage's
   * "Piérides blanches"): the occurrence is of that group, at its rank.
   */
  GROUP,
  /** A former name matched: a QUBS thesaurus V1 name renamed, regrouped or merged in V2. */
  SYNONYM,
  /** A French vernacular name matched. */
  VERNACULAR,
  /** A name matched only approximately (Damerau–Levenshtein ≤ 2), uniquely. Flagged {@code TAXON_MATCH_FUZZY}. */
  FUZZY,
  /** The name was not found at its rank; its species (for an unknown subspecies) or genus was. */
  HIGHER_RANK,
  /** Two or more taxa fit (a shared name, or a code and a name that disagree): never guessed. */
  AMBIGUOUS,
  /** Nothing matched. */
  NONE
}
