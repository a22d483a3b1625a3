package org.observatoire.core.taxon;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.observatoire.core.flags.Flag;

/**
 * Matches submitted taxa against a {@link Checklist}, offline. Thread-safe; results are cached (bounded) so the
 * same query is resolved once per JVM. In a Beam DoFn, build one in {@code @Setup}: {@code
 * TaxonMatcher.of(Checklist.loadDefault())}.
 *
 * <p>Each given input is resolved on its own — taxrefId (TAXREF cd_nom), code (STOC code, or a number as a EURING
 * code), scientificName (exact, former V1 name, authorship stripped, then fuzzy, then species/genus), vernacularName
 * (exact, former V1 name, then fuzzy) — and the results must agree: a taxon and its own subspecies agree, anything
 * else is {@link MatchType#AMBIGUOUS}, as is a single name shared by two unrelated taxa. Where a name is shared by a
 * species and its own subspecies (e.g. "Bergeronnette printanière" in stoc_species.csv) the species is taken: it is
 * what the name means without further precision, and it contains the subspecies.
 */
public final class TaxonMatcher {

  public static final String FLAG_FUZZY = "TAXON_MATCH_FUZZY";
  public static final String FLAG_AMBIGUOUS = "TAXON_MATCH_AMBIGUOUS";
  public static final String FLAG_SYNONYM = "TAXON_MATCH_SYNONYM";
  public static final String FLAG_HIGHERRANK = "TAXON_MATCH_HIGHERRANK";
  public static final String FLAG_NONE = "TAXON_MATCH_NONE";
  public static final String FLAG_WITHDRAWN = "TAXON_NAME_WITHDRAWN";
  public static final String FLAG_NO_TAXREF = "TAXON_NO_TAXREF_ID";

  /** Default bound on cached distinct queries (a flood of unknown names cannot exhaust memory). */
  public static final int DEFAULT_CACHE_SIZE = 200_000;

  private final Checklist checklist;
  private final FuzzyIndex fuzzyScientific;
  private final FuzzyIndex fuzzyVernacular;
  private final Map<TaxonQuery, TaxonMatch> cache = new ConcurrentHashMap<>();
  private final int maxCacheSize;

  private TaxonMatcher(Checklist checklist, int maxCacheSize) {
    this.checklist = Objects.requireNonNull(checklist, "checklist");
    this.fuzzyScientific = new FuzzyIndex(checklist.scientificNames());
    this.fuzzyVernacular = new FuzzyIndex(checklist.vernacularNames());
    this.maxCacheSize = maxCacheSize;
  }

  public static TaxonMatcher of(Checklist checklist) {
    return new TaxonMatcher(checklist, DEFAULT_CACHE_SIZE);
  }

  /** A matcher caching at most {@code maxCacheSize} distinct queries (0 disables the cache). */
  public static TaxonMatcher of(Checklist checklist, int maxCacheSize) {
    if (maxCacheSize < 0) {
      throw new IllegalArgumentException("maxCacheSize must be >= 0, got " + maxCacheSize);
    }
    return new TaxonMatcher(checklist, maxCacheSize);
  }

  public Checklist checklist() {
    return checklist;
  }

  public TaxonMatch match(TaxonQuery query) {
    TaxonMatch cached = cache.get(query);
    if (cached != null) {
      return cached;
    }
    TaxonMatch result = matchUncached(query);
    if (cache.size() < maxCacheSize) {
      cache.put(query, result);
    }
    return result;
  }

  /** Same as {@link #match} without the cache (for measurements). */
  public TaxonMatch matchUncached(TaxonQuery query) {
    Objects.requireNonNull(query, "query");
    List<Resolution> resolved = new ArrayList<>(4);
    boolean withdrawn = false;
    if (query.taxrefId() != null) {
      add(resolved, resolveTaxref(query.taxrefId()));
    }
    if (query.code() != null) {
      add(resolved, resolveCode(query.code()));
    }
    if (query.scientificName() != null) {
      String n = Names.normalise(query.scientificName());
      add(resolved, resolveScientific(query.scientificName(), n));
      withdrawn |= resolved.isEmpty() && checklist.isWithdrawn(n);
    }
    if (query.vernacularName() != null) {
      String n = Names.normaliseVernacular(query.vernacularName());
      add(resolved, resolveVernacular(query.vernacularName(), n));
      withdrawn |= resolved.isEmpty() && checklist.isWithdrawn(n);
    }
    if (resolved.isEmpty()) {
      List<Flag> flags = new ArrayList<>();
      flags.add(Flag.of(FLAG_NONE, "no checklist taxon matches " + describe(query)));
      if (withdrawn) {
        flags.add(Flag.of(FLAG_WITHDRAWN, describe(query) + " was deleted from the QUBS thesaurus in V2"));
      }
      return new TaxonMatch(MatchType.NONE, null, null, List.of(), flags);
    }
    return combine(query, resolved);
  }

  private TaxonMatch combine(TaxonQuery query, List<Resolution> resolved) {
    // the first input that names exactly one taxon leads; the others must agree with it
    Resolution lead = resolved.stream().filter(r -> r.candidates.size() == 1).findFirst().orElse(null);
    if (lead == null) {
      // every input is ambiguous on its own: their intersection may still be a single taxon
      List<Taxon> common = new ArrayList<>(resolved.get(0).candidates);
      for (Resolution r : resolved) {
        common.removeIf(t -> !r.candidates.contains(t));
      }
      if (common.size() == 1) {
        lead = new Resolution(resolved.get(0).type, common, resolved.get(0).input, resolved.get(0).matchedName);
      } else {
        List<Taxon> all = new ArrayList<>();
        resolved.forEach(r -> r.candidates.stream().filter(t -> !all.contains(t)).forEach(all::add));
        return ambiguous(all, describe(query) + " fits " + all.size() + " taxa: " + names(all));
      }
    }
    Taxon taxon = lead.candidates.get(0);
    for (Resolution r : resolved) {
      boolean agrees = r.candidates.stream().anyMatch(t -> t.equals(taxon) || t.isBelow(taxon) || taxon.isBelow(t));
      if (!agrees) {
        List<Taxon> all = new ArrayList<>(List.of(taxon));
        r.candidates.stream().filter(t -> !all.contains(t)).forEach(all::add);
        return ambiguous(all, lead.input + " gives " + names(List.of(taxon)) + " but " + r.input + " gives "
            + names(r.candidates));
      }
    }
    List<Flag> flags = new ArrayList<>();
    switch (lead.type) {
      case FUZZY:
        flags.add(Flag.of(FLAG_FUZZY, lead.input + " matched '" + lead.matchedName + "' approximately"));
        break;
      case SYNONYM:
        flags.add(Flag.of(FLAG_SYNONYM, lead.input + " is a former name, now '" + label(taxon) + "'"));
        break;
      case HIGHER_RANK:
        flags.add(Flag.of(FLAG_HIGHERRANK, lead.input + " not found at its rank; matched the " + taxon.rank()
            + " '" + label(taxon) + "'"));
        break;
      default:
        break;
    }
    if (taxon.taxrefCdNom() == null) {
      flags.add(Flag.of(FLAG_NO_TAXREF, "the reference files give no TAXREF code for " + taxon.key()));
    }
    return new TaxonMatch(lead.type, taxon, lead.matchedName, List.of(), flags);
  }

  private static TaxonMatch ambiguous(List<Taxon> candidates, String message) {
    List<String> keys = candidates.stream().map(Taxon::key).collect(Collectors.toList());
    return new TaxonMatch(MatchType.AMBIGUOUS, null, null, keys, List.of(Flag.of(FLAG_AMBIGUOUS, message)));
  }

  private Resolution resolveTaxref(int cdNom) {
    Taxon t = checklist.byTaxref(cdNom);
    return t == null ? null : new Resolution(MatchType.CODE, List.of(t), "taxrefId " + cdNom, String.valueOf(cdNom));
  }

  private Resolution resolveCode(String raw) {
    String code = Checklist.normaliseCode(raw);
    Taxon t = checklist.byCode(code);
    if (t != null) {
      return new Resolution(MatchType.CODE, List.of(t), "code " + code, code);
    }
    if (code.chars().allMatch(Character::isDigit) && code.length() <= 9) {
      List<Taxon> c = preferSpecies(checklist.byEuring(Integer.parseInt(code)));
      if (!c.isEmpty()) {
        return new Resolution(MatchType.CODE, c, "EURING code " + code, code);
      }
    }
    return null;
  }

  private Resolution resolveScientific(String raw, String n) {
    String input = "scientificName '" + raw + "'";
    Resolution r = exactScientific(n, input);
    if (r != null) {
      return r;
    }
    String canonical = Names.canonicalScientific(raw);
    String[] words = n.split(" ");
    int canonicalWords = canonical.isEmpty() ? 0 : canonical.split(" ").length;
    // authorship stripped: the longest leading run of words that is a checklist name
    for (int k = words.length - 1; k >= 2; k--) {
      String prefix = String.join(" ", java.util.Arrays.copyOf(words, k));
      r = exactScientific(prefix, input);
      if (r != null) {
        if (k < canonicalWords) { // an epithet was dropped, not an author: a subspecies we do not know
          return new Resolution(MatchType.HIGHER_RANK, r.candidates, input, r.matchedName);
        }
        return r;
      }
    }
    String target = canonical.isEmpty() ? n : canonical;
    Fuzzy f = fuzzyScientific.find(target);
    if (f != null) {
      List<Taxon> c = preferSpecies(f.taxa);
      return new Resolution(MatchType.FUZZY, c, input, f.name);
    }
    if (words.length > 1) {
      List<Taxon> genus = preferSpecies(checklist.scientific(words[0]));
      if (!genus.isEmpty()) {
        return new Resolution(MatchType.HIGHER_RANK, genus, input, words[0]);
      }
    }
    return null;
  }

  private Resolution exactScientific(String n, String input) {
    List<Taxon> c = checklist.scientific(n);
    if (!c.isEmpty()) {
      return new Resolution(MatchType.EXACT, preferSpecies(c), input, n);
    }
    c = checklist.scientificSynonym(n);
    if (!c.isEmpty()) {
      return new Resolution(MatchType.SYNONYM, preferSpecies(c), input, n);
    }
    return null;
  }

  private Resolution resolveVernacular(String raw, String n) {
    String input = "vernacularName '" + raw + "'";
    List<Taxon> c = checklist.vernacular(n);
    if (!c.isEmpty()) {
      return new Resolution(MatchType.VERNACULAR, preferSpecies(c), input, n);
    }
    c = checklist.vernacularSynonym(n);
    if (!c.isEmpty()) {
      return new Resolution(MatchType.SYNONYM, preferSpecies(c), input, n);
    }
    Fuzzy f = fuzzyVernacular.find(n);
    if (f != null) {
      return new Resolution(MatchType.FUZZY, preferSpecies(f.taxa), input, f.name);
    }
    return null;
  }

  /** A species and its own subspecies under one name: the species. Otherwise the candidates unchanged. */
  static List<Taxon> preferSpecies(List<Taxon> candidates) {
    if (candidates.size() < 2) {
      return candidates;
    }
    for (Taxon parent : candidates) {
      if (candidates.stream().allMatch(t -> t.equals(parent) || t.isBelow(parent))) {
        return List.of(parent);
      }
    }
    return candidates;
  }

  private static void add(List<Resolution> list, Resolution r) {
    if (r != null) {
      list.add(r);
    }
  }

  private static String describe(TaxonQuery q) {
    List<String> parts = new ArrayList<>();
    if (q.taxrefId() != null) {
      parts.add("taxrefId " + q.taxrefId());
    }
    if (q.code() != null) {
      parts.add("code '" + q.code() + "'");
    }
    if (q.scientificName() != null) {
      parts.add("scientificName '" + q.scientificName() + "'");
    }
    if (q.vernacularName() != null) {
      parts.add("vernacularName '" + q.vernacularName() + "'");
    }
    return String.join(", ", parts);
  }

  private static String names(List<Taxon> taxa) {
    return taxa.stream().map(t -> label(t) + " (" + t.key() + ")").collect(Collectors.joining(", "));
  }

  private static String label(Taxon t) {
    return t.scientificName() != null ? t.scientificName() : t.vernacularName();
  }

  private static final class Resolution {
    final MatchType type;
    final List<Taxon> candidates;
    final String input;
    final String matchedName;

    Resolution(MatchType type, List<Taxon> candidates, String input, String matchedName) {
      this.type = type;
      this.candidates = candidates;
      this.input = input;
      this.matchedName = matchedName;
    }
  }

  private static final class Fuzzy {
    final String name;
    final List<Taxon> taxa;

    Fuzzy(String name, List<Taxon> taxa) {
      this.name = name;
      this.taxa = taxa;
    }
  }

  /**
   * Brute force over names of similar length (a few thousand names: well under a millisecond, and cached).
   * Allowed distance: 0 below 5 characters, 1 up to 7, 2 from 8. A match is returned only when every name at the
   * best distance points to the same taxon (after {@link #preferSpecies}).
   */
  private static final class FuzzyIndex {
    private final Map<Integer, List<Map.Entry<String, List<Taxon>>>> byLength = new LinkedHashMap<>();

    FuzzyIndex(Map<String, List<Taxon>> names) {
      names.entrySet().stream().sorted(Map.Entry.comparingByKey())
          .forEach(e -> byLength.computeIfAbsent(e.getKey().length(), k -> new ArrayList<>()).add(e));
    }

    Fuzzy find(String name) {
      int max = name.length() < 5 ? 0 : name.length() < 8 ? 1 : 2;
      if (max == 0) {
        return null;
      }
      int best = max + 1;
      List<Map.Entry<String, List<Taxon>>> bestEntries = new ArrayList<>();
      for (int len = name.length() - max; len <= name.length() + max; len++) {
        for (Map.Entry<String, List<Taxon>> e : byLength.getOrDefault(len, List.of())) {
          int d = Names.damerauLevenshtein(name, e.getKey(), Math.min(best, max));
          if (d < best) {
            best = d;
            bestEntries.clear();
            bestEntries.add(e);
          } else if (d == best && d <= max) {
            bestEntries.add(e);
          }
        }
      }
      if (bestEntries.isEmpty() || best > max) {
        return null;
      }
      List<Taxon> taxa = new ArrayList<>();
      bestEntries.forEach(e -> e.getValue().stream().filter(t -> !taxa.contains(t)).forEach(taxa::add));
      List<Taxon> unique = preferSpecies(taxa);
      if (unique.size() != 1) {
        return null; // two different names equally close: not a unique fuzzy match
      }
      return new Fuzzy(bestEntries.get(0).getKey(), unique);
    }
  }
}
