package org.observatoire.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.observatoire.core.time.IsoTimes;
import org.observatoire.core.validation.Violation;

/** Reads typed values out of a submission, turning unparseable ones into {@code INVALID_DATE} violations. */
final class Fields {
  private static final double EARTH_RADIUS_M = 6_371_008.8;

  private Fields() {}

  static Optional<LocalDate> date(JsonNode node, String pointer, List<Violation> out) {
    JsonNode value = node.at(pointer);
    if (!value.isTextual()) {
      return Optional.empty();
    }
    try {
      return Optional.of(IsoTimes.date(value.asText()));
    } catch (DateTimeParseException e) {
      out.add(Violation.of("INVALID_DATE", pointer, "'" + value.asText() + "' is not a calendar date (YYYY-MM-DD)"));
      return Optional.empty();
    }
  }

  static Optional<LocalTime> time(JsonNode node, String pointer, List<Violation> out) {
    JsonNode value = node.at(pointer);
    if (!value.isTextual()) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalTime.parse(value.asText()));
    } catch (DateTimeParseException e) {
      out.add(Violation.of("INVALID_DATE", pointer, "'" + value.asText() + "' is not a time of day (HH:MM)"));
      return Optional.empty();
    }
  }

  static Optional<OffsetDateTime> dateTime(JsonNode node, String pointer, List<Violation> out) {
    JsonNode value = node.at(pointer);
    if (!value.isTextual()) {
      return Optional.empty();
    }
    try {
      return Optional.of(IsoTimes.offsetDateTime(value.asText()));
    } catch (DateTimeParseException e) {
      out.add(Violation.of(
          "INVALID_DATE", pointer, "'" + value.asText() + "' is not a date-time with an offset (RFC 3339)"));
      return Optional.empty();
    }
  }

  static Optional<Integer> integer(JsonNode node, String pointer) {
    JsonNode value = node.at(pointer);
    return value.canConvertToInt() && value.isIntegralNumber() ? Optional.of(value.intValue()) : Optional.empty();
  }

  /** Great-circle distance in metres (haversine on the IUGG mean Earth radius). */
  static double distanceMeters(double lat1, double lon1, double lat2, double lon2) {
    double dLat = Math.toRadians(lat2 - lat1);
    double dLon = Math.toRadians(lon2 - lon1);
    double a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
        + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
    return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
  }
}
