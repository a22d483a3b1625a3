package org.observatoire.core.imports;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.observatoire.core.protocol.PackageException;

/**
 * A value conversion of an import description ({@code "convert"} of a field): the small, generic functions that a
 * description cannot say with a column name or a template. None knows a protocol; each is named by its {@code type}:
 * <ul>
 *   <li>{@code date}: an ISO date (YYYY-MM-DD) that exists;
 *   <li>{@code pattern}: the text must match {@code match} (a regular expression, whole) and becomes {@code replace}
 *       ({@code $1} for a group), e.g. a time on a spreadsheet's day zero to {@code HH:MM};
 *   <li>{@code number}: a decimal, kept as written; with {@code divideBy} (e.g. 60, seconds to minutes) the
 *       quotient to {@code maxDecimals} places (half-even), an integer when whole; {@code nonNegative};
 *   <li>{@code upperCase};
 *   <li>{@code localDateTime}: a local date-time written with {@code pattern} (java.time), in the time zone
 *       {@code zone}, to an RFC 3339 date-time with that zone's offset. A time skipped when clocks go forward does
 *       not exist (an error); in the hour repeated when they go back, the first (summer time) is taken;
 *   <li>{@code plusSeconds}: a date-time plus the first known of the values named in {@code of} (seconds, decimal),
 *       or plus 0 when none is known;
 *   <li>{@code dateOfNight}: the date of the evening a night started: the date-time's local date, or the day before
 *       when its time is before {@code dayStarts} (e.g. {@code 12:00}).
 * </ul>
 * A value that does not convert gives a {@link Failure}: the value as shown in the message and the reason.
 */
interface Conversion {

  /** Converts {@code value} (a text, number or date-time); {@code values} gives the row's named values. */
  Object apply(Object value, Function<String, Object> values) throws Failure;

  /** A value that does not convert: the value as the message shows it, and why (e.g. "is not a date"). */
  final class Failure extends Exception {
    private static final long serialVersionUID = 1L;
    final String shown;
    final String reason;

    Failure(Object shown, String reason) {
      super(reason, null, false, false);
      this.shown = String.valueOf(shown);
      this.reason = reason;
    }
  }

  /** The built-in conversion of {@code spec}: a type name, or an object with a {@code type} and its settings. */
  static Conversion parse(JsonNode spec, String where, Map<String, Conversion> named) {
    if (spec.isTextual() && named.containsKey(spec.asText())) {
      return named.get(spec.asText());
    }
    String type = spec.isTextual() ? spec.asText() : spec.path("type").asText("");
    Settings s = new Settings(spec.isObject() ? spec : null, where + " conversion '" + type + "'");
    Conversion c = switch (type) {
      case "date" -> (v, vals) -> date(text(v));
      case "pattern" -> pattern(s.regex("match"), s.text("replace"), s.text("expected", "of the expected form"));
      case "number" -> number(s.optionalDecimal("divideBy"), s.integer("maxDecimals", 3), s.bool("nonNegative"),
          s.text("expected", "a number"));
      case "upperCase" -> (v, vals) -> text(v).toUpperCase(Locale.ROOT);
      case "localDateTime" -> localDateTime(s.formatter("pattern"), s.zone("zone"));
      case "plusSeconds" -> plusSeconds(s.names("of"));
      case "dateOfNight" -> dateOfNight(s.time("dayStarts"));
      default -> throw new PackageException(where + ": unknown conversion '" + type + "' (date, pattern, number, "
          + "upperCase, localDateTime, plusSeconds, dateOfNight" + (named.isEmpty() ? "" : ", or one of "
          + named.keySet() + " of \"conversions\"") + ")");
    };
    s.noOther();
    return c;
  }

  private static String text(Object v) {
    return Descriptions.text(v);
  }

  private static String date(String v) throws Failure {
    try {
      return LocalDate.parse(v).toString();
    } catch (DateTimeException e) {
      throw new Failure(v, "is not a date (YYYY-MM-DD)");
    }
  }

  private static Conversion pattern(Pattern match, String replace, String expected) {
    return (v, vals) -> {
      Matcher m = match.matcher(text(v));
      if (!m.matches()) {
        throw new Failure(v, "is not " + expected);
      }
      return m.replaceFirst(replace);
    };
  }

  private static Conversion number(BigDecimal divideBy, int maxDecimals, boolean nonNegative, String expected) {
    return (v, vals) -> {
      BigDecimal n;
      try {
        n = v instanceof BigDecimal d ? d : new BigDecimal(text(v));
      } catch (NumberFormatException e) {
        throw new Failure(v, "is not " + expected);
      }
      if (nonNegative && n.signum() < 0) {
        throw new Failure(v, "is negative");
      }
      if (divideBy == null) {
        return n;
      }
      BigDecimal q = n.divide(divideBy, maxDecimals, RoundingMode.HALF_EVEN).stripTrailingZeros();
      return q.scale() <= 0 ? q.setScale(0) : q;
    };
  }

  private static Conversion localDateTime(DateTimeFormatter pattern, ZoneId zone) {
    return (v, vals) -> {
      LocalDateTime local;
      try {
        local = LocalDateTime.parse(text(v), pattern);
      } catch (DateTimeException e) {
        throw new Failure(v, "is not a date and time");
      }
      if (zone.getRules().getValidOffsets(local).isEmpty()) {
        throw new Failure(local, "does not exist in " + zone + " (the clock jumped forward)");
      }
      return ZonedDateTime.ofLocal(local, zone, null).withEarlierOffsetAtOverlap().toOffsetDateTime();
    };
  }

  private static Conversion plusSeconds(List<String> of) {
    return (v, vals) -> {
      BigDecimal seconds = BigDecimal.ZERO;
      for (String name : of) {
        if (vals.apply(name) instanceof BigDecimal d) {
          seconds = d;
          break;
        }
      }
      return dateTime(v).plusNanos(seconds.movePointRight(9).longValue());
    };
  }

  private static Conversion dateOfNight(LocalTime dayStarts) {
    return (v, vals) -> {
      LocalDateTime t = dateTime(v).toLocalDateTime();
      LocalDate day = t.toLocalDate();
      return (t.toLocalTime().isBefore(dayStarts) ? day.minusDays(1) : day).toString();
    };
  }

  private static OffsetDateTime dateTime(Object v) throws Failure {
    if (v instanceof OffsetDateTime t) {
      return t;
    }
    try {
      return OffsetDateTime.parse(v.toString());
    } catch (DateTimeException e) {
      throw new Failure(v, "is not an RFC 3339 date-time");
    }
  }

  /** The settings of one conversion, read strictly: a missing, malformed or unknown setting names the file. */
  final class Settings {
    private final JsonNode spec;
    private final String where;
    private final List<String> read = new ArrayList<>(List.of("type"));

    Settings(JsonNode spec, String where) {
      this.spec = spec;
      this.where = where;
    }

    private JsonNode get(String key, boolean required) {
      read.add(key);
      JsonNode n = spec == null ? null : spec.get(key);
      if (n == null && required) {
        throw new PackageException(where + " needs \"" + key + "\"");
      }
      return n;
    }

    String text(String key) {
      return get(key, true).asText();
    }

    String text(String key, String otherwise) {
      JsonNode n = get(key, false);
      return n == null ? otherwise : n.asText();
    }

    Pattern regex(String key) {
      try {
        return Pattern.compile(text(key));
      } catch (PatternSyntaxException e) {
        throw new PackageException(where + ": \"" + key + "\" is not a regular expression (" + e.getDescription()
            + ")");
      }
    }

    BigDecimal optionalDecimal(String key) {
      JsonNode n = get(key, false);
      if (n != null && (!n.isNumber() || n.decimalValue().signum() == 0)) {
        throw new PackageException(where + ": \"" + key + "\" must be a number other than 0");
      }
      return n == null ? null : n.decimalValue();
    }

    int integer(String key, int otherwise) {
      JsonNode n = get(key, false);
      return n == null ? otherwise : n.asInt(otherwise);
    }

    boolean bool(String key) {
      JsonNode n = get(key, false);
      return n != null && n.asBoolean();
    }

    DateTimeFormatter formatter(String key) {
      try {
        return DateTimeFormatter.ofPattern(text(key));
      } catch (IllegalArgumentException e) {
        throw new PackageException(where + ": \"" + key + "\" is not a java.time pattern (" + e.getMessage() + ")");
      }
    }

    ZoneId zone(String key) {
      try {
        return ZoneId.of(text(key));
      } catch (DateTimeException e) {
        throw new PackageException(where + ": \"" + key + "\" is not a time zone such as Europe/Paris");
      }
    }

    LocalTime time(String key) {
      try {
        return LocalTime.parse(text(key));
      } catch (DateTimeException e) {
        throw new PackageException(where + ": \"" + key + "\" is not a time HH:MM");
      }
    }

    List<String> names(String key) {
      List<String> names = new ArrayList<>();
      get(key, true).forEach(n -> names.add(n.asText()));
      return names;
    }

    void noOther() {
      if (spec == null) {
        return;
      }
      spec.fieldNames().forEachRemaining(k -> {
        if (!read.contains(k)) {
          throw new PackageException(where + ": unknown setting \"" + k + "\"");
        }
      });
    }
  }
}
