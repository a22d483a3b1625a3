package org.observatoire.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.observatoire.core.validation.Violation;

/** SPIPOLL: every insect landing on one flowering plant during exactly 20 minutes. */
final class SpipollRules implements ProtocolRules {
  static final int SESSION_MINUTES = 20;

  @Override
  public List<Violation> check(JsonNode s) {
    List<Violation> out = new ArrayList<>();
    List<Violation> ignored = new ArrayList<>();
    Optional<LocalTime> start = Fields.time(s, "/visit/startTime", ignored);
    Optional<LocalTime> end = Fields.time(s, "/visit/endTime", ignored);
    if (start.isPresent() && end.isPresent() && end.get().isAfter(start.get())) {
      long minutes = Duration.between(start.get(), end.get()).toMinutes();
      if (minutes != SESSION_MINUTES) {
        out.add(Violation.of("SPIPOLL_DURATION", "/visit/endTime",
            "the collection lasted " + minutes + " minutes (" + start.get() + "–" + end.get()
                + "); a SPIPOLL flash collection lasts exactly " + SESSION_MINUTES + " minutes"));
      }
    }
    return out;
  }
}
