package org.observatoire.core.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.observatoire.core.ids.Hashing;

/**
 * A submission's id read without building the document, and its 64-bit key, for finding the ids that occur more
 * than once before the lines are validated ({@link RepeatedIds}).
 *
 * <p>{@link #peek} agrees with {@link SubmissionProcessor} on every line the processor accepts: an accepted line is
 * strict JSON with no repeated key, so its first top-level {@code submissionId} is its only one, and a parser that
 * fails before reaching it would have failed the processor's parse of the same bytes.
 */
public final class SubmissionIds {
  private SubmissionIds() {}

  /** The top-level {@code submissionId} string; empty when missing, not a string, or the line is not an object. */
  public static Optional<String> peek(byte[] submission) {
    return TopLevelField.string(submission, "submissionId");
  }

  /**
   * The id's 64-bit key: the first 8 bytes of SHA-256 over its UTF-8 bytes. Two ids with the same key are taken for
   * one; that only sends them through the full duplicate check, which compares the ids themselves.
   */
  public static long key(String submissionId) {
    byte[] d = Hashing.sha256().digest(submissionId.getBytes(StandardCharsets.UTF_8));
    return ByteBuffer.wrap(d).getLong();
  }
}
