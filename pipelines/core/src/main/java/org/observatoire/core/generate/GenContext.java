package org.observatoire.core.generate;

import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Mutable state of one generator (random stream, output buffer, counters) and the helpers every protocol writer
 * shares: picking, dates and times, the common envelope, planted defects. Not thread-safe, never shared.
 */
final class GenContext {
  static final double METRES_PER_DEGREE = 6_371_000.0 * Math.PI / 180.0;
  private static final String[] FIRST = {"Camille", "Léa", "Hugo", "Maëlle", "Théo", "Chloé", "Yanis", "Inès", "Louis",
      "Zoé", "Gaëtan", "Solène", "Jean-Baptiste", "Hélène", "Nora", "Mathis", "Agathe", "Bastien", "Anaïs", "Émile"};
  private static final String[] LAST = {"Martin", "Lefebvre", "Guérin", "Nguyen", "Dubois", "Le Gall", "Benali",
      "Perrin", "Marchetti", "Rouxel", "Fournier", "Bonnet", "Mercier", "Lambert", "Faure", "Roussel", "Lemaire",
      "Garnier", "Chevalier", "Da Silva"};

  final SplittableRandom rnd;
  final JsonLine json = new JsonLine();
  final ReferenceData ref = ReferenceData.INSTANCE;
  final long refDay;
  final long maxVisitDay;
  final long maxSubmitDay;
  private final int refYear;
  private final String seedTag;
  private long counter;
  Defect defect;

  GenContext(long seed, LocalDate referenceDate) {
    this.rnd = new SplittableRandom(seed);
    this.refDay = referenceDate.toEpochDay();
    this.maxVisitDay = refDay - 2;
    this.maxSubmitDay = refDay - 1;
    this.refYear = referenceDate.getYear();
    String hex = Long.toHexString(SiteKeys.mix(seed));
    this.seedTag = hex.substring(0, Math.min(8, hex.length()));
  }

  boolean has(Defect d) {
    return defect == d;
  }

  int between(int lo, int hiInclusive) {
    return lo + rnd.nextInt(hiInclusive - lo + 1);
  }

  <T> T pick(List<T> list) {
    return list.get(rnd.nextInt(list.size()));
  }

  /** Earlier entries more often (u² skew): lists are ordered commonest first. */
  <T> T pickSkewed(List<T> list) {
    double u = rnd.nextDouble();
    return list.get((int) (u * u * list.size()));
  }

  /** A day between month1/day1 and month2/day2 (inclusive) of a recent season, never after {@link #maxVisitDay}. */
  long dayInWindow(int month1, int day1, int month2, int day2) {
    int year = refYear - rnd.nextInt(3);
    while (true) {
      long from = LocalDate.of(year, month1, day1).toEpochDay();
      long to = LocalDate.of(year, month2, day2).toEpochDay();
      long day = from + rnd.nextLong(to - from + 1);
      if (day <= maxVisitDay) {
        return day;
      }
      year--;
    }
  }

  /** A submission day between the visit day + {@code minDelay} and a week later, never after {@link #maxSubmitDay}. */
  long submitDay(long visitDay, int minDelay) {
    long day = visitDay + minDelay + rnd.nextInt(8);
    return Math.min(day, maxSubmitDay);
  }

  static int offsetHours(long epochDay) {
    int month = LocalDate.ofEpochDay(epochDay).getMonthValue();
    return month >= 4 && month <= 10 ? 2 : 1;
  }

  static void appendDate(StringBuilder sb, long epochDay) {
    LocalDate d = LocalDate.ofEpochDay(epochDay);
    sb.append(d.getYear()).append('-');
    two(sb, d.getMonthValue()).append('-');
    two(sb, d.getDayOfMonth());
  }

  static StringBuilder two(StringBuilder sb, int v) {
    if (v < 10) {
      sb.append('0');
    }
    return sb.append(v);
  }

  void time(String name, int minuteOfDay) {
    StringBuilder sb = json.openString(name);
    two(sb, minuteOfDay / 60).append(':');
    two(sb, minuteOfDay % 60);
    json.closeString();
  }

  void date(String name, long epochDay) {
    appendDate(json.openString(name), epochDay);
    json.closeString();
  }

  /** A local date-time at the site with the French offset of that day; seconds past 24 h roll to the next day. */
  void dateTime(String name, long epochDay, long secondOfDay, boolean withOffset) {
    long day = epochDay + Math.floorDiv(secondOfDay, 86_400);
    long s = Math.floorMod(secondOfDay, 86_400);
    StringBuilder sb = json.openString(name);
    appendDate(sb, day);
    sb.append('T');
    two(sb, (int) (s / 3600)).append(':');
    two(sb, (int) (s / 60 % 60)).append(':');
    two(sb, (int) (s % 60));
    if (withOffset) {
      sb.append('+').append('0').append(offsetHours(day)).append(":00");
    }
    json.closeString();
  }

  /** Opens the line and writes submissionId … observer. {@code submitSecond} is seconds after midnight of the day. */
  void beginEnvelope(String protocol, String idPrefix, long visitDay, long submitDay, long submitSecond, long siteKey) {
    json.reset();
    json.beginObject();
    StringBuilder sb = json.openString("submissionId");
    sb.append(idPrefix).append('-').append(seedTag).append('-');
    String n = Long.toString(++counter);
    for (int i = n.length(); i < 9; i++) {
      sb.append('0');
    }
    sb.append(n);
    json.closeString();
    json.str("protocol", protocol).num("protocolVersion", 1);
    if (has(Defect.VISIT_AFTER_SUBMISSION)) {
      submitDay = visitDay - between(3, 20);
    } else if (has(Defect.SUBMITTED_IN_FUTURE)) {
      submitDay = refDay + between(400, 2000);
    }
    dateTime("submittedAt", submitDay, submitSecond, !has(Defect.SUBMITTED_WITHOUT_OFFSET));
    json.beginObject("app").str("name", (siteKey & 1) == 0 ? "VigieNature-Android" : "VigieNature-iOS")
        .str("version", (siteKey & 2) == 0 ? "4.2.1" : "4.3.0").endObject();
    int o = (int) Math.floorMod(SiteKeys.mix(siteKey ^ 0x5bd1e995L), 400L);
    String first = FIRST[o % FIRST.length];
    String last = LAST[o / FIRST.length % LAST.length];
    json.beginObject("observer");
    if (!has(Defect.MISSING_OBSERVER_ID)) {
      json.str("id", "obs-" + (10_000 + o));
    }
    json.str("name", first + " " + last).str("email", ascii(first) + "." + ascii(last) + o + "@example.org")
        .endObject();
  }

  /** Opens {@code site} and writes id, latitude, longitude (with the coordinate defects). */
  void beginSite(String id, double latitude, double longitude, Integer uncertaintyMeters) {
    json.beginObject("site").str("id", id);
    if (has(Defect.LATITUDE_AS_STRING)) {
      StringBuilder sb = json.openString("latitude");
      sb.append(Math.round(latitude * 1e5) / 1e5);
      json.closeString();
    } else {
      json.fixed("latitude", latitude, 6);
    }
    json.fixed("longitude", has(Defect.LONGITUDE_OUT_OF_RANGE) ? longitude + 200 : longitude, 6);
    if (uncertaintyMeters != null) {
      json.num("coordinateUncertaintyInMeters", uncertaintyMeters);
    }
  }

  /** Opens {@code visit} and writes its date (an impossible 30 February for {@link Defect#IMPOSSIBLE_DATE}). */
  void beginVisit(long visitDay) {
    json.beginObject("visit");
    if (has(Defect.IMPOSSIBLE_DATE)) {
      StringBuilder sb = json.openString("date");
      sb.append(LocalDate.ofEpochDay(visitDay).getYear()).append("-02-30");
      json.closeString();
    } else {
      date("date", visitDay);
    }
  }

  /** Closes the line; plants the envelope-level defects that act on the finished text. */
  void finish() {
    if (has(Defect.EXTRA_FIELD)) {
      json.str("comment", "envoyé depuis le terrain");
    }
    json.endObject();
    StringBuilder sb = json.buffer();
    if (has(Defect.MALFORMED_JSON)) {
      sb.setLength(10 + rnd.nextInt(Math.max(1, sb.length() - 20)));
    }
  }

  private static String ascii(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (char c : s.toLowerCase(java.util.Locale.ROOT).toCharArray()) {
      switch (c) {
        case 'é', 'è', 'ë', 'ê' -> out.append('e');
        case 'ï', 'î' -> out.append('i');
        case 'à', 'â' -> out.append('a');
        case ' ' -> out.append('-');
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
