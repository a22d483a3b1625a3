package org.observatoire.core.interpret;

import java.util.Objects;
import org.observatoire.core.occurrence.Occurrence;

/**
 * An interpreted occurrence: the public row, and the restricted location when the public one was generalised; or,
 * when the record names something that is not a taxon (a Tadarida {@code noise}), no row but that entry's key, so
 * that the record is counted with its submission rather than published as an occurrence.
 */
public record Interpreted(Occurrence publicRow, RestrictedLocation restricted, String nonTaxonKey,
    int sensitiveCellMetres) {
  public Interpreted {
    if ((publicRow == null) == (nonTaxonKey == null)) {
      throw new IllegalArgumentException("an interpreted record is either a row or a non-taxon, not both or neither");
    }
  }

  public Interpreted(Occurrence publicRow, RestrictedLocation restricted) {
    this(Objects.requireNonNull(publicRow, "publicRow"), restricted, null,
        restricted == null ? 0 : restricted.generalisationMeters());
  }

  /**
   * A row of a sensitive taxon ({@code sensitiveCellMetres} > 0): its event is generalised to that cell, even when
   * the row itself has no location of its own to generalise.
   */
  public Interpreted(Occurrence publicRow, RestrictedLocation restricted, int sensitiveCellMetres) {
    this(Objects.requireNonNull(publicRow, "publicRow"), restricted, null, sensitiveCellMetres);
  }

  /** A record of something that is not a taxon. */
  public static Interpreted nonTaxon(String key) {
    return new Interpreted(null, null, Objects.requireNonNull(key, "key"), 0);
  }

  public boolean isNonTaxon() {
    return nonTaxonKey != null;
  }

  public boolean generalised() {
    return restricted != null;
  }
}
