package org.observatoire.core.taxon;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An offline, immutable checklist with pre-built hash indexes: TAXREF cd_nom, STOC codes, EURING codes, accepted
 * scientific and French names, former (synonym) names and withdrawn names — all names normalised by {@link Names}.
 * Build the default one with {@link #loadDefault()} (the two reference files on the classpath) or your own with
 * {@link #builder()}. Thread-safe once built.
 */
public final class Checklist {

  private final List<Taxon> taxa;
  private final Map<Integer, Taxon> byTaxref;
  private final Map<String, Taxon> byCode;
  private final Map<Integer, List<Taxon>> byEuring;
  private final Map<String, List<Taxon>> scientific;
  private final Map<String, List<Taxon>> scientificSynonyms;
  private final Map<String, List<Taxon>> vernacular;
  private final Map<String, List<Taxon>> vernacularSynonyms;
  private final Set<String> withdrawn;

  private Checklist(Builder b) {
    this.taxa = List.copyOf(b.taxa.values());
    this.byTaxref = Map.copyOf(b.byTaxref);
    this.byCode = Map.copyOf(b.byCode);
    this.byEuring = freeze(b.byEuring);
    this.scientific = freeze(b.scientific);
    this.scientificSynonyms = freeze(b.scientificSynonyms);
    this.vernacular = freeze(b.vernacular);
    this.vernacularSynonyms = freeze(b.vernacularSynonyms);
    Set<String> w = new HashSet<>(b.withdrawn);
    this.withdrawn = Set.copyOf(w);
  }

  /** The checklist of the shipped reference files {@code observatoire/reference/stoc_species.csv} and {@code thesaurus_V1V2.csv}. */
  public static Checklist loadDefault() {
    Builder b = builder();
    try (Reader stoc = resource("stoc_species.csv"); Reader thesaurus = resource("thesaurus_V1V2.csv")) {
      ReferenceFiles.addStocSpecies(stoc, b);
      ReferenceFiles.addQubsThesaurus(thesaurus, b);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return b.build();
  }

  /** A checklist from readers over files in the formats of {@code stoc_species.csv} and {@code thesaurus_V1V2.csv}. */
  public static Checklist load(Reader stocSpecies, Reader qubsThesaurus) {
    Builder b = builder();
    ReferenceFiles.addStocSpecies(stocSpecies, b);
    ReferenceFiles.addQubsThesaurus(qubsThesaurus, b);
    return b.build();
  }

  private static Reader resource(String file) {
    InputStream in = Checklist.class.getClassLoader().getResourceAsStream("observatoire/reference/" + file);
    if (in == null) {
      throw new IllegalStateException("reference file observatoire/reference/" + file + " is not on the classpath");
    }
    return new InputStreamReader(in, StandardCharsets.UTF_8);
  }

  public static Builder builder() {
    return new Builder();
  }

  public List<Taxon> taxa() {
    return taxa;
  }

  Taxon byTaxref(int cdNom) {
    return byTaxref.get(cdNom);
  }

  Taxon byCode(String normalisedCode) {
    return byCode.get(normalisedCode);
  }

  List<Taxon> byEuring(int euring) {
    return byEuring.getOrDefault(euring, List.of());
  }

  List<Taxon> scientific(String normalised) {
    return scientific.getOrDefault(normalised, List.of());
  }

  List<Taxon> scientificSynonym(String normalised) {
    return scientificSynonyms.getOrDefault(normalised, List.of());
  }

  List<Taxon> vernacular(String normalisedVernacular) {
    return vernacular.getOrDefault(normalisedVernacular, List.of());
  }

  List<Taxon> vernacularSynonym(String normalisedVernacular) {
    return vernacularSynonyms.getOrDefault(normalisedVernacular, List.of());
  }

  boolean isWithdrawn(String normalised) {
    return withdrawn.contains(normalised);
  }

  /** Every indexed scientific name (accepted then former), normalised: the fuzzy matcher's search space. */
  Map<String, List<Taxon>> scientificNames() {
    Map<String, List<Taxon>> all = new LinkedHashMap<>(scientificSynonyms);
    all.putAll(scientific);
    return all;
  }

  Map<String, List<Taxon>> vernacularNames() {
    Map<String, List<Taxon>> all = new LinkedHashMap<>(vernacularSynonyms);
    all.putAll(vernacular);
    return all;
  }

  private static <K> Map<K, List<Taxon>> freeze(Map<K, List<Taxon>> m) {
    Map<K, List<Taxon>> out = new HashMap<>();
    m.forEach((k, v) -> out.put(k, List.copyOf(v)));
    return Collections.unmodifiableMap(out);
  }

  /** Collects taxa and names; later names for an existing (name, taxon) pair are ignored. Not thread-safe. */
  public static final class Builder {
    private final Map<String, Taxon> taxa = new LinkedHashMap<>();
    private final Map<Integer, Taxon> byTaxref = new HashMap<>();
    private final Map<String, Taxon> byCode = new HashMap<>();
    private final Map<Integer, List<Taxon>> byEuring = new HashMap<>();
    private final Map<String, List<Taxon>> scientific = new LinkedHashMap<>();
    private final Map<String, List<Taxon>> scientificSynonyms = new LinkedHashMap<>();
    private final Map<String, List<Taxon>> vernacular = new LinkedHashMap<>();
    private final Map<String, List<Taxon>> vernacularSynonyms = new LinkedHashMap<>();
    private final Set<String> withdrawn = new HashSet<>();

    private Builder() {}

    /** Adds a taxon (or returns the one already there under the same key) and indexes its own names and codes. */
    public Taxon addTaxon(Taxon taxon) {
      Objects.requireNonNull(taxon, "taxon");
      Taxon existing = taxa.get(taxon.key());
      if (existing != null) {
        return existing;
      }
      taxa.put(taxon.key(), taxon);
      if (taxon.taxrefCdNom() != null) {
        byTaxref.put(taxon.taxrefCdNom(), taxon);
      }
      addScientificName(taxon.scientificName(), taxon, false);
      addVernacularName(taxon.vernacularName(), taxon, false);
      return taxon;
    }

    /** Indexes a STOC-like code (case-insensitive); a code already taken by another taxon fails fast. */
    public Builder addCode(String code, Taxon taxon) {
      String c = normaliseCode(code);
      Taxon previous = byCode.putIfAbsent(c, taxon);
      if (previous != null && !previous.key().equals(taxon.key())) {
        throw new IllegalArgumentException("code " + c + " given to both " + previous.key() + " and " + taxon.key());
      }
      return this;
    }

    boolean hasCode(String code) {
      return byCode.containsKey(normaliseCode(code));
    }

    Taxon taxon(String key) {
      return taxa.get(key);
    }

    public Builder addEuring(int euring, Taxon taxon) {
      addTo(byEuring, euring, taxon);
      return this;
    }

    public Builder addScientificName(String name, Taxon taxon, boolean formerName) {
      String n = Names.normalise(name);
      if (!n.isEmpty()) {
        addTo(formerName ? scientificSynonyms : scientific, n, taxon);
      }
      return this;
    }

    public Builder addVernacularName(String name, Taxon taxon, boolean formerName) {
      String n = Names.normaliseVernacular(name);
      if (!n.isEmpty()) {
        addTo(formerName ? vernacularSynonyms : vernacular, n, taxon);
      }
      return this;
    }

    /** A name withdrawn from the checklist (e.g. deleted in thesaurus V2): matches nothing, but says why. */
    public Builder addWithdrawnName(String name) {
      withdrawn.add(Names.normalise(name));
      withdrawn.add(Names.normaliseVernacular(name));
      return this;
    }

    public Checklist build() {
      // a former name that is also an accepted name of the same taxon adds nothing
      scientificSynonyms.entrySet().removeIf(e -> scientific.getOrDefault(e.getKey(), List.of()).containsAll(e.getValue()));
      vernacularSynonyms.entrySet().removeIf(e -> vernacular.getOrDefault(e.getKey(), List.of()).containsAll(e.getValue()));
      withdrawn.removeIf(n -> scientific.containsKey(n) || vernacular.containsKey(n)
          || scientificSynonyms.containsKey(n) || vernacularSynonyms.containsKey(n));
      return new Checklist(this);
    }

    private static <K> void addTo(Map<K, List<Taxon>> index, K key, Taxon taxon) {
      List<Taxon> list = index.computeIfAbsent(key, k -> new ArrayList<>(1));
      if (!list.contains(taxon)) {
        list.add(taxon);
      }
    }
  }

  static String normaliseCode(String code) {
    return code.strip().toUpperCase(Locale.ROOT);
  }
}
