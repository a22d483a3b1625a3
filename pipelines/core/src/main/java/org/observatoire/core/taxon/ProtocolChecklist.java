package org.observatoire.core.taxon;

import java.io.Reader;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.observatoire.core.csv.CsvRows;
import org.observatoire.core.flags.Flag;

/**
 * A protocol package's checklist ({@code checklist.csv}, columns in {@code protocols/CHECKLISTS.md}): the taxa and
 * groups its volunteers name, by the programme's codes, scientific names (and former names) and French names; which
 * entries are groups and which are not taxa at all (a Tadarida {@code noise}); and which are on the protocol's
 * complete list. Matching tries this checklist first, then a shared reference checklist for names the programme's
 * list lacks. Thread-safe once built.
 *
 * <p>Keys are stable across packages and runs: {@code taxref:<cd_nom>} when the entry has a TAXREF cd_nom, else
 * {@code name:<scientific-name>} (lower case, hyphens), else the entry's own key.
 */
public final class ProtocolChecklist {
  /** Flag of a row matched to a group (genus, family, species group) rather than a species. */
  public static final String FLAG_GROUP = "TAXON_MATCH_GROUP";

  private static final List<String> HEADER = List.of("key", "kind", "listed", "codes", "taxrefId", "scientificName",
      "rank", "vernacularName", "otherNames", "synonyms", "kingdom", "phylum", "class", "order", "family", "source");

  private final TaxonMatcher own;
  private final TaxonMatcher fallback;
  private final Set<String> groups;
  private final Set<String> nonTaxa;
  private final List<Taxon> listed;

  private ProtocolChecklist(Checklist checklist, TaxonMatcher fallback, Set<String> groups, Set<String> nonTaxa,
      List<Taxon> listed) {
    this.own = TaxonMatcher.of(checklist);
    this.fallback = fallback;
    this.groups = Set.copyOf(groups);
    this.nonTaxa = Set.copyOf(nonTaxa);
    this.listed = List.copyOf(listed);
  }

  /**
   * Reads a checklist file.
   *
   * @param source the file's name, for error messages
   * @param fallback matcher for names the checklist lacks, or null for none
   * @throws IllegalArgumentException naming the file, line and column when the file is not a checklist
   */
  public static ProtocolChecklist read(Reader reader, String source, TaxonMatcher fallback) {
    List<List<String>> rows = CsvRows.read(reader, ',');
    if (rows.isEmpty() || !rows.get(0).equals(HEADER)) {
      throw new IllegalArgumentException(source + ": the header must be " + String.join(",", HEADER));
    }
    Checklist.Builder b = Checklist.builder();
    Set<String> groups = new HashSet<>();
    Set<String> nonTaxa = new HashSet<>();
    List<Taxon> listed = new ArrayList<>();
    Map<String, Taxon> byKey = new LinkedHashMap<>();
    Set<String> sharedCodes = sharedCodes(rows);
    for (int i = 1; i < rows.size(); i++) {
      List<String> r = rows.get(i);
      String where = source + " line " + (i + 1);
      if (r.size() != HEADER.size()) {
        throw new IllegalArgumentException(where + ": " + r.size() + " columns, expected " + HEADER.size());
      }
      String kind = r.get(1);
      if (!List.of("taxon", "group", "non-taxon").contains(kind)) {
        throw new IllegalArgumentException(where + ": kind must be taxon, group or non-taxon, not '" + kind + "'");
      }
      Integer cdNom;
      try {
        cdNom = r.get(4).isEmpty() ? null : Integer.valueOf(r.get(4));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(where + ": taxrefId '" + r.get(4) + "' is not a number");
      }
      String sci = empty(r.get(5));
      String key = cdNom != null ? "taxref:" + cdNom
          : sci != null && !"non-taxon".equals(kind) ? "name:" + slug(sci) : "entry:" + slug(r.get(0));
      List<String> codes = split(r.get(3));
      Taxon t = byKey.get(key);
      if (t == null) {
        t = b.addTaxon(new Taxon(key, cdNom, sci, empty(r.get(7)), r.get(6).isEmpty() ? "unranked" : r.get(6),
            empty(r.get(10)), empty(r.get(11)), empty(r.get(12)), empty(r.get(13)), empty(r.get(14)),
            r.get(15).isEmpty() ? source : r.get(15), codes));
        byKey.put(key, t);
      }
      for (String c : codes) {
        if (!sharedCodes.contains(c.toUpperCase(Locale.ROOT))) {
          b.addCode(c, t);
        }
      }
      if (sci != null) {
        b.addScientificName(sci, t, false);
      }
      for (String syn : split(r.get(9))) {
        b.addScientificName(syn, t, true);
      }
      if (!r.get(7).isEmpty()) {
        b.addVernacularName(r.get(7), t, false);
      }
      for (String other : split(r.get(8))) {
        b.addVernacularName(other, t, false);
      }
      switch (kind) {
        case "group" -> groups.add(key);
        case "non-taxon" -> nonTaxa.add(key);
        default -> { }
      }
      if ("true".equals(r.get(2)) && !listed.contains(t)) {
        listed.add(t);
      }
    }
    return new ProtocolChecklist(b.build(), fallback, groups, nonTaxa, listed);
  }

  /**
   * Matches a submitted taxon: against this checklist, then (when nothing matched) the fallback. A match to a group
   * has type {@link MatchType#GROUP}.
   */
  public TaxonMatch match(TaxonQuery query) {
    TaxonMatch m = own.match(query);
    if (m.matchType() == MatchType.NONE && fallback != null) {
      TaxonMatch other = fallback.match(query);
      if (other.matchType() != MatchType.NONE) {
        return other;
      }
    }
    if (m.isMatched() && groups.contains(m.taxon().key())) {
      List<Flag> flags = new ArrayList<>(m.flags());
      flags.removeIf(f -> TaxonMatcher.FLAG_HIGHERRANK.equals(f.code()));
      return new TaxonMatch(MatchType.GROUP, m.taxon(), m.matchedName(), m.candidateKeys(), flags);
    }
    return m;
  }

  /** Whether a matched key is not a taxon (noise, parasites, an unidentified sound): never an occurrence. */
  public boolean isNonTaxon(String key) {
    return key != null && nonTaxa.contains(key);
  }

  /** The entries of the protocol's complete list, in checklist order (empty for presence-only protocols). */
  public List<Taxon> listed() {
    return listed;
  }

  /** Every entry. */
  public List<Taxon> taxa() {
    return own.checklist().taxa();
  }

  /**
   * Codes that two entries of different keys share (a programme's abbreviation used for two groups): not indexed,
   * since a submission giving only that code cannot be resolved; names still match.
   */
  private static Set<String> sharedCodes(List<List<String>> rows) {
    Map<String, String> owner = new java.util.HashMap<>();
    Set<String> shared = new HashSet<>();
    for (List<String> r : rows.subList(1, rows.size())) {
      if (r.size() < 4) {
        continue;
      }
      for (String c : split(r.get(3))) {
        String prev = owner.putIfAbsent(c.toUpperCase(Locale.ROOT), r.get(4) + "|" + r.get(5));
        if (prev != null && !prev.equals(r.get(4) + "|" + r.get(5))) {
          shared.add(c.toUpperCase(Locale.ROOT));
        }
      }
    }
    return shared;
  }

  private static List<String> split(String cell) {
    if (cell.isBlank()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String s : cell.split("\\|")) {
      if (!s.isBlank()) {
        out.add(s.trim());
      }
    }
    return out;
  }

  private static String empty(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  static String slug(String text) {
    Objects.requireNonNull(text, "text");
    String folded = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    return folded.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
  }
}
