package org.observatoire.core.generate;

/** One STOC-EPS visit: a 2×2 km square, up to 10 points 400+ m apart on a fixed layout, 20–60 bird records. */
final class StocEpsWriter {
  private static final String[] BANDS = {"0-25", "25-100", "25-100", "100-200", "200+", "flight", "0-25", "25-100", "100-200", "flight"};

  private StocEpsWriter() {}

  static void write(GenContext g) {
    int ci = g.rnd.nextInt(g.ref.communes.size());
    Commune c = g.ref.communes.get(ci);
    int squareNo = g.rnd.nextInt(30);
    long key = (1L << 40) | ((long) ci << 16) | squareNo;
    double lat = SiteKeys.north(c.latitude(), 6000 * SiteKeys.unit(key, 1));
    double lon = SiteKeys.east(c.latitude(), c.longitude(), 6000 * SiteKeys.unit(key, 2));
    long number = Math.floorMod(SiteKeys.mix(key), 9000L) + 100;
    String square = c.departementDigits() + (number < 1000 ? "0" : "") + number;

    int visitNumber;
    long day;
    long previous = Long.MIN_VALUE;
    double u = g.rnd.nextDouble();
    if (g.has(Defect.STOC_VISIT_WINDOW)) {
      visitNumber = 1;
      day = g.dayInWindow(5, 20, 6, 10);
    } else if (u < 0.1 && !g.has(Defect.STOC_VISIT_SPACING)) {
      visitNumber = 0;
      day = g.dayInWindow(3, 1, 3, 31);
    } else if (u < 0.55 && !g.has(Defect.STOC_VISIT_SPACING)) {
      visitNumber = 1;
      day = g.dayInWindow(4, 1, 5, 8);
    } else {
      visitNumber = 2;
      day = g.dayInWindow(5, 9, 6, 15);
      if (g.has(Defect.STOC_VISIT_SPACING)) {
        previous = day - g.between(7, 20);
      } else if (g.rnd.nextInt(10) < 7) {
        previous = day - g.between(28, 42);
      }
    }
    long submitDay = g.submitDay(day, 0);
    g.beginEnvelope("stoc-eps", "stoc", day, submitDay, submitSecond(g, day, submitDay), key);
    g.beginSite("STOC-" + square, lat, lon, null);
    g.json.str("squareId", square).endObject();

    int n = g.rnd.nextInt(100) < 85 ? 10 : g.between(6, 9);
    if (g.has(Defect.STOC_POINT_UNKNOWN) && n == 10) {
      n = 9;
    }
    int start = g.between(330, 450);
    int step = g.between(9, 16);
    int[] numbers = new int[n];
    g.beginVisit(day);
    g.time("startTime", start);
    g.time("endTime", g.has(Defect.STOC_POINTS_NOT_SAME_MORNING) ? 12 * 60 + 50 : start + (n - 1) * step + 5);
    g.json.num("visitNumber", visitNumber);
    if (previous != Long.MIN_VALUE) {
      g.date("previousVisitDate", previous);
    }
    int badPoint = g.rnd.nextInt(n);
    g.json.beginArray("points");
    for (int k = 0; k < n; k++) {
      numbers[k] = g.has(Defect.STOC_POINT_DUPLICATE) && k == n - 1 ? k : k + 1;
      double dn = ((k / 5) - 0.5) * 640 + 40 * SiteKeys.unit(key, 10 + k);
      double de = ((k % 5) - 2) * 400 + 40 * SiteKeys.unit(key, 30 + k);
      if (g.has(Defect.STOC_POINTS_TOO_CLOSE) && k == 1) {
        dn = -320 + 40 * SiteKeys.unit(key, 10);
        de = -800 + 40 * SiteKeys.unit(key, 30) + 150;
      }
      double plat = SiteKeys.north(lat, dn);
      g.json.beginObject().num("pointNumber", numbers[k])
          .fixed("latitude", plat, 6).fixed("longitude", SiteKeys.east(lat, lon, de), 6);
      int pointStart = g.has(Defect.STOC_POINTS_NOT_SAME_MORNING) && k == n - 1 ? 12 * 60 + g.between(15, 45) : start + k * step;
      g.time("startTime", pointStart);
      g.json.num("durationMinutes", g.has(Defect.STOC_COUNT_DURATION) && k == badPoint ? 6 + g.rnd.nextInt(5) : 5);
      int habitats = g.ref.habitatCodes.size();
      int primary = (int) (Math.pow(g.rnd.nextDouble(), 2) * habitats);
      g.json.beginObject("habitat").str("primary", g.ref.habitatCodes.get(primary));
      if (g.rnd.nextInt(10) < 4) {
        g.json.str("secondary", g.ref.habitatCodes.get((primary + 1 + g.rnd.nextInt(habitats - 1)) % habitats));
      }
      g.json.endObject();
      g.json.beginObject("weather").num("cloud", g.between(1, 3)).num("rain", g.rnd.nextInt(10) < 8 ? 1 : 2)
          .num("wind", g.between(1, 2)).num("visibility", g.rnd.nextInt(10) < 8 ? 1 : 2).endObject();
      g.json.endObject();
    }
    g.json.endArray().endObject();

    int records = g.between(20, 60);
    int bad = g.rnd.nextInt(records);
    g.json.beginArray("observations");
    for (int i = 0; i < records; i++) {
      int point = numbers[g.rnd.nextInt(n)];
      if (g.has(Defect.STOC_POINT_UNKNOWN) && i == bad) {
        point = n + 1;
      }
      Taxon t = g.rnd.nextInt(100) < 97 ? g.pickSkewed(g.ref.stocCommon) : g.pick(g.ref.stocAll);
      g.json.beginObject().num("pointNumber", point).raw("taxon", g.rnd.nextInt(5) == 0 ? t.json() : t.codeJson());
      g.json.num("count", g.has(Defect.STOC_COUNT_ZERO) && i == bad ? 0 : count(g));
      g.json.str("distanceBand", g.has(Defect.STOC_BAD_DISTANCE_BAND) && i == bad ? "50-100" : BANDS[g.rnd.nextInt(BANDS.length)]);
      g.json.endObject();
    }
    g.json.endArray();
  }

  static int count(GenContext g) {
    int r = g.rnd.nextInt(100);
    return r < 55 ? 1 : r < 80 ? 2 : r < 95 ? g.between(3, 5) : g.between(6, 30);
  }

  /** Seconds after midnight of the submission day: the same evening, or any time on a later day. */
  static long submitSecond(GenContext g, long visitDay, long submitDay) {
    return submitDay <= visitDay ? g.between(21 * 3600, 23 * 3600 + 3599) : g.between(7 * 3600, 23 * 3600);
  }
}
