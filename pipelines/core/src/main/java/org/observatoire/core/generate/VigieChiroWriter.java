package org.observatoire.core.generate;

import java.time.LocalDate;

/**
 * One Vigie-Chiro participation: a night (or part of it) of ultrasound recordings, 5–50 identified files; as in a
 * real night, about half are Tadarida's {@code noise} (no animal), and one in ten carries an observer's correction.
 */
final class VigieChiroWriter {
  private static final String[] PEDESTRIAN = {"A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8", "A9", "A10", "A11", "A12", "A13"};
  private static final String[] ROAD = {"T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8"};
  private static final String[] FIXED = {"Z1"};

  /** Tadarida's code for a recording of no animal. */
  private static final String NOISE = "{\"code\":\"noise\"}";

  private VigieChiroWriter() {}

  static void write(GenContext g) {
    int ci = g.rnd.nextInt(g.ref.communes.size());
    Commune c = g.ref.communes.get(ci);
    int v = g.rnd.nextInt(100);
    String variant = g.has(Defect.CHIRO_TOO_MANY_POINTS) || v < 40 ? "pedestrian" : v < 65 ? "road" : "fixed";
    long key = (3L << 40) | ((long) ci << 16) | g.rnd.nextInt(100);
    long number = Math.floorMod(SiteKeys.mix(key), 9000L) + 100;
    String site = "Car" + c.departementDigits() + (number < 1000 ? "0" : "") + number;

    long day = g.dayInWindow(6, 1, 9, 30);
    long start = g.between(20 * 60 + 45, 22 * 60 + 30) * 60L + g.rnd.nextInt(60);
    long end = switch (variant) {
      case "pedestrian" -> start + g.between(95, 120) * 60L;
      case "road" -> start + g.between(60, 90) * 60L;
      default -> 24 * 3600L + g.between(6 * 60, 7 * 60) * 60L;
    };
    long submitDay = g.submitDay(day, 1);
    g.beginEnvelope("vigie-chiro", "chiro", day, submitDay, g.between(9 * 3600, 23 * 3600), key);
    g.beginSite(site, SiteKeys.north(c.latitude(), 5000 * SiteKeys.unit(key, 1)),
        SiteKeys.east(c.latitude(), c.longitude(), 5000 * SiteKeys.unit(key, 2)), variant.equals("fixed") ? 10 : 50);
    g.json.str("variant", variant).endObject();

    g.beginVisit(day);
    g.dateTime("start", day, start, true);
    g.dateTime("end", day, end, true);
    double t0 = 12 + g.rnd.nextInt(120) / 10.0;
    g.json.fixed("temperatureStart", t0, 1).fixed("temperatureEnd", t0 - g.rnd.nextInt(60) / 10.0, 1)
        .num("wind", g.between(0, 2)).num("cloudCover", g.rnd.nextInt(11) * 10).endObject();

    String[] points = variant.equals("pedestrian") ? PEDESTRIAN : variant.equals("road") ? ROAD : FIXED;
    int pointCount = variant.equals("pedestrian") ? (g.has(Defect.CHIRO_TOO_MANY_POINTS) ? g.between(11, 13) : 10) : points.length;
    int n = g.between(5, 50);
    if (g.has(Defect.CHIRO_TOO_MANY_POINTS)) {
      n = Math.max(n, pointCount);
    }
    int bad = g.rnd.nextInt(n);
    long slot = (end - start) / (n + 1);
    LocalDate date = LocalDate.ofEpochDay(day);
    g.json.beginArray("observations");
    for (int i = 0; i < n; i++) {
      String point = points[i < pointCount ? i % pointCount : g.rnd.nextInt(pointCount)];
      long at = start + (i + 1) * slot + g.rnd.nextLong(slot / 3 + 1);
      if (g.has(Defect.CHIRO_RECORDING_OUTSIDE_SESSION) && i == bad) {
        at = end + g.between(120, 3600);
      }
      StringBuilder sb = g.json.beginObject().openString("fileName");
      sb.append(site).append('-').append(date.getYear()).append("-Pass1-").append(point).append("-Chiro_").append(i).append('_');
      long d = day + at / 86_400;
      long s = at % 86_400;
      LocalDate fd = d == day ? date : LocalDate.ofEpochDay(d);
      sb.append(fd.getYear());
      GenContext.two(sb, fd.getMonthValue());
      GenContext.two(sb, fd.getDayOfMonth()).append('_');
      GenContext.two(sb, (int) (s / 3600));
      GenContext.two(sb, (int) (s / 60 % 60));
      GenContext.two(sb, (int) (s % 60)).append("_000.wav");
      g.json.closeString();
      g.dateTime("recordedAt", day, at, true);
      g.json.str("pointId", point).raw("taxon", g.rnd.nextInt(100) < 45 ? NOISE : g.pickSkewed(g.ref.bats).json());
      double p = g.has(Defect.CHIRO_PROBABILITY_ABOVE_ONE) && i == bad ? 1.05 + g.rnd.nextInt(40) / 100.0 : 0.3 + g.rnd.nextInt(70) / 100.0;
      g.json.fixed("probability", p, 2);
      if (g.rnd.nextInt(10) == 0) {
        g.json.raw("observerTaxon", g.pick(g.ref.bats).json());
      }
      g.json.endObject();
    }
    g.json.endArray();
  }
}
