package org.observatoire.core.quality.bdq;

import static org.observatoire.core.quality.bdq.TestType.AMENDMENT;
import static org.observatoire.core.quality.bdq.TestType.VALIDATION;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.observatoire.core.taxon.Taxon;

/**
 * BDQ TG2 tests on names. The {@code bdqval:sourceAuthority} is {@link TaxrefNames} (TAXREF-based checklists of the
 * protocol packages, loaded on the first name test run); a record naming another authority (GBIF backbone, WoRMS,
 * IRMNG...) gets EXTERNAL_PREREQUISITES_NOT_MET. VALIDATION_POLYNOMIAL_CONSISTENT and
 * VALIDATION_SCIENTIFICNAMEID_COMPLETE need no authority.
 */
public final class NameTests {

    private static final Map<String, String> PARAMETERS = Map.of("bdqval:sourceAuthority", TaxrefNames.DESCRIPTION);
    private static final List<String> NAME_PARTS = List.of("scientificName", "genericName", "specificEpithet",
            "infraspecificEpithet", "scientificNameAuthorship", "cultivarEpithet");
    private static final List<String> HIGHER = List.of("kingdom", "phylum", "class", "order", "superfamily", "family",
            "subfamily", "tribe", "subtribe", "genus");
    private static final Pattern LSID = Pattern.compile("(?i)urn:lsid:[^:\\s]+:[^:\\s]+:[^:\\s]+(?::[^:\\s]+)?");
    private static final Pattern URN = Pattern.compile("(?i)urn:[a-z0-9][a-z0-9-]{0,31}:[^\\s]+");
    /** scope:value where the value is an identifier (has a digit), not a term name like dwc:scientificName. */
    private static final Pattern SCOPED = Pattern.compile("[A-Za-z][\\w.-]*:[^\\s:]*\\d[^\\s]*");

    private NameTests() {
    }

    public static List<BdqTest> all(Supplier<TaxrefNames> authority) {
        List<BdqTest> all = new ArrayList<>();
        String[][] found = {{"KINGDOM", "kingdom", "125b5493-052d-4a0d-a3e1-ed5bf792689e"},
            {"PHYLUM", "phylum", "eaad41c5-1d46-4917-a08b-4fd1d7ff5c0f"},
            {"CLASS", "class", "2cd6884e-3d14-4476-94f7-1191cfff309b"},
            {"ORDER", "order", "81cc974d-43cc-4c0f-a5e0-afa23b455aa3"},
            {"FAMILY", "family", "3667556d-d8f5-454c-922b-af8af38f613c"},
            {"GENUS", "genus", "f2ce7d55-5b1d-426a-b00e-6d4efe3058ec"}};
        for (String[] f : found) {
            all.add(withAuthority("VALIDATION_" + f[0] + "_FOUND", f[2], VALIDATION, List.of("dwc:" + f[1]), authority,
                    t -> t.isEmpty(f[1]) ? Optional.of(Response.internalPrerequisitesNotMet("dwc:" + f[1] + " is EMPTY"))
                            : Optional.empty(),
                    (t, names) -> {
                        boolean ok = names.hasName(f[1], t.raw(f[1]).trim());
                        return Response.of(ok, "dwc:" + f[1] + (ok ? " is" : " is not") + " a " + f[1] + " of "
                                + TaxrefNames.DESCRIPTION);
                    }));
        }
        all.add(withAuthority("VALIDATION_SCIENTIFICNAME_FOUND", "3f335517-f442-4b98-b149-1e87ff16de45", VALIDATION,
                List.of("dwc:scientificName"), authority,
                t -> t.isEmpty("scientificName") ? Optional.of(Response.internalPrerequisitesNotMet(
                        "dwc:scientificName is EMPTY")) : Optional.empty(),
                (t, names) -> {
                    boolean ok = !names.byName(t.get("scientificName").orElseThrow()).isEmpty();
                    return Response.of(ok, "dwc:scientificName " + (ok ? "is" : "is not") + " in "
                            + TaxrefNames.DESCRIPTION);
                }));
        all.add(withAuthority("VALIDATION_TAXON_UNAMBIGUOUS", "4c09f127-737b-4686-82a0-7c8e30841590", VALIDATION,
                List.of("dwc:scientificName", "dwc:scientificNameID"), authority,
                t -> t.isEmpty("scientificNameID") && NAME_PARTS.stream().allMatch(t::isEmpty)
                        ? Optional.of(Response.internalPrerequisitesNotMet("no name and no dwc:scientificNameID"))
                        : Optional.empty(),
                (t, names) -> {
                    List<Taxon> taxa = resolve(t, names);
                    return Response.of(taxa.size() == 1, taxa.size() == 1 ? "resolves to " + taxa.get(0).key()
                            : taxa.size() + " taxa in " + TaxrefNames.DESCRIPTION);
                }));
        all.add(withAuthority("VALIDATION_CLASSIFICATION_CONSISTENT", "2750c040-1d4a-4149-99fe-0512785f2d5f",
                VALIDATION, HIGHER.stream().map(h -> "dwc:" + h).toList(), authority,
                t -> HIGHER.stream().allMatch(t::isEmpty)
                        ? Optional.of(Response.internalPrerequisitesNotMet("every higher rank term is EMPTY"))
                        : Optional.empty(),
                (t, names) -> {
                    String[] given = {value(t, "kingdom"), value(t, "phylum"), value(t, "class"), value(t, "order"),
                        value(t, "family"), value(t, "genus")};
                    boolean ok = names.consistent(given);
                    return Response.of(ok, "the higher classification " + (ok ? "agrees" : "does not agree")
                            + " with a taxon of " + TaxrefNames.DESCRIPTION);
                }));
        all.add(withAuthority("AMENDMENT_SCIENTIFICNAMEID_FROM_TAXON", "431467d6-9b4b-48fa-a197-cd5379f5e889",
                AMENDMENT, List.of("dwc:scientificNameID"), authority,
                t -> !t.isEmpty("scientificNameID") || NAME_PARTS.stream().allMatch(t::isEmpty)
                        ? Optional.of(Response.internalPrerequisitesNotMet(
                                "dwc:scientificNameID is not EMPTY, or no name term has a value"))
                        : Optional.empty(),
                (t, names) -> {
                    List<Taxon> taxa = resolve(t, names);
                    if (taxa.size() != 1 || taxa.get(0).taxonID() == null) {
                        return Response.notAmended(taxa.size() + " taxa with a TAXREF identifier match the name");
                    }
                    return Response.filledIn(Map.of("dwc:scientificNameID", taxa.get(0).taxonID()),
                            "dwc:scientificNameID of " + taxa.get(0).scientificName());
                }));
        all.add(withAuthority("AMENDMENT_SCIENTIFICNAME_FROM_SCIENTIFICNAMEID", "f01fb3f9-2f7e-418b-9f51-adf50f202aea",
                AMENDMENT, List.of("dwc:scientificName"), authority,
                t -> t.isEmpty("scientificNameID") || !t.isEmpty("scientificName")
                        ? Optional.of(Response.internalPrerequisitesNotMet(
                                "dwc:scientificNameID is EMPTY or dwc:scientificName is not EMPTY"))
                        : Optional.empty(),
                (t, names) -> names.byId(t.get("scientificNameID").orElseThrow())
                        .filter(x -> x.scientificName() != null)
                        .map(x -> Response.filledIn(Map.of("dwc:scientificName", x.scientificName()),
                                "dwc:scientificName of TAXREF " + x.taxrefCdNom()))
                        .orElseGet(() -> Response.notAmended("dwc:scientificNameID is not a TAXREF identifier of "
                                + TaxrefNames.DESCRIPTION))));
        all.add(polynomialConsistent());
        all.add(scientificNameIdComplete());
        return List.copyOf(all);
    }

    private static String value(Terms t, String term) {
        return t.get(term).orElse(null);
    }

    /** Taxa the record names: by scientificNameID, else by name (or its parts), narrowed by the higher ranks given. */
    static List<Taxon> resolve(Terms t, TaxrefNames names) {
        if (!t.isEmpty("scientificNameID")) {
            return names.byId(t.get("scientificNameID").orElseThrow()).map(List::of).orElse(List.of());
        }
        String name = t.get("scientificName").orElseGet(() -> String.join(" ", List.of(
                t.get("genericName").orElse(""), t.get("specificEpithet").orElse(""),
                t.get("infraspecificEpithet").orElse(""))).trim());
        List<Taxon> taxa = name.isEmpty() ? List.of() : names.byName(name);
        if (taxa.size() > 1) {
            String[] given = {value(t, "kingdom"), value(t, "phylum"), value(t, "class"), value(t, "order"),
                value(t, "family"), value(t, "genus")};
            List<Taxon> narrowed = taxa.stream().filter(x -> TaxrefNames.agrees(TaxrefNames.chain(x), given)).toList();
            if (!narrowed.isEmpty()) {
                taxa = narrowed;
            }
        }
        return taxa.stream().map(x -> x.taxrefCdNom() == null ? x.key() : "taxref:" + x.taxrefCdNom()).distinct()
                .count() == 1 ? List.of(taxa.get(0)) : taxa;
    }

    private interface Body {
        Response apply(Terms t, TaxrefNames names);
    }

    /** Internal prerequisites first (a record with nothing to test says so whatever the authority), then the authority. */
    private static BdqTest withAuthority(String label, String guid, TestType type, List<String> actedUpon,
            Supplier<TaxrefNames> authority, Function<Terms, Optional<Response>> prerequisites, Body body) {
        return SimpleBdqTest.of(label, guid, type, actedUpon, PARAMETERS, t -> {
            Optional<Response> pre = prerequisites.apply(t);
            if (pre.isPresent()) {
                return pre.get();
            }
            if (t.asksForOtherAuthority(TaxrefNames.AUTHORITY)) {
                return Response.externalPrerequisitesNotMet("bdqval:sourceAuthority "
                        + t.get("bdqval:sourceAuthority").orElseThrow() + " is not available offline (bundled: "
                        + TaxrefNames.DESCRIPTION + ")");
            }
            return body.apply(t, authority.get());
        });
    }

    public static BdqTest polynomialConsistent() {
        return SimpleBdqTest.of("VALIDATION_POLYNOMIAL_CONSISTENT", "17f03f1f-f74d-40c0-8071-2927cfc9487b", VALIDATION,
                List.of("dwc:scientificName", "dwc:genericName", "dwc:specificEpithet", "dwc:infraspecificEpithet"), t -> {
                    if (t.isEmpty("scientificName") || (t.isEmpty("genericName") && t.isEmpty("specificEpithet")
                            && t.isEmpty("infraspecificEpithet"))) {
                        return Response.internalPrerequisitesNotMet(
                                "dwc:scientificName is EMPTY, or all of its parts are EMPTY");
                    }
                    String[] parts = TaxrefNames.canonical(t.get("scientificName").orElseThrow()).split(" ");
                    boolean ok = same(t, "genericName", parts, 0) && same(t, "specificEpithet", parts, 1)
                            && same(t, "infraspecificEpithet", parts, 2);
                    return Response.of(ok, "dwc:scientificName " + (ok ? "agrees" : "does not agree")
                            + " with dwc:genericName, dwc:specificEpithet and dwc:infraspecificEpithet");
                });
    }

    private static boolean same(Terms t, String term, String[] parts, int at) {
        return t.isEmpty(term) || (parts.length > at && parts[at].equals(t.get(term).orElseThrow()));
    }

    public static BdqTest scientificNameIdComplete() {
        return SimpleBdqTest.of("VALIDATION_SCIENTIFICNAMEID_COMPLETE", "6eeac3ed-f691-457f-a42e-eaa9c8a71ce8", VALIDATION,
                List.of("dwc:scientificNameID"), t -> {
                    Optional<String> id = t.get("scientificNameID");
                    if (id.isEmpty()) {
                        return Response.internalPrerequisitesNotMet("dwc:scientificNameID is EMPTY");
                    }
                    String v = id.get();
                    boolean ok = LSID.matcher(v).matches() || URN.matcher(v).matches() || isHttpWithPath(v)
                            || SCOPED.matcher(v).matches();
                    return Response.of(ok, "dwc:scientificNameID " + (ok ? "is" : "is not")
                            + " a complete LSID, URN, scope:value or URI with a path");
                });
    }

    private static boolean isHttpWithPath(String v) {
        try {
            URI u = new URI(v);
            return u.getScheme() != null && u.getScheme().toLowerCase(Locale.ROOT).startsWith("http")
                    && u.getHost() != null && u.getPath() != null && u.getPath().length() > 1;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
