package org.observatoire.core.generate;

/**
 * One Propage visit as volunteers make them (the real 2009–2015 export): a 100–300 m transect, walked in 10 minutes
 * two times in three, else 15, 20 or 5 minutes; June to August, 4 % in May; nothing seen on one visit in six; the
 * names of the real Propage sheet.
 */
final class PropageWriter {
  private static final String[] MANAGEMENT = {"fauche", "paturage", "fauche-paturage", "tonte", "aucune", "autre"};
  private static final String[] VEGETATION = {"rase", "basse", "moyenne", "haute"};
  private static final int[] WRONG_DURATIONS = {5, 8, 12, 15, 20};

  private PropageWriter() {}

  /** A walk's duration in minutes, from a percentile: the shares of the real export (10: 65 %, 15, 20, 5...). */
  static int observedDuration(int percentile) {
    return percentile < 65 ? 10 : percentile < 80 ? 15 : percentile < 87 ? 20 : percentile < 93 ? 5 : 8;
  }

  static void write(GenContext g) {
    int ci = g.rnd.nextInt(g.ref.communes.size());
    Commune c = g.ref.communes.get(ci);
    long key = (4L << 40) | ((long) ci << 16) | g.rnd.nextInt(50);
    long day = g.has(Defect.PROPAGE_MONTH) || g.rnd.nextInt(100) < 4
        ? (g.rnd.nextBoolean() ? g.dayInWindow(5, 1, 5, 31) : g.dayInWindow(9, 1, 9, 30))
        : g.dayInWindow(6, 1, 8, 31);
    long submitDay = g.submitDay(day, 0);
    g.beginEnvelope("propage", "propage", day, submitDay, StocEpsWriter.submitSecond(g, day, submitDay), key);
    g.beginSite("propage-" + Long.toHexString(key), SiteKeys.north(c.latitude(), 4000 * SiteKeys.unit(key, 1)),
        SiteKeys.east(c.latitude(), c.longitude(), 4000 * SiteKeys.unit(key, 2)), 100);
    int length = g.has(Defect.PROPAGE_SHORT_TRANSECT) ? g.between(20, 90) : 100 + 10 * (int) Math.floorMod(SiteKeys.mix(key), 21L);
    g.json.num("transectLengthMeters", length)
        .str("management", MANAGEMENT[(int) Math.floorMod(SiteKeys.mix(key + 7), (long) MANAGEMENT.length)]).endObject();

    g.beginVisit(day);
    g.time("startTime", g.between(10 * 60, 17 * 60));
    g.json.num("durationMinutes", g.has(Defect.PROPAGE_DURATION) ? WRONG_DURATIONS[g.rnd.nextInt(WRONG_DURATIONS.length)]
        : observedDuration(g.rnd.nextInt(100)));
    g.json.beginObject("weather").num("temperatureCelsius", g.between(15, 32)).num("wind", g.between(0, 3))
        .num("cloudCover", g.rnd.nextInt(11) * 10).endObject();
    g.json.str("vegetationHeight", VEGETATION[g.rnd.nextInt(VEGETATION.length)]).endObject();

    int n = g.rnd.nextInt(6) == 0 ? 0 : g.between(1, 10);
    int[] order = Sampling.distinct(g, g.ref.butterflies.size(), n);
    g.json.beginArray("observations");
    for (int i = 0; i < n; i++) {
      g.json.beginObject().raw("taxon", g.ref.butterflies.get(order[i]).json()).num("count", StocEpsWriter.count(g)).endObject();
    }
    g.json.endArray();
  }
}
