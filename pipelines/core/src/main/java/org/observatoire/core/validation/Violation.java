package org.observatoire.core.validation;

import java.util.Objects;

/**
 * One reason a submission was rejected: a stable code apps and volunteers can key on, a JSON Pointer into the
 * submission ({@code ""} for the whole line) and a message a person can read.
 */
public record Violation(String code, String pointer, String message) {

  public Violation {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(pointer, "pointer");
    Objects.requireNonNull(message, "message");
    if (code.isBlank()) {
      throw new IllegalArgumentException("a violation code must not be blank");
    }
  }

  public static Violation of(String code, String pointer, String message) {
    return new Violation(code, pointer, message);
  }

  /** A violation about the whole line rather than one field. */
  public static Violation ofLine(String code, String message) {
    return new Violation(code, "", message);
  }
}
