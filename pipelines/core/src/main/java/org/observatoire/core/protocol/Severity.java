package org.observatoire.core.protocol;

/**
 * What a failed protocol rule does to a submission. Only what cannot be used is rejected (impossible values,
 * contradictions); a deviation from the protocol (a walk of 15 minutes instead of 10, a visit in May) is a flag on
 * the published rows with the effort recorded as observed, so that scientists filter or standardise.
 */
public enum Severity {
  /** The submission is rejected with this rule's code. */
  REJECT,
  /** The submission is curated; its rows carry this rule's code in {@code flags}. */
  FLAG;

  static Severity parse(String text, String where) {
    return switch (text == null ? "" : text) {
      case "reject" -> REJECT;
      case "flag" -> FLAG;
      default -> throw new PackageException(where + ": severity must be \"reject\" or \"flag\", not \"" + text + "\"");
    };
  }
}
