package org.observatoire.generator;

import java.time.LocalDate;

/** Dates ({@code YYYY-MM-DD}), times ({@code HH:MM}) and local date-times with France's offset, as written. */
final class Times {
  private Times() {}

  static String date(long epochDay) {
    StringBuilder sb = new StringBuilder(10);
    appendDate(sb, epochDay);
    return sb.toString();
  }

  static long epochDay(String date) {
    return LocalDate.parse(date.substring(0, 10)).toEpochDay();
  }

  /** {@code HH:MM} of a minute of the day. */
  static String time(int minuteOfDay) {
    StringBuilder sb = new StringBuilder(5);
    two(sb, minuteOfDay / 60).append(':');
    return two(sb, minuteOfDay % 60).toString();
  }

  /** Minutes of {@code HH:MM}. */
  static int minutes(String hhmm) {
    return Integer.parseInt(hhmm.substring(0, 2)) * 60 + Integer.parseInt(hhmm.substring(3, 5));
  }

  /** Seconds of {@code HH:MM:SS}; hours may pass 24 (the next morning). */
  static long seconds(String hhmmss) {
    String[] p = hhmmss.split(":");
    return Long.parseLong(p[0]) * 3600 + Long.parseLong(p[1]) * 60 + (p.length > 2 ? Long.parseLong(p[2]) : 0);
  }

  /** The local date-time of seconds since 1970-01-01T00:00 local, with that day's offset when asked. */
  static String dateTime(long localSecond, boolean withOffset) {
    long day = Math.floorDiv(localSecond, 86_400);
    long s = Math.floorMod(localSecond, 86_400);
    StringBuilder sb = new StringBuilder(25);
    appendDate(sb, day);
    sb.append('T');
    two(sb, (int) (s / 3600)).append(':');
    two(sb, (int) (s / 60 % 60)).append(':');
    two(sb, (int) (s % 60));
    if (withOffset) {
      sb.append("+0").append(GenContext.offsetHours(day)).append(":00");
    }
    return sb.toString();
  }

  /** Seconds since 1970-01-01T00:00 local of {@code YYYY-MM-DDTHH:MM:SS...} (the offset is ignored). */
  static long localSecond(String dateTime) {
    return epochDay(dateTime) * 86_400 + seconds(dateTime.substring(11, 19));
  }

  /** A template filter: {@code year} (of a date) or {@code stamp} ({@code YYYYMMDD_HHMMSS} of a date-time). */
  static String filter(String name, String value, String where) {
    return switch (name) {
      case "year" -> value.substring(0, 4);
      case "stamp" -> value.substring(0, 4) + value.substring(5, 7) + value.substring(8, 10) + '_'
          + value.substring(11, 13) + value.substring(14, 16) + value.substring(17, 19);
      default -> throw new IllegalArgumentException(where + ": unknown template filter |" + name
          + " (known: year, stamp)");
    };
  }

  private static void appendDate(StringBuilder sb, long epochDay) {
    LocalDate d = LocalDate.ofEpochDay(epochDay);
    sb.append(d.getYear()).append('-');
    two(sb, d.getMonthValue()).append('-');
    two(sb, d.getDayOfMonth());
  }

  private static StringBuilder two(StringBuilder sb, int v) {
    return sb.append(v < 10 ? "0" : "").append(v);
  }
}
