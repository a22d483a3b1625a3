package org.observatoire.core.run;

import java.util.Objects;

/**
 * A counter's key: input file, protocol ({@code "-"} when the line did not tell) and kind. File names and protocols
 * are whatever the input held (a file name may contain a tab, a rejected line's protocol a newline): the encoded form
 * escapes backslash, tab, CR and LF, so one key is always one line of three tab-separated fields.
 */
public record CountKey(String file, String protocol, OutcomeKind kind) {
  /** Protocol placeholder for lines whose protocol is unknown, and for file-level counters. */
  public static final String NO_PROTOCOL = "-";
  private static final char SEP = '\t';

  public CountKey {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(kind, "kind");
    protocol = protocol == null || protocol.isEmpty() ? NO_PROTOCOL : protocol;
  }

  public static CountKey of(String file, String protocol, OutcomeKind kind) {
    return new CountKey(file, protocol, kind);
  }

  /** The counter of a read fault ending {@code file} early; {@code kind} names the fault (class and message). */
  public static CountKey inputFault(String file, String kind) {
    return new CountKey(file, kind, OutcomeKind.INPUT_FAULT);
  }

  /** A compact text form, used as a shuffle key. */
  public String encode() {
    return escape(file) + SEP + escape(protocol) + SEP + kind.name();
  }

  public static CountKey decode(String text) {
    String[] parts = text.split(String.valueOf(SEP), -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException("not a count key: '" + text + "'");
    }
    return new CountKey(unescape(parts[0]), unescape(parts[1]), OutcomeKind.valueOf(parts[2]));
  }

  private static String escape(String s) {
    if (s.indexOf('\\') < 0 && s.indexOf(SEP) < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> b.append("\\\\");
        case '\t' -> b.append("\\t");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  private static String unescape(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 == s.length()) {
        b.append(c);
        continue;
      }
      char n = s.charAt(++i);
      b.append(switch (n) {
        case 't' -> '\t';
        case 'n' -> '\n';
        case 'r' -> '\r';
        default -> n;
      });
    }
    return b.toString();
  }
}
