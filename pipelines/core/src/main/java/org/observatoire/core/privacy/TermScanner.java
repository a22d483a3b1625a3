package org.observatoire.core.privacy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds whole terms (a name of one or more words, an e-mail address) in texts, case-insensitively, in time linear in
 * the text: the text is cut into word tokens, and a term matches where its tokens follow one another. "Martin" thus
 * matches "martin" but not "Martinet"; "Camille Lefebvre" matches across any spacing or punctuation between the words.
 */
public final class TermScanner {
  private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}@.+_'-]+");
  private static final String EDGE = "^[.'_+-]+|[.'_+-]+$";

  private final Map<String, List<String[]>> byFirstToken = new HashMap<>();
  private final int size;

  private TermScanner(Collection<String> terms) {
    int n = 0;
    for (String term : terms) {
      String[] tokens = tokens(term);
      if (tokens.length > 0) {
        byFirstToken.computeIfAbsent(tokens[0], k -> new ArrayList<>()).add(tokens);
        n++;
      }
    }
    this.size = n;
  }

  public static TermScanner of(Collection<String> terms) {
    return new TermScanner(terms);
  }

  public int size() {
    return size;
  }

  /** The first term found in {@code text}, if any. */
  public Optional<String> find(String text) {
    if (text == null || byFirstToken.isEmpty()) {
      return Optional.empty();
    }
    String[] tokens = tokens(text);
    for (int i = 0; i < tokens.length; i++) {
      List<String[]> candidates = byFirstToken.get(tokens[i]);
      if (candidates == null) {
        continue;
      }
      for (String[] term : candidates) {
        if (matchesAt(tokens, i, term)) {
          return Optional.of(String.join(" ", term));
        }
      }
    }
    return Optional.empty();
  }

  private static boolean matchesAt(String[] tokens, int at, String[] term) {
    if (at + term.length > tokens.length) {
      return false;
    }
    for (int k = 1; k < term.length; k++) {
      if (!tokens[at + k].equals(term[k])) {
        return false;
      }
    }
    return true;
  }

  static String[] tokens(String text) {
    String[] raw = SEPARATORS.split(text.toLowerCase(Locale.ROOT));
    List<String> out = new ArrayList<>(raw.length);
    for (String t : raw) {
      String s = t.replaceAll(EDGE, "");
      if (!s.isEmpty()) {
        out.add(s);
      }
    }
    return out.toArray(String[]::new);
  }
}
