package org.observatoire.core.taxon;

/**
 * A taxon as submitted: any non-empty subset of a code (STOC 6-letter code or EURING number), a TAXREF cd_nom, a
 * scientific name (authorship allowed) and a vernacular name. Blank strings count as absent.
 */
public record TaxonQuery(String code, Integer taxrefId, String scientificName, String vernacularName) {

  public TaxonQuery {
    code = blankToNull(code);
    scientificName = blankToNull(scientificName);
    vernacularName = blankToNull(vernacularName);
    if (code == null && taxrefId == null && scientificName == null && vernacularName == null) {
      throw new IllegalArgumentException(
          "a taxon needs at least one of code, taxrefId, scientificName, vernacularName");
    }
  }

  public static TaxonQuery of(String code, Integer taxrefId, String scientificName, String vernacularName) {
    return new TaxonQuery(code, taxrefId, scientificName, vernacularName);
  }

  public static TaxonQuery ofCode(String code) {
    return new TaxonQuery(code, null, null, null);
  }

  public static TaxonQuery ofTaxrefId(int cdNom) {
    return new TaxonQuery(null, cdNom, null, null);
  }

  public static TaxonQuery ofScientificName(String name) {
    return new TaxonQuery(null, null, name, null);
  }

  public static TaxonQuery ofVernacularName(String name) {
    return new TaxonQuery(null, null, null, name);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
