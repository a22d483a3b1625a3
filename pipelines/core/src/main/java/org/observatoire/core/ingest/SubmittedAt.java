package org.observatoire.core.ingest;

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
  private SubmittedAt() {}

  public static Optional<Instant> peek(byte[] submission) {
    return TopLevelField.string(submission, "submittedAt").flatMap(SubmittedAt::parse);
  }

  private static Optional<Instant> parse(String text) {
    try {
      return Optional.of(IsoTimes.offsetDateTime(text).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
