package org.observatoire.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.observatoire.core.validation.Violation;

/**
 * Vigie-Chiro: a participation from {@code visit.start} to {@code visit.end}; every recording falls inside it; a
 * pedestrian route has at most 10 points; nothing is recorded after the submission.
 */
final class VigieChiroRules implements ProtocolRules {
  static final int MAX_PEDESTRIAN_POINTS = 10;

  @Override
  public List<Violation> check(JsonNode s) {
    List<Violation> out = new ArrayList<>();
    Optional<OffsetDateTime> start = Fields.dateTime(s, "/visit/start", out);
    Optional<OffsetDateTime> end = Fields.dateTime(s, "/visit/end", out);
    Optional<OffsetDateTime> submitted = Fields.dateTime(s, "/submittedAt", new ArrayList<>());
    boolean session = start.isPresent() && end.isPresent();
    if (session && !end.get().isAfter(start.get())) {
      out.add(Violation.of("END_BEFORE_START", "/visit/end",
          "the participation ends at " + end.get() + ", not after its start at " + start.get()));
      session = false;
    }
    if (start.isPresent() && submitted.isPresent() && start.get().isAfter(submitted.get())) {
      out.add(Violation.of("DATE_IN_FUTURE", "/visit/start",
          "the participation starts at " + start.get() + ", after it was submitted (" + submitted.get() + ")"));
    }
    JsonNode recordings = s.path("observations");
    Set<String> points = new HashSet<>();
    for (int i = 0; i < recordings.size(); i++) {
      JsonNode r = recordings.get(i);
      String at = "/observations/" + i;
      if (r.hasNonNull("pointId")) {
        points.add(r.get("pointId").asText());
      }
      Optional<OffsetDateTime> recordedAt = Fields.dateTime(r, "/recordedAt", out);
      if (session && recordedAt.isPresent()
          && (recordedAt.get().isBefore(start.get()) || recordedAt.get().isAfter(end.get()))) {
        out.add(Violation.of("CHIRO_RECORDING_OUTSIDE_SESSION", at + "/recordedAt",
            "recording " + r.path("fileName").asText("?") + " at " + recordedAt.get()
                + " is outside the participation (" + start.get() + " to " + end.get() + ")"));
      }
    }
    if ("pedestrian".equals(s.at("/site/variant").asText()) && points.size() > MAX_PEDESTRIAN_POINTS) {
      out.add(Violation.of("CHIRO_TOO_MANY_POINTS", "/observations",
          "a pedestrian participation has at most " + MAX_PEDESTRIAN_POINTS + " points; this one uses "
              + points.size()));
    }
    return out;
  }
}
