package org.observatoire.core.generate;

/**
 * A taxon as a generator writes it: any of the parts may be null. The JSON object is pre-rendered once, since the
 * same few hundred taxa are written millions of times.
 */
record Taxon(String code, Integer taxrefId, String scientificName, String vernacularName, String json, String codeJson) {

  static Taxon of(String code, Integer taxrefId, String scientificName, String vernacularName) {
    if (code == null && taxrefId == null && scientificName == null && vernacularName == null) {
      throw new IllegalArgumentException("a taxon needs at least one of code, taxrefId, scientificName, vernacularName");
    }
    JsonLine j = new JsonLine();
    j.beginObject();
    if (code != null) {
      j.str("code", code);
    }
    if (taxrefId != null) {
      j.num("taxrefId", taxrefId);
    }
    if (scientificName != null) {
      j.str("scientificName", scientificName);
    }
    if (vernacularName != null) {
      j.str("vernacularName", vernacularName);
    }
    j.endObject();
    String codeJson = code == null ? j.toString() : "{\"code\":\"" + code + "\"}";
    return new Taxon(code, taxrefId, scientificName, vernacularName, j.toString(), codeJson);
  }
}
