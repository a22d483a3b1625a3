package org.observatoire.core.quality.bdq;

import static org.observatoire.core.quality.bdq.TestType.AMENDMENT;
import static org.observatoire.core.quality.bdq.TestType.VALIDATION;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * BDQ TG2 tests of terms with a controlled vocabulary, each vocabulary bundled for offline use ({@link Vocabulary}).
 * A {@code bdqval:sourceAuthority} naming another authority than the bundled one gets EXTERNAL_PREREQUISITES_NOT_MET.
 */
public final class VocabularyTests {

    /** ISO 3166-1 alpha-2 as the JDK bundles it, with the user-assigned XZ (high seas) and ZZ (unknown). */
    public static final Set<String> COUNTRY_CODES = countryCodes();
    /** The standard's regular expression for Creative Commons 4.0 licences and CC0. */
    private static final Pattern LICENSE = Pattern.compile("^(https?://creativecommons\\.org/licenses/"
            + "(by|by-sa|by-nc|by-nc-sa|by-nd|by-nc-nd)/4\\.0/((deed|legalcode)(\\.(id|eu|da|de|en|es|fr|fy|hr|it|lv|lt|mi|ni"
            + "|no|pl|pt|ro|si|fi|sv|tr|cs|el|ru|uk|ar|jp|zh-hans|zh-hant|ko))?)?"
            + "|https?://creativecommons\\.org/publicdomain/zero/1\\.0/((deed|legalcode)(\\.(id|eu|da|de|en|es|fr|fy|hr|it"
            + "|lv|lt|ni|no|pl|pt|ro|si|fi|sv|tr|cs|el|ru|uk|ar|jp|zh-hans|zh-hant|ko))?)?)$");
    private static final Pattern CC_NAME = Pattern.compile("(?i)\\s*cc[\\s-]*(by(?:[\\s-](?:nc|sa|nd)){0,2})(?:[\\s-]*4(?:\\.0)?)?\\s*");
    private static final Pattern CC_ZERO = Pattern.compile("(?i)\\s*cc[\\s-]*0(?:[\\s-]*1(?:\\.0)?)?\\s*|\\s*public\\s+domain\\s*");
    private static final Map<String, String> COUNTRY_NAMES = countryNames();
    /** The bundled authority of each term, as the parameter bdqval:sourceAuthority shows it. */
    private static final Map<String, String> AUTHORITIES = Map.ofEntries(
            Map.entry("dwc:basisOfRecord", "Darwin Core basisOfRecord"),
            Map.entry("dwc:occurrenceStatus", "Darwin Core occurrenceStatus (present, absent)"),
            Map.entry("dc:type", "DCMI Type Vocabulary"), Map.entry("dwc:sex", "GBIF Sex vocabulary"),
            Map.entry("dwc:establishmentMeans", "Darwin Core establishmentMeans vocabulary"),
            Map.entry("dwc:degreeOfEstablishment", "Darwin Core degreeOfEstablishment vocabulary"),
            Map.entry("dwc:pathway", "Darwin Core pathway vocabulary"),
            Map.entry("dwc:typeStatus", "GBIF TypeStatus vocabulary"),
            Map.entry("dwc:taxonRank", "GBIF TaxonRank vocabulary"),
            Map.entry("dwc:countryCode", "ISO 3166-1-alpha-2 (JDK, with XZ and ZZ)"),
            Map.entry("dwc:geodeticDatum", "EPSG (the database bundled with Apache SIS)"),
            Map.entry("dcterms:license", "Creative Commons 4.0 licences or CC0"));

    private VocabularyTests() {
    }

    public static List<BdqTest> all() {
        List<BdqTest> all = new ArrayList<>(List.of(
                countryCodeStandard(), countryCodeStandardized(), licenseStandard(), licenseStandardized(),
                geodeticDatumStandard(), GeodeticDatums.standardized(), GeodeticDatums.assumedDefault(),
                occurrenceStatusAssumedDefault()));
        add(all, "basisOfRecord", "42408a00-bf71-4892-a399-4325e2bc1fb8", "07c28ace-561a-476e-a9b9-3d5ad6e35933",
                "basisofrecord", "basis_of_record");
        add(all, "occurrenceStatus", "7af25f1e-a4e2-4ff4-b161-d1f25a5c3e47", "f8f3a093-042c-47a3-971a-a482aaaf3b75",
                "present", "occurrencestatus");
        add(all, "type", "cdaabb0d-a863-49d0-bc0f-738d771acba5", "bd385eeb-44a2-464b-a503-7abe407ef904", "dcmi");
        add(all, "sex", "88d8598b-3318-483d-9475-a5acf9887404", "33c45ae1-e2db-462a-a59e-7169bb01c5d6", "sex");
        add(all, "establishmentMeans", "4eb48fdf-7299-4d63-9d08-246902e2857f", "15d15927-7a22-43f8-88d6-298f5eb45c4c",
                "establishmentmeans", "establishment means");
        add(all, "degreeOfEstablishment", "060e7734-607d-4737-8b2c-bfa17788bf1a", "74ef1034-e289-4596-b5b0-cde73796697d",
                "degreeofestablishment", "degree of establishment");
        add(all, "pathway", "5424e933-bee7-4125-839e-d8743ea69f93", "f9205977-f145-44f5-8cb9-e3e2e35ce908", "pathway");
        add(all, "typeStatus", "4833a522-12eb-4fe0-b4cf-7f7a337a6048", "b3471c65-b53e-453b-8282-abfa27bf1805",
                "typestatus");
        add(all, "taxonRank", "7bdb13a4-8a51-4ee5-be7f-20693fdb183e", "e39098df-ef46-464c-9aef-bcdeee2a88cb",
                "taxonrank");
        return List.copyOf(all);
    }

    private static void add(List<BdqTest> all, String term, String validationGuid, String amendmentGuid,
            String... authority) {
        Vocabulary v = Vocabulary.of(term);
        String dwc = term.equals("type") ? "dc:type" : "dwc:" + term;
        String label = term.equals("type") ? "DCTYPE" : term.toUpperCase(Locale.ROOT);
        boolean typeStatus = term.equals("typeStatus");
        Predicate<String> valid = typeStatus ? s -> eachPortion(s, w -> v.contains(w) ? Optional.of(w) : Optional.empty())
                .isPresent() : v::contains;
        Function<String, Optional<String>> standardize = typeStatus ? s -> eachPortion(s, v::standardize) : v::standardize;
        all.add(member("VALIDATION_" + label + "_STANDARD", validationGuid, dwc, authority, valid));
        all.add(standardized("AMENDMENT_" + label + "_STANDARDIZED", amendmentGuid, dwc, authority, standardize));
    }

    /** typeStatus: the first word of each {@code |}-delimited portion, each mapped; empty when one fails. */
    private static Optional<String> eachPortion(String value, Function<String, Optional<String>> word) {
        List<String> out = new ArrayList<>();
        for (String portion : value.split("\\|")) {
            String p = portion.trim();
            String[] words = p.split("\\s+", 2);
            Optional<String> w = word.apply(words[0]);
            if (w.isEmpty()) {
                return Optional.empty();
            }
            out.add(words.length > 1 ? w.get() + " " + words[1] : w.get());
        }
        return Optional.of(String.join(" | ", out));
    }

    public static BdqTest countryCodeStandard() {
        return member("VALIDATION_COUNTRYCODE_STANDARD", "0493bcfb-652e-4d17-815b-b0cce0742fbe", "dwc:countryCode",
                new String[] {"3166"}, COUNTRY_CODES::contains);
    }

    public static BdqTest geodeticDatumStandard() {
        return member("VALIDATION_GEODETICDATUM_STANDARD", "7e0c0418-fe16-4a39-98bd-80e19d95b9d1", "dwc:geodeticDatum",
                new String[] {"epsg"}, GeodeticDatums::isValid, true);
    }

    public static BdqTest licenseStandard() {
        return member("VALIDATION_LICENSE_STANDARD", "3136236e-04b6-49ea-8b34-a65f25e3aba1", "dcterms:license",
                new String[] {"creativecommons", "creative commons"}, v -> LICENSE.matcher(v).matches(), true);
    }

    static BdqTest member(String label, String guid, String term, String[] authority, Predicate<String> inVocabulary) {
        return member(label, guid, term, authority, inVocabulary, false);
    }

    /** Authority check then membership of the trimmed value, or of the raw one (white space then not compliant). */
    static BdqTest member(String label, String guid, String term, String[] authority, Predicate<String> inVocabulary,
            boolean raw) {
        String yes = term + " is in " + AUTHORITIES.get(term);
        String no = term + " is not in " + AUTHORITIES.get(term);
        return SimpleBdqTest.of(label, guid, VALIDATION, List.of(term), Map.of("bdqval:sourceAuthority", AUTHORITIES.get(term)),
                t -> {
                    Optional<String> v = t.get(term);
                    if (otherAuthority(t, authority)) {
                        return external(t);
                    }
                    if (v.isEmpty()) {
                        return Response.internalPrerequisitesNotMet(term + " is EMPTY");
                    }
                    boolean ok = inVocabulary.test(raw ? t.raw(term) : v.get());
                    return Response.of(ok, ok ? yes : no);
                });
    }

    static BdqTest standardized(String label, String guid, String term, String[] authority,
            Function<String, Optional<String>> standardize) {
        return SimpleBdqTest.of(label, guid, AMENDMENT, List.of(term), Map.of("bdqval:sourceAuthority", AUTHORITIES.get(term)),
                t -> {
                    Optional<Response> pre = prerequisites(t, term, authority);
                    if (pre.isPresent()) {
                        return pre.get();
                    }
                    return amendTo(term, t.get(term).orElseThrow(), standardize);
                });
    }

    private static Response amendTo(String term, String value, Function<String, Optional<String>> standardize) {
        Optional<String> s = standardize.apply(value);
        if (s.isEmpty()) {
            return Response.notAmended(term + " cannot be unambiguously interpreted as a value of the vocabulary");
        }
        return s.get().equals(value) ? Response.notAmended(term + " is already a value of the vocabulary")
                : Response.amended(Map.of(term, s.get()), term + " standardized to " + s.get());
    }

    private static Response external(Terms t) {
        return Response.externalPrerequisitesNotMet("bdqval:sourceAuthority "
                + t.get("bdqval:sourceAuthority").orElseThrow() + " is not available offline");
    }

    private static Optional<Response> prerequisites(Terms t, String term, String[] authority) {
        if (otherAuthority(t, authority)) {
            return Optional.of(external(t));
        }
        if (t.isEmpty(term)) {
            return Optional.of(Response.internalPrerequisitesNotMet(term + " is EMPTY"));
        }
        return Optional.empty();
    }

    /** Whether the record names a bdqval:sourceAuthority that contains none of the bundled one's keywords. */
    private static boolean otherAuthority(Terms t, String[] authority) {
        Optional<String> named = t.get("bdqval:sourceAuthority");
        if (named.isEmpty()) {
            return false;
        }
        String n = named.get().toLowerCase(Locale.ROOT);
        for (String a : authority) {
            if (n.contains(a)) {
                return false;
            }
        }
        return true;
    }

    public static BdqTest licenseStandardized() {
        String term = "dcterms:license";
        String[] authority = {"creativecommons", "creative commons"};
        return SimpleBdqTest.of("AMENDMENT_LICENSE_STANDARDIZED", "dcbe5bd2-42a0-4aab-bb4d-8f148c6490f8", AMENDMENT,
                List.of(term), Map.of("bdqval:sourceAuthority", AUTHORITIES.get(term)), t -> {
                    if (otherAuthority(t, authority)) {
                        return Response.externalPrerequisitesNotMet("bdqval:sourceAuthority is not available offline");
                    }
                    if (t.isEmpty(term)) {
                        return Response.notAmended("dcterms:license is EMPTY");
                    }
                    return amendTo(term, t.raw(term), VocabularyTests::license);
                });
    }

    /** A Creative Commons licence IRI from its IRI or its short name ("CC0", "CC BY-NC 4.0"). */
    static Optional<String> license(String value) {
        if (LICENSE.matcher(value).matches()) {
            return Optional.of(value);
        }
        if (CC_ZERO.matcher(value).matches()) {
            return Optional.of("https://creativecommons.org/publicdomain/zero/1.0/legalcode");
        }
        java.util.regex.Matcher m = CC_NAME.matcher(value);
        if (m.matches()) {
            String kind = m.group(1).toLowerCase(Locale.ROOT).replaceAll("\\s+", "-");
            return Optional.of("https://creativecommons.org/licenses/" + kind + "/4.0/legalcode");
        }
        return Optional.empty();
    }

    public static BdqTest countryCodeStandardized() {
        return standardized("AMENDMENT_COUNTRYCODE_STANDARDIZED", "fec5ffe6-3958-4312-82d9-ebcca0efb350",
                "dwc:countryCode", new String[] {"3166"}, VocabularyTests::countryCode);
    }

    /** An ISO 3166-1 alpha-2 code from a code in any case, an alpha-3 code, or a country name (English or French). */
    static Optional<String> countryCode(String value) {
        String v = value.trim();
        if (COUNTRY_CODES.contains(v.toUpperCase(Locale.ROOT)) && v.length() == 2) {
            return Optional.of(v.toUpperCase(Locale.ROOT));
        }
        return Optional.ofNullable(COUNTRY_NAMES.get(v.toLowerCase(Locale.ROOT)));
    }

    public static BdqTest occurrenceStatusAssumedDefault() {
        return SimpleBdqTest.of("AMENDMENT_OCCURRENCESTATUS_ASSUMEDDEFAULT", "96667a0a-ae59-446a-bbb0-b7f2b0ca6cf5",
                AMENDMENT, List.of("dwc:occurrenceStatus", "dwc:individualCount", "dwc:organismQuantity"),
                Map.of("bdqval:defaultOccurrenceStatus", "present"), t -> {
                    if (!t.isEmpty("occurrenceStatus")) {
                        return Response.notAmended("dwc:occurrenceStatus is not EMPTY");
                    }
                    if (!t.isEmpty("individualCount") || !t.isEmpty("organismQuantity")) {
                        return Response.notAmended("dwc:individualCount or dwc:organismQuantity is not EMPTY");
                    }
                    String status = t.get("bdqval:defaultOccurrenceStatus").orElse("present");
                    return Response.filledIn(Map.of("dwc:occurrenceStatus", status),
                            "dwc:occurrenceStatus filled in with the default " + status);
                });
    }

    private static Set<String> countryCodes() {
        Set<String> codes = new HashSet<>(Set.of(Locale.getISOCountries()));
        codes.add("XZ");
        codes.add("ZZ");
        return Set.copyOf(codes);
    }

    private static Map<String, String> countryNames() {
        Map<String, String> names = new HashMap<>();
        for (String code : Locale.getISOCountries()) {
            Locale l = new Locale("", code);
            for (Locale language : new Locale[] {Locale.ENGLISH, Locale.FRENCH}) {
                names.put(l.getDisplayCountry(language).toLowerCase(Locale.ROOT), code);
            }
            try {
                names.put(l.getISO3Country().toLowerCase(Locale.ROOT), code);
            } catch (java.util.MissingResourceException e) {
                // no alpha-3 code for this country in the JDK
            }
        }
        return Map.copyOf(names);
    }
}
