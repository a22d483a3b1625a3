package org.observatoire.core.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.observatoire.core.protocol.expr.Expression;
import org.observatoire.core.protocol.expr.Expressions;

/**
 * A text with CEL expressions between {@code {{ }}}, e.g. {@code "the walk lasted {{s.visit.durationMinutes}}
 * minutes"}: messages and JSON Pointers of package rules, a package's sampling effort. Values are written as CEL
 * prints them, whole doubles without their {@code .0}. A rule's message is published with the rejected rows, so it
 * repeats only dates, times and numbers of the submission: other text (a name) is withheld ({@link #message}).
 */
final class Template {
  private final String source;
  private final List<Object> parts;
  private final boolean withholdsText;

  private Template(String source, List<Object> parts, boolean withholdsText) {
    this.source = source;
    this.parts = parts;
    this.withholdsText = withholdsText;
  }

  /** A rule's message: free text from the submission is withheld. */
  static Template message(String source, String where) {
    Template t = parse(source, where);
    return new Template(t.source, t.parts, true);
  }

  /** A pointer or a package's own text (the sampling effort): values are written as they are. */
  static Template parse(String source, String where) {
    List<Object> parts = new ArrayList<>();
    int at = 0;
    while (at < source.length()) {
      int open = source.indexOf("{{", at);
      if (open < 0) {
        parts.add(source.substring(at));
        break;
      }
      int close = source.indexOf("}}", open + 2);
      if (close < 0) {
        throw new PackageException(where + ": '{{' without '}}' in \"" + source + "\"");
      }
      if (open > at) {
        parts.add(source.substring(at, open));
      }
      try {
        parts.add(Expressions.get().compile(source.substring(open + 2, close).trim()));
      } catch (RuntimeException e) {
        throw new PackageException(where + ": " + e.getMessage(), e);
      }
      at = close + 2;
    }
    return new Template(source, List.copyOf(parts), false);
  }

  String render(Map<String, ?> vars) {
    StringBuilder out = new StringBuilder();
    for (Object p : parts) {
      if (p instanceof Expression e) {
        Object v = e.eval(vars);
        out.append(withholdsText && v instanceof String t && !SAFE_TEXT.matcher(t).matches() ? WITHHELD : text(v));
      } else {
        out.append((String) p);
      }
    }
    return out.toString();
  }

  static String text(Object v) {
    if (v instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) {
      return Long.toString(d.longValue());
    }
    if (v instanceof Double d) {
      return String.format(java.util.Locale.ROOT, "%.1f", d);
    }
    return String.valueOf(v);
  }

  /** What a free-text value becomes in a message. */
  static final String WITHHELD = "(value withheld)";
  /** Submitted text a message may repeat: dates, times, durations, codes (no letters beyond T and Z). */
  private static final java.util.regex.Pattern SAFE_TEXT = java.util.regex.Pattern.compile("[0-9:+\\-.TZ ]{0,40}");

  String source() {
    return source;
  }
}
