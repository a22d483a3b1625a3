package org.observatoire.core.time;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Every answer, and every failure, is java.time's: checked on seeded texts, well-formed and broken. */
class IsoTimesTest {
  private static final DateTimeFormatter TIME_WITH_OFFSET = DateTimeFormatter.ofPattern("HH:mm:ssxxx");
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  /** java.time's result or its exception's class and message, for comparing outcomes. */
  private static <T> String outcome(Function<String, T> f, String text) {
    try {
      return "ok " + f.apply(text);
    } catch (RuntimeException e) {
      return e.getClass().getName() + ": " + e.getMessage();
    }
  }

  private static String randomDateTime(Random r) {
    int year = 1900 + r.nextInt(200);
    String s = String.format("%04d-%02d-%02dT%02d:%02d:%02d", year, 1 + r.nextInt(12), 1 + r.nextInt(31),
        r.nextInt(24), r.nextInt(60), r.nextInt(60));
    switch (r.nextInt(4)) {
      case 0 -> s += "." + "123456789".substring(0, 1 + r.nextInt(9));
      case 1 -> s += ".5";
      default -> { }
    }
    int offset = r.nextInt(5);
    return s + switch (offset) {
      case 0 -> "Z";
      case 1 -> "+02:00";
      case 2 -> "+01:00";
      case 3 -> String.format("%s%02d:%02d", r.nextBoolean() ? "+" : "-", r.nextInt(19), 15 * r.nextInt(4));
      default -> "-00:00";
    };
  }

  /** A valid text with one character replaced, cut or doubled. */
  private static String broken(Random r, String s) {
    int i = r.nextInt(s.length());
    String junk = "0123456789:-+TZtz. x";
    return switch (r.nextInt(3)) {
      case 0 -> s.substring(0, i) + junk.charAt(r.nextInt(junk.length())) + s.substring(i + 1);
      case 1 -> s.substring(0, i);
      default -> s.substring(0, i) + s.charAt(i) + s.substring(i);
    };
  }

  @Test
  void offsetDateTimesAreJavaTimes() {
    Random r = new Random(20261130);
    int refused = 0;
    for (int i = 0; i < 50_000; i++) {
      String text = randomDateTime(r);
      if (i % 2 == 1) {
        text = broken(r, text);
      }
      String expected = outcome(OffsetDateTime::parse, text);
      assertThat(text, outcome(IsoTimes::offsetDateTime, text), equalTo(expected));
      if (!expected.startsWith("ok")) {
        refused++;
      }
    }
    for (String text : List.of("2025-02-29T10:00:00Z", "2024-02-29T10:00:00Z", "2025-04-31T10:00:00+02:00",
        "2025-06-14T24:00:00Z", "2025-06-14T23:59:60Z", "2025-06-14T22:31+02:00", "2025-06-14t22:31:07z",
        "2025-06-14T22:31:07+18:01", "2025-06-14T22:31:07.1234567890Z", "2025-06-14T22:31:07.Z",
        "+12025-06-14T22:31:07Z", "2025-06-14T22:31:07+02:00:30", "2025-06-14T22:31:07+0200", "")) {
      assertThat(text, outcome(IsoTimes::offsetDateTime, text), equalTo(outcome(OffsetDateTime::parse, text)));
    }
    assertThat("broken texts were refused", refused, greaterThan(10_000));
  }

  @Test
  void datesAreJavaTimes() {
    Random r = new Random(7);
    for (int i = 0; i < 20_000; i++) {
      String text = randomDateTime(r).substring(0, 10);
      if (i % 2 == 1) {
        text = broken(r, text);
      }
      assertThat(text, outcome(IsoTimes::date, text), equalTo(outcome(LocalDate::parse, text)));
    }
  }

  /** What the interpreter did before: java.time end to end. */
  private static String javaUtc(String date, String time) {
    return OffsetDateTime.of(LocalDate.parse(date), LocalTime.parse(time.substring(0, 8)),
        ZoneOffset.of(time.substring(8))).toInstant().toString();
  }

  @Test
  void utcTextsAndTimesWithOffsetAreJavaTimes() {
    Random r = new Random(11);
    for (int i = 0; i < 50_000; i++) {
      ZonedDateTime local = ZonedDateTime.ofInstant(
          Instant.ofEpochSecond(-2_208_988_800L + (long) (r.nextDouble() * 6_500_000_000L)), PARIS);
      String time = IsoTimes.timeWithOffset(local.toLocalTime(), local.getOffset());
      assertThat(time, equalTo(TIME_WITH_OFFSET.format(local)));
      String date = local.toLocalDate().toString();
      assertThat(date + "T" + time, IsoTimes.utcText(date, time), equalTo(javaUtc(date, time)));
      String other = String.format("%02d:%02d:%02d%s%02d:%02d", r.nextInt(24), r.nextInt(60), r.nextInt(60),
          r.nextBoolean() ? "+" : "-", r.nextInt(15), 15 * r.nextInt(4));
      assertThat(date + "T" + other, IsoTimes.utcText(date, other), equalTo(javaUtc(date, other)));
    }
    // offsets with seconds (Paris before 1911) and instants outside four-digit years
    ZonedDateTime lmt = ZonedDateTime.of(1890, 6, 1, 12, 0, 0, 0, PARIS);
    assertThat(IsoTimes.timeWithOffset(lmt.toLocalTime(), lmt.getOffset()), equalTo(TIME_WITH_OFFSET.format(lmt)));
    for (long s : new long[] {-62_135_596_800L - 1, -30_000_000_000L, 253_402_300_800L, 0, 1_764_460_800L}) {
      assertThat(IsoTimes.instantText(s), equalTo(Instant.ofEpochSecond(s).toString()));
    }
  }
}
