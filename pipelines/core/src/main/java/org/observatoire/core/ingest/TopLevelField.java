package org.observatoire.core.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Optional;

/** One top-level string field of a JSON object, read by streaming up to it: the document is not built. */
final class TopLevelField {
  private static final JsonFactory JSON = new JsonFactory();

  private TopLevelField() {}

  /** The field's first top-level value if it is a string; empty when missing, not a string, or not an object. */
  static Optional<String> string(byte[] json, String field) {
    if (json == null) {
      return Optional.empty();
    }
    try (JsonParser p = JSON.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return Optional.empty();
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (field.equals(name)) {
          return value == JsonToken.VALUE_STRING ? Optional.of(p.getText()) : Optional.empty();
        }
        p.skipChildren();
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
