package org.observatoire.core.generate;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.observatoire.core.csv.CsvRows;
import org.observatoire.core.protocol.PackageChecklists;

/**
 * The taxa, habitat codes and places the generator draws from: the project's reference files
 * ({@code observatoire/reference/}) plus the small lists bundled next to this class. Loaded once, immutable.
 */
final class ReferenceData {
  private static final String REF = "observatoire/reference/";
  private static final String HERE = "org/observatoire/core/generate/";

  /** Birds common on STOC squares, most frequent first (STOC codes; all must exist in stoc_species.csv). */
  private static final List<String> STOC_COMMON = List.of(
      "PARMAJ", "TURMER", "FRICOE", "SYLATR", "ERIRUB", "COLPAL", "PHYCOL", "CORCOR", "PARCAE", "TROTRO",
      "STUVUL", "PASDOM", "PICPIC", "TURPHI", "GARGLA", "APUAPU", "HIRRUS", "ALAARV", "SITEUR", "CERBRA",
      "DENMAJ", "PICVIR", "AEGCAU", "PRUMOD", "CARCAR", "CARCHL", "SERSER", "EMBCIT", "BUTBUT", "PHACOL",
      "STRDEC", "STRTUR", "CUCCAN", "ORIORI", "LUSMEG", "HIPPOL", "MOTALB", "PHOOCH", "REGREG", "PARPAL",
      "ANTTRI", "EMBCIR", "CORMON", "TURVIS", "SYLCOM", "DELURB", "UPUEPO", "MILMIL");
  /** Birds of gardens (Oiseaux des jardins), STOC codes. */
  private static final List<String> GARDEN = List.of(
      "PARMAJ", "PARCAE", "ERIRUB", "TURMER", "PASDOM", "FRICOE", "CARCHL", "CARCAR", "SITEUR", "PRUMOD",
      "COLPAL", "STRDEC", "PICPIC", "AEGCAU", "PHOOCH", "TROTRO", "STUVUL", "DENMAJ", "PARATE", "CORMON",
      "GARGLA", "PYRPYR", "PASMON", "SYLATR", "CORCOR", "PARPAL", "PARCRI", "FRIMON");
  /** Flower-visiting beetle groups taken from the thesaurus (the rest of its beetles live in the soil). */
  private static final Set<String> FLOWER_BEETLES = Set.of(
      "Cantharidae et Lampyridae", "Cleridae", "Dasytinae", "Cerambycidae", "Malachiinae", "Mordellidae",
      "Oedemeridae", "Coccinella septempunctata", "Harmonia axyridis", "Propylea quatuordecimpunctata",
      "Psyllobora vigintiduopunctata", "Chrysomelidae");
  private static final Set<String> FLYING_ORDERS = Set.of("Hymenoptera", "Diptera", "Lepidoptera", "Hemiptera");

  static final ReferenceData INSTANCE = load();

  final List<Taxon> stocCommon;
  final List<Taxon> stocAll;
  final List<Taxon> garden;
  final List<String> habitatCodes;
  final List<Taxon> pollinators;
  final List<Taxon> plants;
  final List<Taxon> bats;
  final List<Taxon> butterflies;
  final List<Taxon> streetPlants;
  final List<String> streetNames;
  final List<Commune> communes;

  private ReferenceData(Map<String, List<?>> lists) {
    this.stocCommon = cast(lists.get("stocCommon"));
    this.stocAll = cast(lists.get("stocAll"));
    this.garden = cast(lists.get("garden"));
    this.habitatCodes = cast(lists.get("habitats"));
    this.pollinators = cast(lists.get("pollinators"));
    this.plants = cast(lists.get("plant"));
    this.bats = cast(lists.get("chiro"));
    this.butterflies = cast(lists.get("propage"));
    this.streetPlants = cast(lists.get("street"));
    this.streetNames = cast(lists.get("street-name"));
    this.communes = cast(lists.get("communes"));
  }

  @SuppressWarnings("unchecked")
  private static <T> List<T> cast(List<?> l) {
    if (l == null || l.isEmpty()) {
      throw new IllegalStateException("a generator reference list is empty");
    }
    return List.copyOf((List<T>) l);
  }

  private static ReferenceData load() {
    Map<String, List<?>> lists = new HashMap<>();
    Map<String, Taxon> stoc = new HashMap<>();
    List<Taxon> stocAll = new ArrayList<>();
    List<String[]> species = rows(REF + "stoc_species.csv", ',');
    for (String[] r : species.subList(1, species.size())) {
      Integer taxref = r[2].isEmpty() ? null : Integer.valueOf(r[2]);
      Taxon t = Taxon.of(r[0], taxref, r[3], r[4]);
      stoc.put(r[0], t);
      if (r[0].length() == 6 && "espece".equals(r[6])) {
        stocAll.add(t);
      }
    }
    lists.put("stocAll", stocAll);
    lists.put("stocCommon", lookup(stoc, STOC_COMMON));
    lists.put("garden", lookup(stoc, GARDEN));

    List<String> habitats = new ArrayList<>();
    for (String[] r : rows(REF + "habitats_stoc.csv", '\t')) {
      if (r.length > 3 && "HAB_ENV".equals(r[3])) {
        habitats.add(r[0]);
      }
    }
    lists.put("habitats", habitats);

    List<Taxon> pollinators = new ArrayList<>();
    List<String[]> thesaurus = rows(REF + "thesaurus_V1V2.csv", ';');
    for (String[] r : thesaurus.subList(1, thesaurus.size())) {
      String latin = r[5];
      boolean kept = !"suppression".equals(r[3]) && !latin.isEmpty() && !"NA".equals(latin);
      if (kept && "Insecta".equals(r[17]) && (FLYING_ORDERS.contains(r[19]) || FLOWER_BEETLES.contains(latin))) {
        pollinators.add(Taxon.of(null, null, latin, r[4].isEmpty() ? null : r[4]));
      }
    }
    Map<String, List<Object>> bundled = new HashMap<>();
    for (String[] r : rows(HERE + "bundled_taxa.csv", ';')) {
      String group = r[0];
      Object value = "street-name".equals(group)
          ? r[2]
          : Taxon.of(r[1].isEmpty() ? null : r[1], null, r[2], r.length > 3 && !r[3].isEmpty() ? r[3] : null);
      bundled.computeIfAbsent(group, g -> new ArrayList<>()).add(value);
    }
    lists.putAll(bundled);
    lists.put("propage", propageSheet());
    pollinators.addAll(0, cast(bundled.get("spipoll")));
    lists.put("pollinators", pollinators);

    List<Commune> communes = new ArrayList<>();
    for (String[] r : rows(HERE + "communes.csv", ';')) {
      communes.add(new Commune(r[0], r[1], Double.parseDouble(r[2]), Double.parseDouble(r[3])));
    }
    lists.put("communes", communes);
    return new ReferenceData(lists);
  }

  /**
   * The names of the real Propage sheet (the package checklist's listed entries, groups included), as volunteers'
   * apps send them: the French name alone.
   */
  private static List<Taxon> propageSheet() {
    return PackageChecklists.bundled().of("propage").orElseThrow().listed().stream()
        .map(t -> Taxon.of(null, null, null, t.vernacularName())).toList();
  }

  private static List<Taxon> lookup(Map<String, Taxon> stoc, List<String> codes) {
    List<Taxon> out = new ArrayList<>();
    for (String code : codes) {
      Taxon t = stoc.get(code);
      if (t == null) {
        throw new IllegalStateException("STOC code " + code + " is not in stoc_species.csv");
      }
      out.add(t);
    }
    return out;
  }

  /** Every record of a classpath resource, lines starting with {@code #} being comments. */
  private static List<String[]> rows(String resource, char separator) {
    InputStream in = ReferenceData.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException("reference resource not on the classpath: " + resource);
    }
    List<String[]> rows = new ArrayList<>();
    try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      for (List<String> row : CsvRows.readSkippingComments(r, separator)) {
        rows.add(row.toArray(new String[0]));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
    return rows;
  }
}
