package org.observatoire.core.run;

import java.util.Objects;

/** A counter's key: input file, protocol ({@code "-"} when the line did not tell) and kind. */
public record CountKey(String file, String protocol, OutcomeKind kind) {
  /** Protocol placeholder for lines whose protocol is unknown, and for file-level counters. */
  public static final String NO_PROTOCOL = "-";
  private static final char SEP = '\t';

  public CountKey {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(kind, "kind");
    protocol = protocol == null || protocol.isEmpty() ? NO_PROTOCOL : protocol;
    if (file.indexOf(SEP) >= 0 || protocol.indexOf(SEP) >= 0) {
      throw new IllegalArgumentException("file and protocol must not contain tabs: " + file + " / " + protocol);
    }
  }

  public static CountKey of(String file, String protocol, OutcomeKind kind) {
    return new CountKey(file, protocol, kind);
  }

  /** A compact text form, used as a shuffle key. */
  public String encode() {
    return file + SEP + protocol + SEP + kind.name();
  }

  public static CountKey decode(String text) {
    String[] parts = text.split(String.valueOf(SEP), -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException("not a count key: '" + text + "'");
    }
    return new CountKey(parts[0], parts[1], OutcomeKind.valueOf(parts[2]));
  }
}
