package org.observatoire.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Schema-validator messages as published in the rejected dataset: the validator may quote the offending value (a
 * text the volunteer typed, possibly a name or an e-mail); the value is replaced by a fixed phrase saying its kind
 * and length, so a published message never repeats submitted text.
 */
final class SchemaMessages {
  private SchemaMessages() {}

  static String withoutValues(String message, JsonNode instance, String property) {
    String out = message == null ? "" : message;
    if (instance != null && instance.isTextual() && !instance.asText().isEmpty()) {
      out = replace(out, instance.asText(), "(a text of " + instance.asText().length() + " characters)");
    }
    if (instance != null && (instance.isObject() || instance.isArray())) {
      out = replace(out, instance.toString(), "(a JSON " + (instance.isObject() ? "object" : "array") + ")");
    }
    if (property != null && !property.isEmpty() && instance != null && instance.isObject()
        && instance.has(property)) {
      out = replace(out, property, "(a property name)");
    }
    return out;
  }

  private static String replace(String message, String value, String by) {
    return message.contains(value) ? message.replace(value, by) : message;
  }
}
