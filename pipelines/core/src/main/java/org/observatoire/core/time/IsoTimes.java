package org.observatoire.core.time;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The date-time texts of submissions and occurrences, read and written without java.time's general formatters
 * when they have their usual shape, and by java.time otherwise, so that results and errors are always java.time's.
 * Parsing and formatting through {@link DateTimeFormatter} (a field map resolved per call) was a twentieth of the
 * validation and interpretation of a submission.
 */
public final class IsoTimes {
  private static final DateTimeFormatter TIME_WITH_OFFSET = DateTimeFormatter.ofPattern("HH:mm:ssxxx");

  private IsoTimes() {}

  /**
   * {@link OffsetDateTime#parse(CharSequence)}: same result, same {@code DateTimeParseException} for text it
   * refuses. Fast for {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}](Z|±HH:MM)}.
   */
  public static OffsetDateTime offsetDateTime(String text) {
    OffsetDateTime fast = fastOffsetDateTime(text);
    return fast != null ? fast : OffsetDateTime.parse(text);
  }

  private static OffsetDateTime fastOffsetDateTime(String s) {
    int n = s.length();
    if (n < 20 || s.charAt(10) != 'T' || s.charAt(13) != ':' || s.charAt(16) != ':') {
      return null;
    }
    LocalDate date = fastDate(s);
    int hour = twoDigits(s, 11);
    int minute = twoDigits(s, 14);
    int second = twoDigits(s, 17);
    if (date == null || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
      return null;
    }
    int i = 19;
    int nanos = 0;
    if (s.charAt(i) == '.') {
      int digits = 0;
      i++;
      while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9' && digits < 9) {
        nanos = nanos * 10 + (s.charAt(i) - '0');
        digits++;
        i++;
      }
      if (digits == 0) {
        return null;
      }
      for (int d = digits; d < 9; d++) {
        nanos *= 10;
      }
    }
    ZoneOffset offset = fastOffset(s, i);
    if (offset == null) {
      return null;
    }
    return OffsetDateTime.of(date, LocalTime.of(hour, minute, second, nanos), offset);
  }

  /** {@code Z} or {@code ±HH:MM} from {@code i} to the end, or null. */
  private static ZoneOffset fastOffset(String s, int i) {
    int rest = s.length() - i;
    if (rest == 1 && s.charAt(i) == 'Z') {
      return ZoneOffset.UTC;
    }
    if (rest != 6 || s.charAt(i + 3) != ':') {
      return null;
    }
    char sign = s.charAt(i);
    int hours = twoDigits(s, i + 1);
    int minutes = twoDigits(s, i + 4);
    if ((sign != '+' && sign != '-') || hours < 0 || hours > 18 || minutes < 0 || minutes > 59
        || (hours == 18 && minutes > 0)) {
      return null;
    }
    int total = hours * 3600 + minutes * 60;
    return ZoneOffset.ofTotalSeconds(sign == '-' ? -total : total);
  }

  /** {@code yyyy-MM-dd} at the start of {@code s}, or null (java.time then says what is wrong). */
  private static LocalDate fastDate(String s) {
    if (s.length() < 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
      return null;
    }
    int y1 = twoDigits(s, 0);
    int y2 = twoDigits(s, 2);
    int month = twoDigits(s, 5);
    int day = twoDigits(s, 8);
    if (y1 < 0 || y2 < 0 || month < 1 || month > 12 || day < 1 || day > 31) {
      return null;
    }
    int year = y1 * 100 + y2;
    if (day > 28 && day > LocalDate.of(year, month, 1).lengthOfMonth()) {
      return null;
    }
    return LocalDate.of(year, month, day);
  }

  /** {@link LocalDate#parse(CharSequence)}: same result, same exception. */
  public static LocalDate date(String text) {
    LocalDate fast = text.length() == 10 ? fastDate(text) : null;
    return fast != null ? fast : LocalDate.parse(text);
  }

  /**
   * The UTC instant, as {@link Instant#toString()} writes it, of a date and a time of day with its offset
   * ({@code HH:mm:ss±HH:MM}, as {@link #timeWithOffset} writes it).
   */
  public static String utcText(String date, String timeWithOffset) {
    LocalDate d = date(date);
    String t = timeWithOffset;
    if (t.length() == 14 && t.charAt(2) == ':' && t.charAt(5) == ':') {
      int hour = twoDigits(t, 0);
      int minute = twoDigits(t, 3);
      int second = twoDigits(t, 6);
      ZoneOffset offset = fastOffset(t, 8);
      if (hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59 && offset != null) {
        return instantText(d.toEpochDay() * 86_400 + hour * 3600 + minute * 60 + second - offset.getTotalSeconds());
      }
    }
    return OffsetDateTime.of(d, LocalTime.parse(t.substring(0, 8)), ZoneOffset.of(t.substring(8))).toInstant()
        .toString();
  }

  /** {@code Instant.ofEpochSecond(epochSecond).toString()}. */
  public static String instantText(long epochSecond) {
    LocalDateTime t = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
    if (t.getYear() < 1000 || t.getYear() > 9999) {
      return Instant.ofEpochSecond(epochSecond).toString();
    }
    char[] c = new char[20];
    four(c, 0, t.getYear());
    c[4] = '-';
    two(c, 5, t.getMonthValue());
    c[7] = '-';
    two(c, 8, t.getDayOfMonth());
    c[10] = 'T';
    hms(c, 11, t.getHour(), t.getMinute(), t.getSecond());
    c[19] = 'Z';
    return new String(c);
  }

  /** A time of day and its offset as {@code HH:mm:ssxxx} formats them (e.g. {@code 06:30:00+02:00}). */
  public static String timeWithOffset(LocalTime time, ZoneOffset offset) {
    int total = offset.getTotalSeconds();
    if (total % 60 != 0) {
      return TIME_WITH_OFFSET.format(time.atOffset(offset));
    }
    char[] c = new char[14];
    hms(c, 0, time.getHour(), time.getMinute(), time.getSecond());
    c[8] = total < 0 ? '-' : '+';
    int abs = Math.abs(total);
    two(c, 9, abs / 3600);
    c[11] = ':';
    two(c, 12, abs / 60 % 60);
    return new String(c);
  }

  private static int twoDigits(String s, int i) {
    char a = s.charAt(i);
    char b = s.charAt(i + 1);
    if (a < '0' || a > '9' || b < '0' || b > '9') {
      return -1;
    }
    return (a - '0') * 10 + (b - '0');
  }

  /** {@code HH:mm:ss} at {@code at}. */
  private static void hms(char[] c, int at, int hour, int minute, int second) {
    two(c, at, hour);
    c[at + 2] = ':';
    two(c, at + 3, minute);
    c[at + 5] = ':';
    two(c, at + 6, second);
  }

  private static void two(char[] c, int at, int v) {
    c[at] = (char) ('0' + v / 10);
    c[at + 1] = (char) ('0' + v % 10);
  }

  private static void four(char[] c, int at, int v) {
    two(c, at, v / 100);
    two(c, at + 2, v % 100);
  }
}
