package org.observatoire.core.visits;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.observatoire.core.protocol.PackageChecklists;
import org.observatoire.core.protocol.ProtocolPackages;
import org.observatoire.core.taxon.ProtocolChecklist;
import org.observatoire.core.taxon.Taxon;

/**
 * The complete list of each complete-list protocol: the entries of its package's checklist marked {@code listed},
 * in checklist order. A visit's zero-filled rows are one per listed entry, whatever the visit or the run reported,
 * so that the published table is the same shape in every run and is versioned with the package (a visit where
 * nothing was seen has a row of zeros per entry). Reported taxa that are not on the list get no row.
 */
public final class ProtocolLists {
  private static volatile ProtocolLists bundled;

  /**
   * The list a complete-list protocol's visits are zero-filled against: the package's checklist file
   * ({@code <protocol>/checklist.csv}) at the package's version.
   */
  public record Source(String checklistId, String checklistVersion) {}

  private final Map<String, List<ListedTaxon>> lists;
  private final Map<String, Set<String>> keys;
  private final Map<String, Source> sources;
  private final Map<String, String> taxonIDs;

  private ProtocolLists(Map<String, List<ListedTaxon>> lists, Map<String, Source> sources,
      Map<String, String> taxonIDs) {
    this.lists = Map.copyOf(lists);
    this.sources = Map.copyOf(sources);
    this.taxonIDs = Map.copyOf(taxonIDs);
    Map<String, Set<String>> k = new HashMap<>();
    lists.forEach((p, l) -> {
      Set<String> s = new HashSet<>();
      l.forEach(t -> s.add(t.taxonKey()));
      k.put(p, Set.copyOf(s));
    });
    this.keys = Map.copyOf(k);
  }

  /** The lists of the bundled packages. */
  public static ProtocolLists bundled() {
    ProtocolLists b = bundled;
    if (b == null) {
      synchronized (ProtocolLists.class) {
        b = bundled;
        if (b == null) {
          b = bundled = of(ProtocolPackages.bundled(), PackageChecklists.bundled());
        }
      }
    }
    return b;
  }

  /** The lists of the complete-list packages of {@code packages}. */
  public static ProtocolLists of(ProtocolPackages packages, PackageChecklists checklists) {
    Map<String, List<ListedTaxon>> lists = new HashMap<>();
    Map<String, Source> sources = new HashMap<>();
    Map<String, String> taxonIDs = new HashMap<>();
    packages.all().stream().filter(p -> p.mapping().visit().completeList()).forEach(p -> {
      List<Taxon> listed = checklists.of(p.id()).map(ProtocolChecklist::listed).orElse(List.of());
      lists.put(p.id(), listed.stream()
          .map(t -> new ListedTaxon(t.key(), t.scientificName(), t.vernacularName())).distinct().toList());
      sources.put(p.id(), new Source(p.id() + "/" + p.checklistFile().map(f -> f.getFileName().toString())
          .orElse("checklist.csv"), p.version()));
      listed.stream().filter(t -> t.taxonID() != null).forEach(t -> taxonIDs.putIfAbsent(t.key(), t.taxonID()));
    });
    return new ProtocolLists(lists, sources, taxonIDs);
  }

  /** The list of {@code protocol} (empty for presence-only protocols). */
  public List<ListedTaxon> list(String protocol) {
    return lists.getOrDefault(protocol, List.of());
  }

  /** The protocols that have a list (the complete-list packages), sorted. */
  public List<String> protocols() {
    return lists.keySet().stream().sorted().toList();
  }

  /** Where {@code protocol}'s list comes from; null for presence-only protocols. */
  public Source source(String protocol) {
    return sources.get(protocol);
  }

  /** The TAXREF address (dwc:taxonID) of a listed entry's key, or null when the checklist gives none. */
  public String taxonID(String taxonKey) {
    return taxonIDs.get(taxonKey);
  }

  /** The key under which a reported taxon is on {@code protocol}'s list, or null when it is not on the list. */
  public String listKey(String protocol, String taxonKey) {
    return taxonKey != null && keys.getOrDefault(protocol, Set.of()).contains(taxonKey) ? taxonKey : null;
  }
}
