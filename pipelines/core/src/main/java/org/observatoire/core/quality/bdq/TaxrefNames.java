package org.observatoire.core.quality.bdq;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.observatoire.core.protocol.PackageChecklists;
import org.observatoire.core.protocol.ProtocolPackage;
import org.observatoire.core.protocol.ProtocolPackages;
import org.observatoire.core.taxon.Taxon;

/**
 * The name authority of the BDQ name tests: the TAXREF-based checklists of the bundled protocol packages
 * ({@code protocols/<id>/checklist.csv}), indexed by scientific name (without authorship), TAXREF cd_nom and the names
 * of the higher ranks. Immutable; {@link #bundled()} is loaded on first use.
 */
public final class TaxrefNames {

    /** What {@code bdqval:sourceAuthority} names to use this authority (any value containing "taxref"). */
    public static final String AUTHORITY = "TAXREF";
    public static final String DESCRIPTION = "TAXREF-based checklists of the bundled protocol packages";
    /** Words between a genus and an epithet, or between epithets, that are not epithets. */
    private static final Set<String> MARKERS = Set.of("ssp", "subsp", "var", "f", "fo", "forma", "cf", "aff", "?", "x",
            "sp", "spp", "agg", "s.l", "s.str", "nothosubsp", "subvar", "cv");
    private static final Pattern TAXREF_ID = Pattern.compile(
            "(?i)(?:https?://taxref\\.mnhn\\.fr/taxref-web/taxa/|taxref:|urn:lsid:taxref\\.mnhn\\.fr:taxname:)(\\d+)/?");
    private static final String[] RANKS = {"kingdom", "phylum", "class", "order", "family", "genus"};

    private static volatile TaxrefNames bundled;

    private final Map<String, List<Taxon>> byName;
    private final Map<Integer, Taxon> byCdNom;
    private final Map<String, Set<String>> namesByRank;
    /** Per rank (index in RANKS), the distinct classifications of the named taxa by their name at that rank. */
    private final List<Map<String, List<String[]>>> chainsByRank;

    private TaxrefNames(Collection<Taxon> taxa) {
        Map<String, List<Taxon>> names = new HashMap<>();
        Map<Integer, Taxon> ids = new HashMap<>();
        Map<String, Set<String>> ranks = new HashMap<>();
        for (String r : RANKS) {
            ranks.put(r, new HashSet<>());
        }
        for (Taxon t : taxa) {
            if (t.scientificName() != null) {
                names.computeIfAbsent(canonical(t.scientificName()), k -> new ArrayList<>()).add(t);
            }
            if (t.taxrefCdNom() != null) {
                ids.putIfAbsent(t.taxrefCdNom(), t);
            }
            String[] chain = chain(t);
            for (int i = 0; i < RANKS.length; i++) {
                if (chain[i] != null) {
                    ranks.get(RANKS[i]).add(chain[i]);
                }
            }
        }
        this.byName = Map.copyOf(names);
        this.byCdNom = Map.copyOf(ids);
        Map<String, Set<String>> frozen = new HashMap<>();
        ranks.forEach((k, v) -> frozen.put(k, Set.copyOf(v)));
        this.namesByRank = Map.copyOf(frozen);
        Map<List<String>, String[]> distinct = new LinkedHashMap<>();
        names.values().forEach(list -> list.forEach(t -> {
            String[] chain = chain(t);
            distinct.putIfAbsent(java.util.Arrays.asList(chain), chain);
        }));
        List<Map<String, List<String[]>>> byRank = new ArrayList<>();
        for (int i = 0; i < RANKS.length; i++) {
            Map<String, List<String[]>> index = new HashMap<>();
            for (String[] chain : distinct.values()) {
                if (chain[i] != null) {
                    index.computeIfAbsent(chain[i], k -> new ArrayList<>()).add(chain);
                }
            }
            index.replaceAll((k, v) -> List.copyOf(v));
            byRank.add(Map.copyOf(index));
        }
        this.chainsByRank = List.copyOf(byRank);
    }

    public static TaxrefNames of(Collection<Taxon> taxa) {
        return new TaxrefNames(taxa);
    }

    /** The checklists of the bundled biodiversity packages (loaded once). */
    public static TaxrefNames bundled() {
        TaxrefNames b = bundled;
        if (b == null) {
            synchronized (TaxrefNames.class) {
                b = bundled;
                if (b == null) {
                    Map<String, Taxon> taxa = new LinkedHashMap<>();
                    PackageChecklists checklists = PackageChecklists.bundled();
                    for (ProtocolPackage p : ProtocolPackages.bundled().all()) {
                        checklists.of(p.id()).ifPresent(c -> c.taxa().forEach(t -> taxa.putIfAbsent(t.key(), t)));
                    }
                    b = bundled = new TaxrefNames(taxa.values());
                }
            }
        }
        return b;
    }

    /** Kingdom, phylum, class, order, family and genus of a taxon (null where unknown). */
    static String[] chain(Taxon t) {
        String genus = null;
        if (t.scientificName() != null) {
            String first = t.scientificName().trim().split("\\s+")[0];
            boolean belowGenus = t.scientificName().trim().contains(" ") || "genus".equals(t.rank());
            genus = belowGenus && first.matches("\\p{Lu}\\p{Ll}+") ? first : null;
        }
        return new String[] {t.kingdom(), t.phylum(), t.taxonClass(), t.order(), t.family(), genus};
    }

    /** Genus and epithets of a name, without authorship or rank markers: "Graphis Adans., 1763" → "Graphis". */
    static String canonical(String name) {
        String[] words = name.trim().split("\\s+");
        StringBuilder out = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            String w = words[i];
            String bare = w.toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
            if (MARKERS.contains(bare)) {
                continue;
            }
            if (!w.matches("\\p{Ll}[\\p{Ll}-]+")) {
                break;
            }
            out.append(' ').append(w);
        }
        return out.toString();
    }

    /** Whether {@code name} is a name at {@code rank} (kingdom, phylum, class, order, family or genus). */
    public boolean hasName(String rank, String name) {
        return namesByRank.getOrDefault(rank, Set.of()).contains(name);
    }

    /** Taxa of a scientific name (authorship ignored). */
    public List<Taxon> byName(String scientificName) {
        return byName.getOrDefault(canonical(scientificName), List.of());
    }

    /** The taxon of a scientificName/taxonID that names a TAXREF cd_nom. */
    public Optional<Taxon> byId(String id) {
        Matcher m = TAXREF_ID.matcher(id.trim());
        return m.matches() ? Optional.ofNullable(byCdNom.get(Integer.parseInt(m.group(1)))) : Optional.empty();
    }

    /** Whether some taxon's classification agrees with every given rank (nulls ignored), in rank order. */
    public boolean consistent(String[] given) {
        // only classifications holding the lowest rank given can agree: look those up rather than scan every taxon
        for (int i = given.length - 1; i >= 0; i--) {
            if (given[i] != null) {
                return chainsByRank.get(i).getOrDefault(given[i], List.of()).stream().anyMatch(c -> agrees(c, given));
            }
        }
        return !byName.isEmpty(); // nothing given: any named taxon agrees
    }

    static boolean agrees(String[] chain, String[] given) {
        for (int i = 0; i < given.length; i++) {
            if (given[i] != null && !given[i].equals(chain[i])) {
                return false;
            }
        }
        return true;
    }
}
