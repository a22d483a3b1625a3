package org.observatoire.core.visits;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.observatoire.core.csv.CsvRows;

/**
 * Which taxa may be on a complete-count protocol's list. A protocol's list in a run is the taxa it may list that
 * its visits reported at least once in the run (species never detected carry no information for trends, and a
 * list of every species of the reference would multiply the rows by hundreds):
 * <ul>
 *   <li>STOC-EPS and Oiseaux des jardins: species of the STOC reference list ({@code stoc_species.csv},
 *       {@code niveau_taxo = espece}), keyed as the checklist keys them ({@code taxref:<cd_nom>}, else
 *       {@code stoc:<code>});
 *   <li>Propage: the reference data has no butterfly list (and the checklist matches few butterflies), so every taxon
 *       reported: its taxonKey when matched, else its submitted scientific name ({@code name:<scientificName>}).
 * </ul>
 */
public final class ProtocolLists {
  private static final String STOC_SPECIES = "observatoire/reference/stoc_species.csv";
  private static volatile Set<String> stocSpecies;

  private ProtocolLists() {}

  /** Whether a taxon reported by {@code protocol} belongs on its list. */
  public static boolean mayList(String protocol, String taxonKey) {
    return listKey(protocol, taxonKey, null) != null;
  }

  /**
   * The key under which a reported taxon is on {@code protocol}'s list, or null when it may not be listed: its
   * taxonKey; for Propage, whose butterflies the checklist mostly does not match, {@code name:<scientificName>} when
   * the taxon is unmatched.
   */
  public static String listKey(String protocol, String taxonKey, String scientificName) {
    if (!Visits.isCompleteCount(protocol)) {
      return null;
    }
    if ("propage".equals(protocol)) {
      return taxonKey != null ? taxonKey : scientificName == null || scientificName.isBlank() ? null
          : NAME_PREFIX + scientificName;
    }
    return taxonKey != null && stocSpecies().contains(taxonKey) ? taxonKey : null;
  }

  /** Prefix of the list keys of unmatched Propage taxa. */
  public static final String NAME_PREFIX = "name:";

  /** The keys of the species of {@code stoc_species.csv}. */
  public static Set<String> stocSpecies() {
    Set<String> s = stocSpecies;
    if (s == null) {
      InputStream in = ProtocolLists.class.getClassLoader().getResourceAsStream(STOC_SPECIES);
      if (in == null) {
        throw new IllegalStateException("reference file " + STOC_SPECIES + " is not on the classpath");
      }
      try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
        s = stocSpecies(r);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + STOC_SPECIES, e);
      }
      stocSpecies = s;
    }
    return s;
  }

  /** The species keys of a file in the format of {@code stoc_species.csv}. */
  public static Set<String> stocSpecies(Reader reader) {
    List<List<String>> rows = CsvRows.read(reader, ',');
    List<String> header = rows.get(0);
    int code = header.indexOf("pk_species");
    int taxref = header.indexOf("taxref");
    int level = header.indexOf("niveau_taxo");
    if (code < 0 || taxref < 0 || level < 0) {
      throw new IllegalArgumentException("not a stoc_species.csv file: header " + header);
    }
    Set<String> keys = new HashSet<>();
    for (List<String> row : rows.subList(1, rows.size())) {
      if ("espece".equals(row.get(level))) {
        keys.add(row.get(taxref).isEmpty() ? "stoc:" + row.get(code) : "taxref:" + row.get(taxref));
      }
    }
    return Set.copyOf(keys);
  }
}
