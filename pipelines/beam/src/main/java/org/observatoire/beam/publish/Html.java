package org.observatoire.beam.publish;

/** HTML text helpers for the self-contained report. */
final class Html {
  private Html() {}

  static String esc(Object o) {
    if (o == null) {
      return "";
    }
    String s = o.toString();
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(ch);
      }
    }
    return b.toString();
  }

  /** A number with thin thousands separators, for people. */
  static String num(long n) {
    return String.format(java.util.Locale.ROOT, "%,d", n).replace(",", "\u202f");
  }
}
