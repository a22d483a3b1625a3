package org.observatoire.core.flags;

import java.util.Objects;

/**
 * A quality flag on a curated row: a stable upper-case code (analysts filter on it) and a human message.
 * A flag never drops a record; it only qualifies it.
 */
public record Flag(String code, String message) {

  public Flag {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
    if (!isUpperSnake(code)) {
      throw new IllegalArgumentException("flag code must be UPPER_SNAKE_CASE, got '" + code + "'");
    }
  }

  private static boolean isUpperSnake(String code) {
    if (code.isEmpty() || code.charAt(0) < 'A' || code.charAt(0) > 'Z') {
      return false;
    }
    for (int i = 1; i < code.length(); i++) {
      char c = code.charAt(i);
      if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) {
        return false;
      }
    }
    return true;
  }

  public static Flag of(String code, String message) {
    return new Flag(code, message);
  }
}
