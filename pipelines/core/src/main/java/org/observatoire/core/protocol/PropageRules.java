package org.observatoire.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.observatoire.core.validation.Violation;

/** Propage: a 10-minute transect walk, visits in June, July and August. */
final class PropageRules implements ProtocolRules {
  static final int WALK_MINUTES = 10;

  @Override
  public List<Violation> check(JsonNode s) {
    List<Violation> out = new ArrayList<>();
    Fields.date(s, "/visit/date", new ArrayList<>()).ifPresent(d -> {
      if (d.getMonthValue() < 6 || d.getMonthValue() > 8) {
        out.add(Violation.of("PROPAGE_MONTH", "/visit/date",
            "the visit on " + d + " is outside June–August, when Propage transects are walked"));
      }
    });
    Fields.integer(s, "/visit/durationMinutes").ifPresent(m -> {
      if (m != WALK_MINUTES) {
        out.add(Violation.of("PROPAGE_DURATION", "/visit/durationMinutes",
            "the walk lasted " + m + " minutes; a Propage transect is walked in " + WALK_MINUTES + " minutes"));
      }
    });
    return out;
  }
}
