package org.observatoire.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.observatoire.core.validation.Violation;

/** Oiseaux des jardins: a one-hour count, one line per taxon with the maximum seen at once. */
final class OiseauxDesJardinsRules implements ProtocolRules {
  static final int COUNT_MINUTES = 60;

  @Override
  public List<Violation> check(JsonNode s) {
    List<Violation> out = new ArrayList<>();
    Fields.integer(s, "/visit/durationMinutes").ifPresent(m -> {
      if (m != COUNT_MINUTES) {
        out.add(Violation.of("JARDINS_DURATION", "/visit/durationMinutes",
            "the count lasted " + m + " minutes; the garden bird count lasts " + COUNT_MINUTES + " minutes"));
      }
    });
    Map<String, Integer> seen = new HashMap<>();
    JsonNode observations = s.path("observations");
    for (int i = 0; i < observations.size(); i++) {
      String key = TaxonKey.of(observations.get(i).path("taxon"));
      Integer first = seen.putIfAbsent(key, i);
      if (first != null) {
        out.add(Violation.of("JARDINS_TAXON_REPEATED", "/observations/" + i + "/taxon",
            "this taxon is already listed at /observations/" + first
                + "; give one line per taxon with the maximum seen at once"));
      }
    }
    return out;
  }
}
