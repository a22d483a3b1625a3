package org.observatoire.core.taxon;

import java.util.List;
import java.util.Objects;

/**
 * One taxon of the offline checklist.
 *
 * <p>{@code key} is always present and stable across runs: {@code taxref:<cd_nom>} when the reference files give a
 * TAXREF code, otherwise {@code stoc:<code>} (STOC rows without TAXREF code) or {@code qubs:<id_thesaurus_final>}
 * (the QUBS thesaurus has no TAXREF codes). Use it to key tables (count expectations, cubes) when {@link #taxonID()}
 * may be null.
 *
 * <p>{@link #taxonID()} is the TAXREF web address of the cd_nom, e.g. {@code https://taxref.mnhn.fr/taxref-web/taxa/2411}:
 * a resolvable, globally unique identifier as Darwin Core recommends; {@link #taxrefCdNom()} gives the plain integer for
 * joins. The reference files carry no separate accepted code, so {@code cd_ref} is taken equal to {@code cd_nom}
 * ({@link #acceptedNameUsageID()} = {@link #taxonID()}); a TAXREF extract with cd_ref would refine this.
 *
 * @param scientificName may be null (generic STOC entries such as {@code RAPACE}, "Rapace sp")
 * @param rank Darwin Core-style rank in English ({@code species}, {@code subspecies}, {@code genus}, {@code family},
 *     {@code morphospecies}, {@code hybrid}, {@code unranked}…)
 * @param taxonClass Darwin Core {@code class} (a Java keyword, hence the name)
 */
public record Taxon(
    String key,
    Integer taxrefCdNom,
    String scientificName,
    String vernacularName,
    String rank,
    String kingdom,
    String phylum,
    String taxonClass,
    String order,
    String family,
    String source,
    List<String> codes) {

  public static final String TAXREF_URL = "https://taxref.mnhn.fr/taxref-web/taxa/";

  public Taxon {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(rank, "rank");
    Objects.requireNonNull(source, "source");
    if (!key.matches("[a-z][a-z0-9-]*:[A-Za-z0-9_.-]+")) {
      throw new IllegalArgumentException(
          "taxon key must look like taxref:2411, stoc:RAPACE, qubs:18 or name:pieris, got " + key);
    }
    if (taxrefCdNom != null && taxrefCdNom <= 0) {
      throw new IllegalArgumentException("TAXREF cd_nom must be positive, got " + taxrefCdNom);
    }
    if (scientificName == null && vernacularName == null) {
      throw new IllegalArgumentException("taxon " + key + " has neither a scientific nor a vernacular name");
    }
    codes = List.copyOf(codes == null ? List.of() : codes);
  }

  /** TAXREF address of the cd_nom, or null when the reference files give no TAXREF code. */
  public String taxonID() {
    return taxrefCdNom == null ? null : TAXREF_URL + taxrefCdNom;
  }

  /** TAXREF address of the accepted cd_ref; equal to {@link #taxonID()} (see the class comment). */
  public String acceptedNameUsageID() {
    return taxonID();
  }

  /** True when this taxon's scientific name extends {@code other}'s (a subspecies of that species, a species of that genus). */
  public boolean isBelow(Taxon other) {
    if (scientificName == null || other.scientificName == null || this.key.equals(other.key)) {
      return false;
    }
    return Names.normalise(scientificName).startsWith(Names.normalise(other.scientificName) + " ");
  }
}
