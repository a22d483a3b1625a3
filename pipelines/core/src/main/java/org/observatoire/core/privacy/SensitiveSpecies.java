package org.observatoire.core.privacy;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.observatoire.core.csv.CsvRows;
import org.observatoire.core.taxon.Names;
import org.observatoire.core.taxon.Taxon;
import org.observatoire.core.taxon.TaxonMatch;

/**
 * The list of taxa whose public coordinates are generalised: {@code sensitive-species.csv} with columns
 * {@code taxref_cd_nom, scientific_name, stoc_code, generalisation_m, reason} (provenance in SOURCES.md). A taxon is
 * covered when its cd_nom is listed or when it lies below a listed taxon (a subspecies of a listed species).
 */
public final class SensitiveSpecies {

  /** One listed taxon. */
  public record Entry(int taxrefCdNom, String scientificName, int generalisationMetres, String reason) {
    public Entry {
      if (taxrefCdNom <= 0) {
        throw new IllegalArgumentException("cd_nom must be positive, got " + taxrefCdNom);
      }
      if (generalisationMetres < 100 || generalisationMetres > 100_000) {
        throw new IllegalArgumentException(scientificName + ": generalisation must be 100 m to 100 km, got "
            + generalisationMetres);
      }
    }
  }

  private final Map<Integer, Entry> byCdNom;
  private final Map<String, Entry> byName;

  private SensitiveSpecies(List<Entry> entries) {
    Map<Integer, Entry> m = new HashMap<>();
    Map<String, Entry> n = new HashMap<>();
    for (Entry e : entries) {
      if (m.put(e.taxrefCdNom(), e) != null) {
        throw new IllegalArgumentException("cd_nom " + e.taxrefCdNom() + " listed twice in the sensitive species");
      }
      n.put(Names.normalise(e.scientificName()), e);
    }
    this.byCdNom = Map.copyOf(m);
    this.byName = Map.copyOf(n);
  }

  public static SensitiveSpecies of(List<Entry> entries) {
    return new SensitiveSpecies(entries);
  }

  /** The shipped list, {@code observatoire/reference/sensitive-species.csv}. */
  public static SensitiveSpecies loadDefault() {
    InputStream in = SensitiveSpecies.class.getClassLoader()
        .getResourceAsStream("observatoire/reference/sensitive-species.csv");
    if (in == null) {
      throw new IllegalStateException("observatoire/reference/sensitive-species.csv is not on the classpath");
    }
    try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      return fromCsv(r);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public static SensitiveSpecies fromCsv(Reader reader) {
    List<List<String>> rows = CsvRows.read(reader, ',');
    List<String> header = rows.get(0);
    int cd = header.indexOf("taxref_cd_nom");
    int name = header.indexOf("scientific_name");
    int size = header.indexOf("generalisation_m");
    int reason = header.indexOf("reason");
    if (cd < 0 || name < 0 || size < 0 || reason < 0) {
      throw new IllegalArgumentException("sensitive species CSV needs columns taxref_cd_nom, scientific_name, "
          + "generalisation_m, reason; got " + header);
    }
    List<Entry> entries = new ArrayList<>();
    for (List<String> r : rows.subList(1, rows.size())) {
      entries.add(new Entry(Integer.parseInt(r.get(cd).strip()), r.get(name).strip(),
          Integer.parseInt(r.get(size).strip()), r.get(reason).strip()));
    }
    return new SensitiveSpecies(entries);
  }

  public List<Entry> entries() {
    return List.copyOf(byCdNom.values());
  }

  public Optional<Entry> lookup(int taxrefCdNom) {
    return Optional.ofNullable(byCdNom.get(taxrefCdNom));
  }

  /**
   * The entry covering a taxon match: the matched taxon's; for an ambiguous match (two inputs naming different
   * taxa, e.g. the code of a falcon with the name of a tit) the entry of any candidate, the widest cell first: a
   * conflict is sensitive when either side is.
   */
  public Optional<Entry> lookup(TaxonMatch match) {
    if (match == null) {
      return Optional.empty();
    }
    if (match.isMatched()) {
      return lookup(match.taxon());
    }
    Entry widest = null;
    for (String key : match.candidateKeys()) {
      Optional<Entry> e = lookupKey(key);
      if (e.isPresent() && (widest == null || e.get().generalisationMetres() > widest.generalisationMetres())) {
        widest = e.get();
      }
    }
    return Optional.ofNullable(widest);
  }

  /** By a checklist key: {@code taxref:<cd_nom>} keys are looked up by cd_nom, others are not listed. */
  public Optional<Entry> lookupKey(String taxonKey) {
    if (taxonKey == null || !taxonKey.startsWith("taxref:")) {
      return Optional.empty();
    }
    try {
      return lookup(Integer.parseInt(taxonKey.substring("taxref:".length())));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** By cd_nom, else by the scientific name of a listed taxon the given one lies below (its species). */
  public Optional<Entry> lookup(Taxon taxon) {
    if (taxon == null) {
      return Optional.empty();
    }
    if (taxon.taxrefCdNom() != null && byCdNom.containsKey(taxon.taxrefCdNom())) {
      return Optional.of(byCdNom.get(taxon.taxrefCdNom()));
    }
    if (taxon.scientificName() == null) {
      return Optional.empty();
    }
    String n = Names.normalise(taxon.scientificName());
    for (int i = n.lastIndexOf(' '); i > 0; i = n.lastIndexOf(' ', i - 1)) {
      Entry e = byName.get(n.substring(0, i));
      if (e != null) {
        return Optional.of(e);
      }
    }
    return Optional.ofNullable(byName.get(n));
  }
}
