package org.observatoire.core.interpret;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.observatoire.core.occurrence.Occurrence;
import org.observatoire.core.privacy.GeneralizationResult;
import org.observatoire.core.privacy.Generalizer;
import org.observatoire.core.privacy.Pseudonymizer;
import org.observatoire.core.privacy.SensitiveSpecies;
import org.observatoire.core.taxon.TaxonMatch;

/**
 * Privacy step: the observer replaced by a pseudonym (or flagged {@value #OBSERVER_UNKNOWN}), and the point of a
 * sensitive taxon generalised to the centre of its grid cell, the precise one kept as a restricted location.
 * Immutable and thread-safe.
 */
public final class PrivacyStep {
  /** Project flag: the submission names no observer (some exports); {@code recordedBy} is null, no pseudonym. */
  public static final String OBSERVER_UNKNOWN = "OBSERVER_UNKNOWN";

  private final Pseudonymizer pseudonymizer;
  private final Generalizer generalizer;
  private final SensitiveSpecies sensitive;

  private PrivacyStep(Pseudonymizer pseudonymizer, Generalizer generalizer) {
    this.pseudonymizer = Objects.requireNonNull(pseudonymizer, "pseudonymizer");
    this.generalizer = Objects.requireNonNull(generalizer, "generalizer");
    this.sensitive = generalizer.sensitive();
  }

  /** Pseudonymises with {@code pseudonymizer}; generalises the taxa of the generalizer's sensitive list. */
  public static PrivacyStep of(Pseudonymizer pseudonymizer, Generalizer generalizer) {
    return new PrivacyStep(pseudonymizer, generalizer);
  }

  public Pseudonymizer pseudonymizer() {
    return pseudonymizer;
  }

  public Generalizer generalizer() {
    return generalizer;
  }

  /** Writes the observer's pseudonym, or null and {@value #OBSERVER_UNKNOWN} when the row names none. */
  public void pseudonymise(Occurrence raw, Occurrence.Builder b, Set<String> flags) {
    if (raw.recordedBy() == null || raw.recordedBy().isEmpty()) {
      flags.add(OBSERVER_UNKNOWN);
      b.recordedBy(null);
    } else {
      b.recordedBy(pseudonymizer.pseudonym(raw.recordedBy()));
    }
  }

  /**
   * The sensitive-list entry of a match. The matcher decides: synonyms, codes and current names reach the listed
   * taxon; a conflict (a code naming one taxon, a name another) is sensitive when either side is.
   */
  public Optional<SensitiveSpecies.Entry> sensitiveEntry(TaxonMatch match) {
    return sensitive.lookup(match);
  }

  /** The cell size the list gives a checklist key, 0 when the key is not sensitive. */
  public int sensitiveCellMetres(String taxonKey) {
    return sensitive.lookupKey(taxonKey).map(SensitiveSpecies.Entry::generalisationMetres).orElse(0);
  }

  /**
   * Generalises a located row of a sensitive taxon: writes the public point, uncertainty, dataGeneralizations and
   * informationWithheld. Null when the entry leaves the point as it is.
   */
  public Generalised generalise(SensitiveSpecies.Entry entry, Occurrence raw, TaxonMatch match, Occurrence.Builder b) {
    double lat = raw.decimalLatitude();
    double lon = raw.decimalLongitude();
    GeneralizationResult g = generalizer.generaliseFor(entry, lat, lon, raw.coordinateUncertaintyInMeters());
    if (!g.generalised()) {
      return null;
    }
    b.decimalLatitude(g.publicLatitude()).decimalLongitude(g.publicLongitude())
        .coordinateUncertaintyInMeters(g.publicUncertaintyMetres())
        .dataGeneralizations(g.dataGeneralizations())
        .informationWithheld(g.informationWithheld());
    return new Generalised(new RestrictedLocation(raw.occurrenceID(), match.taxonKey(), match.scientificName(), lat,
        lon, raw.coordinateUncertaintyInMeters(), g.cellSizeMetres(), raw.occurrenceID(), raw.eventID(),
        raw.locationID()), g.publicLatitude(), g.publicLongitude());
  }

  /** A generalised row: its precise location (restricted) and its public point. */
  public record Generalised(RestrictedLocation restricted, double publicLatitude, double publicLongitude) {}
}
