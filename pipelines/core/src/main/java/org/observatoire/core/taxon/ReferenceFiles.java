package org.observatoire.core.taxon;

import java.io.Reader;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.observatoire.core.csv.CsvRows;

/**
 * Reads the two shipped reference files into a {@link Checklist.Builder}.
 *
 * <ul>
 *   <li>{@code stoc_species.csv} (comma-separated): one taxon per TAXREF cd_nom (rows sharing a cd_nom, like
 *       {@code TRICIN}/{@code XENCIN} for Xenus cinereus, become one taxon with two codes), or per STOC code when
 *       there is none. French order and family labels are turned into Latin ones by folding accents and
 *       {@code -idés → -idae} (so a typo in the file, e.g. "Sylvidés", stays a typo: "Sylvidae").
 *       Codes with a leading underscore ({@code _ANTVIR}) are also indexed without it when that code is free.
 *   <li>{@code thesaurus_V1V2.csv} (QUBS, {@code ;}-separated, BOM, {@code NA}): one taxon per
 *       {@code id_thesaurus_final}; V2 names are accepted names, V1 names that differ ("Type de modification"
 *       {@code modif_appelation}, {@code modif_regroupement}, {@code merge_QUBS}) are former names (synonyms), and
 *       the V1 names of rows deleted in V2 ({@code suppression}, no final id) are withdrawn names.
 * </ul>
 */
final class ReferenceFiles {

  private ReferenceFiles() {}

  static void addStocSpecies(Reader reader, Checklist.Builder b) {
    List<List<String>> rows = CsvRows.read(reader, ',');
    Header h = new Header(rows.get(0), "stoc_species.csv");
    Map<String, List<List<String>>> byKey = new LinkedHashMap<>();
    for (List<String> row : rows.subList(1, rows.size())) {
      String taxref = h.get(row, "taxref");
      String key = taxref.isEmpty() ? "stoc:" + h.get(row, "pk_species") : "taxref:" + taxref;
      byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
    }
    List<String[]> underscoreAliases = new ArrayList<>();
    for (Map.Entry<String, List<List<String>>> e : byKey.entrySet()) {
      List<String> first = e.getValue().get(0);
      List<String> codes = new ArrayList<>();
      e.getValue().forEach(r -> codes.add(h.get(r, "pk_species")));
      String taxref = h.get(first, "taxref");
      String sci = h.get(first, "scientific_name");
      Taxon taxon = b.addTaxon(new Taxon(
          e.getKey(),
          taxref.isEmpty() ? null : Integer.valueOf(taxref),
          sci.isEmpty() ? null : sci,
          emptyToNull(h.get(first, "french_name")),
          stocRank(h.get(first, "niveau_taxo"), sci),
          "Animalia",
          "Chordata",
          "Oiseaux".equals(h.get(first, "class_tax")) ? "Aves" : emptyToNull(h.get(first, "class_tax")),
          latinFromFrench(h.get(first, "order_tax")),
          latinFromFrench(h.get(first, "family_tax")),
          "stoc_species.csv",
          codes));
      for (List<String> r : e.getValue()) {
        String code = h.get(r, "pk_species");
        b.addCode(code, taxon);
        if (code.startsWith("_")) {
          underscoreAliases.add(new String[] {code.substring(1), taxon.key()});
        }
        String euring = h.get(r, "euring");
        if (!euring.isEmpty()) {
          b.addEuring(Integer.parseInt(euring), taxon);
        }
        b.addScientificName(h.get(r, "scientific_name"), taxon, false);
        b.addVernacularName(h.get(r, "french_name"), taxon, false);
      }
    }
    for (String[] alias : underscoreAliases) {
      if (!b.hasCode(alias[0])) {
        b.addCode(alias[0], b.taxon(alias[1]));
      }
    }
  }

  static void addQubsThesaurus(Reader reader, Checklist.Builder b) {
    List<List<String>> rows = CsvRows.read(reader, ';');
    Header h = new Header(rows.get(0), "thesaurus_V1V2.csv");
    for (List<String> row : rows.subList(1, rows.size())) {
      String finalId = h.get(row, "id_thesaurus_final");
      if (finalId.isEmpty()) {
        b.addWithdrawnName(h.get(row, "Nom latin V1"));
        b.addWithdrawnName(h.get(row, "Nom français V1"));
        continue;
      }
      Taxon taxon = b.addTaxon(new Taxon(
          "qubs:" + finalId,
          null,
          emptyToNull(h.get(row, "Nom latin V2")),
          emptyToNull(h.get(row, "Nom français V2")),
          qubsRank(h.get(row, "Niv_deter_global")),
          "Animalia",
          emptyToNull(h.get(row, "Embranchement")),
          emptyToNull(h.get(row, "Classe")),
          emptyToNull(h.get(row, "Ordre")),
          emptyToNull(h.get(row, "Famille")),
          "thesaurus_V1V2.csv",
          List.of()));
      b.addScientificName(h.get(row, "Nom latin V2"), taxon, false);
      b.addVernacularName(h.get(row, "Nom français V2"), taxon, false);
      b.addScientificName(h.get(row, "Nom latin V1"), taxon, true);
      b.addVernacularName(h.get(row, "Nom français V1"), taxon, true);
    }
  }

  static String stocRank(String niveau, String scientificName) {
    switch (niveau) {
      case "espece":
        return "species";
      case "sous-espece":
        return "subspecies";
      case "hybride":
        return "hybrid";
      case "generique":
        return !scientificName.isEmpty() && !scientificName.contains(" ") ? "genus" : "unranked";
      default:
        throw new IllegalArgumentException("unknown niveau_taxo '" + niveau + "' in stoc_species.csv");
    }
  }

  private static final Map<String, String> QUBS_RANKS = new HashMap<>();

  static {
    String[][] pairs = {
      {"espece", "species"}, {"sous espece", "subspecies"}, {"genre", "genus"}, {"famille", "family"},
      {"famile", "family"}, {"sous famille", "subfamily"}, {"super famille", "superfamily"}, {"tribu", "tribe"},
      {"ordre", "order"}, {"sous ordre", "suborder"}, {"classe", "class"}, {"sous classe", "subclass"},
      {"embranchement", "phylum"}, {"sous embranchement", "subphylum"}, {"morphoespece", "morphospecies"}
    };
    for (String[] p : pairs) {
      QUBS_RANKS.put(p[0], p[1]);
    }
  }

  /** Thesaurus ranks in English; the groups ("Plusieurs genres", "Plusieurs familles"…) are {@code unranked}. */
  static String qubsRank(String niveau) {
    return QUBS_RANKS.getOrDefault(Names.normalise(niveau), "unranked");
  }

  static String latinFromFrench(String label) {
    if (label == null || label.isBlank()) {
      return null;
    }
    String folded = Normalizer.normalize(label.strip(), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    return folded.endsWith("ides") ? folded.substring(0, folded.length() - 4) + "idae" : folded;
  }

  private static String emptyToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  /** Column access by header name; "NA" (R's missing value) reads as empty. */
  private static final class Header {
    private final Map<String, Integer> index = new HashMap<>();
    private final String file;

    Header(List<String> header, String file) {
      this.file = file;
      for (int i = 0; i < header.size(); i++) {
        index.put(header.get(i).strip(), i);
      }
    }

    String get(List<String> row, String column) {
      Integer i = index.get(column);
      if (i == null) {
        throw new IllegalArgumentException(file + " has no column '" + column + "' (columns: " + index.keySet() + ")");
      }
      String v = i < row.size() ? row.get(i).strip() : "";
      return "NA".equals(v) ? "" : v;
    }
  }
}
