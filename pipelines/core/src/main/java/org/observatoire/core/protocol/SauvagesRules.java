package org.observatoire.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.observatoire.core.validation.Violation;

/** Sauvages de ma rue: one side of a street segment, a real segment no longer than 2 km. */
final class SauvagesRules implements ProtocolRules {
  static final double MAX_SEGMENT_M = 2000;

  @Override
  public List<Violation> check(JsonNode s) {
    List<Violation> out = new ArrayList<>();
    JsonNode site = s.path("site");
    if (site.has("endLatitude") && site.has("endLongitude")) {
      double d = Fields.distanceMeters(site.path("latitude").asDouble(), site.path("longitude").asDouble(),
          site.path("endLatitude").asDouble(), site.path("endLongitude").asDouble());
      if (d == 0 || d > MAX_SEGMENT_M) {
        out.add(Violation.of("SAUVAGES_SEGMENT_LENGTH", "/site",
            String.format(Locale.ROOT, "the street segment is %.0f m long; it must be longer than 0 m and at most %.0f m",
                d, MAX_SEGMENT_M)));
      }
    }
    return out;
  }
}
