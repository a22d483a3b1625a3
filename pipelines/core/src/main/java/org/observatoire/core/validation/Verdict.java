package org.observatoire.core.validation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;

/**
 * What a volunteer is told about one submission: accepted, accepted with quality flags, or rejected, each reason
 * with its stable code, where it applies, the technical detail and an explanation in French and English.
 */
public record Verdict(String submissionId, Status status, String protocol, int occurrences, List<Reason> reasons) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The three outcomes, spelled as in the JSON. */
  public enum Status {
    ACCEPTED("accepted"), ACCEPTED_WITH_FLAGS("accepted_with_flags"), REJECTED("rejected");

    private final String json;

    Status(String json) {
      this.json = json;
    }

    public String json() {
      return json;
    }
  }

  /** One reason: a violation code or a quality flag code, explained. */
  public record Reason(String code, String pointer, String detail, String fr, String en) {
    public Reason {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(pointer, "pointer");
      Objects.requireNonNull(detail, "detail");
      Objects.requireNonNull(fr, "fr");
      Objects.requireNonNull(en, "en");
    }

    public static Reason of(String code, String pointer, String detail) {
      VerdictMessages.Message m = VerdictMessages.of(code);
      return new Reason(code, pointer, detail, m.fr(), m.en());
    }
  }

  public Verdict {
    Objects.requireNonNull(submissionId, "submissionId");
    Objects.requireNonNull(status, "status");
    reasons = List.copyOf(reasons);
    if (status == Status.REJECTED && reasons.isEmpty()) {
      throw new IllegalArgumentException("a rejection needs at least one reason (" + submissionId + ")");
    }
    if (status == Status.ACCEPTED && !reasons.isEmpty()) {
      throw new IllegalArgumentException("a plain acceptance has no reasons; use accepted_with_flags");
    }
  }

  /** Accepted; with flags (distinct codes, each with its detail) the status is {@code accepted_with_flags}. */
  public static Verdict accepted(String submissionId, String protocol, int occurrences, List<Reason> flags) {
    return new Verdict(submissionId, flags.isEmpty() ? Status.ACCEPTED : Status.ACCEPTED_WITH_FLAGS, protocol,
        occurrences, flags);
  }

  public static Verdict rejected(String submissionId, String protocol, List<Violation> violations) {
    return new Verdict(submissionId, Status.REJECTED, protocol, 0,
        violations.stream().map(v -> Reason.of(v.code(), v.pointer(), v.message())).toList());
  }

  /** The verdict as one JSON object (the value of a {@code verdicts} topic record). */
  public String toJson() {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("submissionId", submissionId);
    root.put("status", status.json());
    if (protocol == null) {
      root.putNull("protocol");
    } else {
      root.put("protocol", protocol);
    }
    root.put("occurrences", occurrences);
    ArrayNode rs = root.putArray("reasons");
    for (Reason r : reasons) {
      ObjectNode o = rs.addObject();
      o.put("code", r.code());
      o.put("pointer", r.pointer());
      o.put("detail", r.detail());
      ObjectNode message = o.putObject("message");
      message.put("fr", r.fr());
      message.put("en", r.en());
    }
    return root.toString();
  }
}
