package org.observatoire.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.observatoire.core.validation.Violation;

/**
 * STOC-EPS: a morning visit to a 2×2 km square, up to 10 points at least 300 m apart, 5-minute counts, in the
 * protocol's visit windows (early visit in March since 2023; visit 1 from 1 April to 8 May; visit 2 from 9 May to
 * 15 June), visits 4 to 6 weeks apart.
 */
final class StocEpsRules implements ProtocolRules {
  static final int COUNT_MINUTES = 5;
  static final double MIN_POINT_DISTANCE_M = 300;
  static final int MIN_SPACING_DAYS = 28;
  static final int MAX_SPACING_DAYS = 42;
  private static final LocalTime MORNING_START = LocalTime.of(4, 0);
  private static final LocalTime MORNING_END = LocalTime.of(12, 0);

  @Override
  public List<Violation> check(JsonNode s) {
    List<Violation> out = new ArrayList<>();
    Fields.date(s, "/visit/date", new ArrayList<>()).ifPresent(date -> {
      checkWindow(s, date, out);
      Fields.date(s, "/visit/previousVisitDate", out).ifPresent(previous -> {
        long days = ChronoUnit.DAYS.between(previous, date);
        if (days < MIN_SPACING_DAYS || days > MAX_SPACING_DAYS) {
          out.add(Violation.of("STOC_VISIT_SPACING", "/visit/previousVisitDate",
              "the previous visit (" + previous + ") is " + days + " days before this one; STOC visits are "
                  + MIN_SPACING_DAYS + " to " + MAX_SPACING_DAYS + " days (4 to 6 weeks) apart"));
        }
      });
    });
    checkPoints(s, out);
    return out;
  }

  private static void checkWindow(JsonNode s, LocalDate date, List<Violation> out) {
    int visit = s.at("/visit/visitNumber").asInt(-1);
    MonthDay from;
    MonthDay to;
    switch (visit) {
      case 0 -> { from = MonthDay.of(3, 1); to = MonthDay.of(3, 31); }
      case 1 -> { from = MonthDay.of(4, 1); to = MonthDay.of(5, 8); }
      case 2 -> { from = MonthDay.of(5, 9); to = MonthDay.of(6, 15); }
      default -> { return; }
    }
    MonthDay md = MonthDay.from(date);
    if (md.isBefore(from) || md.isAfter(to)) {
      out.add(Violation.of("STOC_VISIT_WINDOW", "/visit/date",
          "visit " + visit + " on " + date + " is outside its window (" + label(from) + " to " + label(to) + ")"));
    }
  }

  private static String label(MonthDay md) {
    return md.getDayOfMonth() + " " + md.getMonth().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH);
  }

  private static void checkPoints(JsonNode s, List<Violation> out) {
    JsonNode points = s.at("/visit/points");
    Set<Integer> numbers = new HashSet<>();
    for (int i = 0; i < points.size(); i++) {
      JsonNode p = points.get(i);
      String at = "/visit/points/" + i;
      int number = p.path("pointNumber").asInt();
      if (!numbers.add(number)) {
        out.add(Violation.of("STOC_POINT_DUPLICATE", at + "/pointNumber",
            "point " + number + " is listed more than once"));
      }
      if (p.has("durationMinutes") && p.path("durationMinutes").asInt() != COUNT_MINUTES) {
        out.add(Violation.of("STOC_COUNT_DURATION", at + "/durationMinutes",
            "point " + number + " was counted for " + p.path("durationMinutes").asText()
                + " minutes; STOC point counts last " + COUNT_MINUTES + " minutes"));
      }
      Fields.time(p, "/startTime", new ArrayList<>()).ifPresent(t -> {
        if (t.isBefore(MORNING_START) || !t.isBefore(MORNING_END)) {
          out.add(Violation.of("STOC_POINTS_NOT_SAME_MORNING", at + "/startTime",
              "point " + number + " starts at " + t + "; all STOC points are counted the same morning, between "
                  + MORNING_START + " and " + MORNING_END));
        }
      });
      for (int j = 0; j < i; j++) {
        JsonNode q = points.get(j);
        double d = Fields.distanceMeters(p.path("latitude").asDouble(), p.path("longitude").asDouble(),
            q.path("latitude").asDouble(), q.path("longitude").asDouble());
        if (d < MIN_POINT_DISTANCE_M) {
          out.add(Violation.of("STOC_POINTS_TOO_CLOSE", at,
              String.format(java.util.Locale.ROOT, "points %d and %d are %.0f m apart; STOC points are at least %.0f m apart",
                  q.path("pointNumber").asInt(), number, d, MIN_POINT_DISTANCE_M)));
        }
      }
    }
    JsonNode observations = s.path("observations");
    for (int i = 0; i < observations.size(); i++) {
      JsonNode o = observations.get(i);
      if (o.has("pointNumber") && !numbers.contains(o.path("pointNumber").asInt())) {
        out.add(Violation.of("STOC_POINT_UNKNOWN", "/observations/" + i + "/pointNumber",
            "the observation refers to point " + o.path("pointNumber").asInt() + ", which the visit does not list"));
      }
    }
  }
}
