package org.observatoire.core.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import org.observatoire.core.ids.Hashing;

/**
 * The public form of a rejected submission: the JSON as sent, minus the observer's name and e-mail, with the
 * observer's account id replaced by its pseudonym. The raw bytes go only to the restricted output.
 */
public final class SubmissionRedactor {
  private final Pseudonymizer pseudonymizer;

  private SubmissionRedactor(Pseudonymizer pseudonymizer) {
    this.pseudonymizer = Objects.requireNonNull(pseudonymizer, "pseudonymizer");
  }

  public static SubmissionRedactor of(Pseudonymizer pseudonymizer) {
    return new SubmissionRedactor(pseudonymizer);
  }

  /** Canonical JSON text of the submission without personal data. The input is not changed. */
  public String redact(JsonNode submission) {
    JsonNode copy = submission.deepCopy();
    JsonNode observer = copy.path("observer");
    if (observer instanceof ObjectNode o) {
      JsonNode id = o.get("id");
      o.removeAll();
      if (id != null && id.isTextual()) {
        o.put("id", pseudonymizer.pseudonym(id.asText()));
      }
    } else if (copy instanceof ObjectNode root && root.has("observer")) {
      root.remove("observer");
    }
    return Hashing.canonical(copy);
  }
}
