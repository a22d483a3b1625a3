package org.observatoire.core.quality.bdq;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A controlled vocabulary bundled for offline use ({@code observatoire/bdq/vocabularies.csv}): its values, the labels
 * that are valid values too (a rank's name in other languages: "especie"), and synonyms used only to standardise.
 * {@link #standardize} maps a value to one vocabulary value when that is unambiguous: the same value up to case and
 * punctuation, a label or synonym, or an abbreviation whose words begin the value's words ("Preserved spec.",
 * "vag.", "f") or a single word that ends one value ("Stowaway" → transportStowaway).
 */
public final class Vocabulary {

    private static final Map<String, Vocabulary> BUNDLED = load();

    private final String term;
    private final List<String> values;
    private final Set<String> valid;
    private final Map<String, Set<String>> byNormalised;

    private Vocabulary(String term, List<String> values, Map<String, List<String>> labels, Map<String, List<String>> synonyms) {
        this.term = term;
        this.values = List.copyOf(values);
        Set<String> v = new LinkedHashSet<>(values);
        labels.values().forEach(v::addAll);
        this.valid = Set.copyOf(v);
        Map<String, Set<String>> index = new HashMap<>();
        for (String value : values) {
            index.computeIfAbsent(normalise(value), k -> new LinkedHashSet<>()).add(value);
            for (String alt : labels.getOrDefault(value, List.of())) {
                index.computeIfAbsent(normalise(alt), k -> new LinkedHashSet<>()).add(value);
            }
            for (String alt : synonyms.getOrDefault(value, List.of())) {
                index.computeIfAbsent(normalise(alt), k -> new LinkedHashSet<>()).add(value);
            }
        }
        this.byNormalised = Map.copyOf(index);
    }

    /** The bundled vocabulary of a Darwin Core (or Dublin Core) term, by local name: basisOfRecord, sex, type... */
    public static Vocabulary of(String term) {
        Vocabulary v = BUNDLED.get(term);
        if (v == null) {
            throw new IllegalArgumentException("no bundled vocabulary for " + term + "; bundled: " + BUNDLED.keySet());
        }
        return v;
    }

    private static Map<String, Vocabulary> load() {
        Map<String, List<String>> values = new java.util.LinkedHashMap<>();
        Map<String, Map<String, List<String>>> labels = new HashMap<>();
        Map<String, Map<String, List<String>>> synonyms = new HashMap<>();
        for (Map<String, String> r : BundledCsv.rows("observatoire/bdq/vocabularies.csv")) {
            String term = r.get("term");
            String value = r.get("value");
            values.computeIfAbsent(term, k -> new ArrayList<>()).add(value);
            labels.computeIfAbsent(term, k -> new HashMap<>()).put(value, split(r.get("labels")));
            synonyms.computeIfAbsent(term, k -> new HashMap<>()).put(value, split(r.get("synonyms")));
        }
        Map<String, Vocabulary> out = new HashMap<>();
        values.forEach((term, list) -> out.put(term, new Vocabulary(term, list, labels.get(term), synonyms.get(term))));
        return Map.copyOf(out);
    }

    private static List<String> split(String pipes) {
        return pipes == null || pipes.isBlank() ? List.of()
                : java.util.Arrays.stream(pipes.split("\\|")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static String normalise(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-]+", "").replaceAll("\\.$", "");
    }

    public String term() {
        return term;
    }

    public List<String> values() {
        return values;
    }

    /** Whether {@code value} is, exactly, a value of the vocabulary or one of its labels. */
    public boolean contains(String value) {
        return valid.contains(value);
    }

    /** The single vocabulary value {@code value} stands for, or empty when none or several. */
    public Optional<String> standardize(String value) {
        Set<String> exact = byNormalised.getOrDefault(normalise(value), Set.of());
        if (!exact.isEmpty()) {
            return exact.size() == 1 ? Optional.of(exact.iterator().next()) : Optional.empty();
        }
        List<String> given = words(value);
        if (given.isEmpty()) {
            return Optional.empty();
        }
        List<String> matches = new ArrayList<>();
        for (String candidate : values) {
            List<String> parts = words(candidate);
            boolean prefixes = parts.size() == given.size();
            for (int i = 0; i < parts.size() && prefixes; i++) {
                prefixes = parts.get(i).startsWith(given.get(i));
            }
            boolean lastWord = given.size() == 1 && parts.size() > 1 && parts.get(parts.size() - 1).equals(given.get(0));
            if (prefixes || lastWord) {
                matches.add(candidate);
            }
        }
        return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
    }

    /** Lower-case words, split at non-letters and camel case. */
    private static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        for (String w : s.split("[^\\p{L}]+|(?<=\\p{Ll})(?=\\p{Lu})")) {
            if (!w.isEmpty()) {
                out.add(w.toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }
}
