package org.observatoire.core.visits;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.List;
import org.observatoire.core.time.IsoTimes;

/**
 * The protocols whose visits are complete counts, and how a validated submission of one describes its visit:
 * STOC-EPS point counts, Propage transects, Oiseaux des jardins garden counts. Other protocols (SPIPOLL, Vigie-Chiro,
 * Sauvages de ma rue) are presence-only or opportunistic: no visit rows.
 */
public final class Visits {
  public static final List<String> PROTOCOLS = List.of("stoc-eps", "propage", "oiseaux-des-jardins");

  private Visits() {}

  public static boolean isCompleteCount(String protocol) {
    return PROTOCOLS.contains(protocol);
  }

  /** The visit of a submission that passed its schema and rules; null for the protocols without complete counts. */
  public static Visit describe(JsonNode doc, String protocol, String submissionId) {
    if (!isCompleteCount(protocol)) {
      return null;
    }
    JsonNode site = doc.path("site");
    JsonNode visit = doc.path("visit");
    LocalDate date = IsoTimes.date(visit.path("date").asText());
    Double duration;
    Integer points = null;
    Integer transect = null;
    switch (protocol) {
      case "stoc-eps" -> {
        points = visit.path("points").size();
        double sum = 0;
        for (JsonNode p : visit.path("points")) {
          sum += p.path("durationMinutes").asDouble(5);
        }
        duration = sum;
      }
      case "propage" -> {
        duration = visit.path("durationMinutes").asDouble(10);
        transect = site.path("transectLengthMeters").isNumber() ? site.path("transectLengthMeters").asInt() : null;
      }
      default -> duration = visit.path("durationMinutes").asDouble(60);
    }
    return new Visit(protocol + ":" + submissionId, protocol, submissionId,
        site.hasNonNull("id") ? site.get("id").asText() : null,
        date.toString(), date.getYear(), date.getMonthValue(),
        visit.path("startTime").isTextual() ? visit.get("startTime").asText() : null,
        duration, points, transect, number(site, "latitude"), number(site, "longitude"));
  }

  /** A coordinate of the site, or null when the submission does not give it. */
  private static Double number(JsonNode site, String field) {
    return site.path(field).isNumber() ? site.get(field).asDouble() : null;
  }
}
