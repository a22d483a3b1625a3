package org.observatoire.core.quality.bdq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.observatoire.core.geo.Coordinate;
import org.observatoire.core.geo.region.RegionLocator;
import org.observatoire.core.geo.region.RegionLookup;

/**
 * The place names the geography tests consult offline: country names (ISO 3166 countries as the JDK names them in
 * English, French, Spanish, German, Italian, Portuguese and Dutch) and the régions and départements of metropolitan
 * France (the bundled IGN boundaries, with {@link RegionLocator} to place a point). Loaded on first use.
 */
final class Places {

    private static final Locale[] LANGUAGES = {Locale.ENGLISH, Locale.FRENCH, Locale.forLanguageTag("es"),
        Locale.GERMAN, Locale.ITALIAN, Locale.forLanguageTag("pt"), Locale.forLanguageTag("nl")};
    private static final Map<String, String> COUNTRIES = countries();

    private Places() {
    }

    /** Lower case, no accents, hyphens and apostrophes as spaces. */
    static String normalise(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT)
                .replaceAll("[\\s\\-'’]+", " ").trim();
    }

    private static Map<String, String> countries() {
        Map<String, String> names = new HashMap<>();
        for (String code : Locale.getISOCountries()) {
            Locale place = new Locale("", code);
            for (Locale language : LANGUAGES) {
                names.putIfAbsent(normalise(place.getDisplayCountry(language)), code);
            }
        }
        return Map.copyOf(names);
    }

    /** The ISO 3166-1 alpha-2 code of a country name. */
    static Optional<String> countryCode(String name) {
        return Optional.ofNullable(COUNTRIES.get(normalise(name)));
    }

    static boolean isFrance(String countryName) {
        return countryCode(countryName).filter("FR"::equals).isPresent();
    }

    /** Régions and départements of metropolitan France. */
    static final class France {
        private static final France INSTANCE = new France();

        private final Set<String> names;
        private final RegionLocator locator;

        private France() {
            Set<String> n = new HashSet<>();
            for (String file : new String[] {"regions", "departements"}) {
                String resource = "/observatoire/reference/" + file + "-version-simplifiee.geojson";
                try (InputStream in = Places.class.getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new IllegalStateException(resource + " is not on the classpath");
                    }
                    for (JsonNode f : new ObjectMapper().readTree(in).path("features")) {
                        n.add(normalise(f.path("properties").path("nom").asText()));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            this.names = Set.copyOf(n);
            this.locator = RegionLocator.france();
        }

        static France get() {
            return INSTANCE;
        }

        boolean hasSubdivision(String name) {
            return names.contains(normalise(name));
        }

        /** Whether the point lies in (or within the locator's tolerance of) the région or département named. */
        boolean contains(String subdivision, double lat, double lon) {
            RegionLookup r = locator.locate(Coordinate.of(lat, lon));
            String n = normalise(subdivision);
            return !r.isOutsideFrance() && (normalise(r.region().name()).equals(n)
                    || normalise(r.departement().name()).equals(n));
        }
    }
}
