package org.observatoire.core.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.observatoire.core.time.IsoTimes;

/**
 * Reads a submission's top-level {@code submittedAt} without building the document, for use as the event time of
 * a stream. Empty when the bytes are not a JSON object or the field is missing or not an RFC 3339 date-time: the
 * caller falls back to another clock, and validation reports the problem later.
 */
public final class SubmittedAt {
  private static final JsonFactory JSON = new JsonFactory();

  private SubmittedAt() {}

  public static Optional<Instant> peek(byte[] submission) {
    if (submission == null) {
      return Optional.empty();
    }
    try (JsonParser p = JSON.createParser(submission)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return Optional.empty();
      }
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if ("submittedAt".equals(name)) {
          return value == JsonToken.VALUE_STRING ? parse(p.getText()) : Optional.empty();
        }
        p.skipChildren();
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static Optional<Instant> parse(String text) {
    try {
      return Optional.of(IsoTimes.offsetDateTime(text).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
