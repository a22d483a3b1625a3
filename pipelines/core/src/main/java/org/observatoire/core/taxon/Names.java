package org.observatoire.core.taxon;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Name normalisation shared by the checklist (when indexing) and the matcher (when looking up), so both sides agree:
 * accents folded (é → e, œ → oe), lower case, every run of non-alphanumeric characters (spaces, hyphens, apostrophes,
 * commas, dots) turned into one space, trimmed. Vernacular names additionally lose a leading French article
 * ({@code le, la, les, l'}) because the QUBS thesaurus writes "Les Hélicelles" where volunteers write "hélicelles".
 */
public final class Names {

  private Names() {}

  /** Accent-, case-, punctuation- and whitespace-insensitive form; {@code ""} for null or blank. */
  public static String normalise(String raw) {
    if (raw == null) {
      return "";
    }
    String s = raw;
    if (!isAscii(s)) {
      s = s.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae").replace("Æ", "AE").replace("ß", "ss");
      s = Normalizer.normalize(s, Normalizer.Form.NFKD);
    }
    StringBuilder out = new StringBuilder(s.length());
    boolean pendingSpace = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        c = (char) (c + 32);
      }
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        if (pendingSpace && out.length() > 0) {
          out.append(' ');
        }
        pendingSpace = false;
        out.append(c);
      } else if (Character.getType(c) == Character.NON_SPACING_MARK) {
        continue; // a combining accent left by NFKD: dropped, no separator
      } else if (Character.isLetterOrDigit(c)) {
        if (pendingSpace && out.length() > 0) {
          out.append(' ');
        }
        pendingSpace = false;
        out.append(Character.toLowerCase(c)); // a non-Latin letter: kept as is
      } else {
        pendingSpace = true;
      }
    }
    return out.toString();
  }

  /** {@link #normalise} plus removal of a leading French article. */
  public static String normaliseVernacular(String raw) {
    String n = normalise(raw);
    for (String article : new String[] {"les ", "le ", "la ", "l "}) {
      if (n.startsWith(article) && n.length() > article.length()) {
        return n.substring(article.length());
      }
    }
    return n;
  }

  /**
   * The canonical part of a scientific name (genus, epithets, hybrid sign), normalised, authorship and rank markers
   * dropped: "Parus major Linnaeus, 1758" → "parus major", "Larus fuscus subsp. graellsii Brehm" →
   * "larus fuscus graellsii". Authors are recognised by case (a capitalised word after the genus), digits,
   * brackets or '&'; when the whole name is in one case (ALL CAPS or all lower case) case cannot tell an author from
   * an epithet and at most three words are kept.
   */
  public static String canonicalScientific(String raw) {
    if (raw == null || raw.isBlank()) {
      return "";
    }
    String[] tokens = raw.trim().split("[\\s,]+");
    boolean mixedCase = !raw.equals(raw.toUpperCase(Locale.ROOT)) && !raw.equals(raw.toLowerCase(Locale.ROOT));
    List<String> kept = new ArrayList<>();
    kept.add(tokens[0]);
    for (int i = 1; i < tokens.length && kept.size() < 4; i++) {
      String t = tokens[i];
      String lower = t.toLowerCase(Locale.ROOT);
      if (lower.equals("subsp.") || lower.equals("ssp.") || lower.equals("var.") || lower.equals("f.")
          || lower.equals("subsp") || lower.equals("ssp")) {
        continue;
      }
      if (lower.equals("x") || lower.equals("×")) {
        kept.add("x");
        continue;
      }
      boolean wordLike = t.chars().allMatch(ch -> Character.isLetter(ch) || ch == '-');
      if (!wordLike || t.length() < 2) {
        break;
      }
      if (mixedCase && Character.isUpperCase(t.charAt(0))) {
        break;
      }
      if (!mixedCase && kept.size() >= 3) {
        break;
      }
      kept.add(t);
    }
    return normalise(String.join(" ", kept));
  }

  static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) > 127) {
        return false;
      }
    }
    return true;
  }

  /**
   * Optimal-string-alignment Damerau–Levenshtein distance (insertions, deletions, substitutions, adjacent
   * transpositions), or {@code max + 1} as soon as it is known to exceed {@code max}.
   */
  public static int damerauLevenshtein(String a, String b, int max) {
    int n = a.length();
    int m = b.length();
    if (Math.abs(n - m) > max) {
      return max + 1;
    }
    int[] prev2 = new int[m + 1];
    int[] prev = new int[m + 1];
    int[] cur = new int[m + 1];
    for (int j = 0; j <= m; j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= n; i++) {
      cur[0] = i;
      int rowMin = cur[0];
      char ca = a.charAt(i - 1);
      for (int j = 1; j <= m; j++) {
        char cb = b.charAt(j - 1);
        int cost = ca == cb ? 0 : 1;
        int v = Math.min(Math.min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
        if (i > 1 && j > 1 && ca == b.charAt(j - 2) && a.charAt(i - 2) == cb) {
          v = Math.min(v, prev2[j - 2] + 1);
        }
        cur[j] = v;
        rowMin = Math.min(rowMin, v);
      }
      if (rowMin > max) {
        return max + 1;
      }
      int[] t = prev2;
      prev2 = prev;
      prev = cur;
      cur = t;
    }
    return Math.min(prev[m], max + 1);
  }
}
