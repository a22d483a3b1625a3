package org.observatoire.core.interpret;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.observatoire.core.occurrence.FlatOccurrence;
import org.observatoire.core.occurrence.Occurrence;
import org.observatoire.core.protocol.PackageChecklists;
import org.observatoire.core.taxon.MatchType;
import org.observatoire.core.taxon.ProtocolChecklist;
import org.observatoire.core.taxon.TaxonMatch;

/**
 * Taxon step: matches the submitted taxon against its protocol's checklist and writes the accepted taxon, the match
 * type and the matcher's flags. A protocol without checklist (a civic package) has no taxon and no match type.
 * Immutable and thread-safe.
 */
public final class TaxonStep {
  /** The "match" of a row without checklist or without submitted taxon: no taxon at all. */
  private static final TaxonMatch NOT_MATCHED = new TaxonMatch(MatchType.NONE, null, null, List.of(), List.of());

  private final PackageChecklists checklists;

  private TaxonStep(PackageChecklists checklists) {
    this.checklists = Objects.requireNonNull(checklists, "checklists");
  }

  /** Matches against {@code checklists} (one per protocol package that has one). */
  public static TaxonStep of(PackageChecklists checklists) {
    return new TaxonStep(checklists);
  }

  /**
   * The match of a row's submitted taxon.
   *
   * @return the match, whether the protocol has a checklist, and whether the match is a non-taxon entry (a Tadarida
   *     {@code noise}) whose record becomes no row
   */
  public Result match(FlatOccurrence row) {
    ProtocolChecklist checklist = checklists.of(row.occurrence().protocol()).orElse(null);
    if (checklist == null) {
      return new Result(NOT_MATCHED, false, false);
    }
    TaxonMatch match = row.taxon() == null ? NOT_MATCHED : checklist.match(row.taxon());
    return new Result(match, true, match.isMatched() && checklist.isNonTaxon(match.taxonKey()));
  }

  /** Writes a match on the row: its flags, its match type (when checked) and the accepted taxon (when matched). */
  public void write(Result result, Occurrence raw, Occurrence.Builder b, Set<String> flags) {
    TaxonMatch match = result.match();
    match.flags().forEach(f -> flags.add(f.code()));
    b.taxonMatchType(result.checked() ? match.matchType().name() : null);
    if (match.isMatched()) {
      b.taxonID(match.taxonID())
          .acceptedNameUsageID(match.acceptedNameUsageID())
          .scientificName(match.scientificName())
          .taxonRank(match.taxonRank())
          .vernacularName(match.vernacularName() != null ? match.vernacularName() : raw.vernacularName())
          .kingdom(match.kingdom())
          .taxonClass(match.taxonClass())
          .family(match.family())
          .taxonKey(match.taxonKey());
    }
  }

  /**
   * A row's match; {@code checked} is false when its protocol has no checklist (then no taxon and no BDQ test), and
   * {@code nonTaxon} true when it matched a checklist entry that is not a taxon.
   */
  public record Result(TaxonMatch match, boolean checked, boolean nonTaxon) {
    public Result {
      Objects.requireNonNull(match, "match");
    }
  }
}
