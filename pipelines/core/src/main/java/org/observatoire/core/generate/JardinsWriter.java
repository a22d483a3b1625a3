package org.observatoire.core.generate;

/** One Oiseaux des jardins count: one hour in a garden, the maximum seen at once for each of 2–18 species. */
final class JardinsWriter {
  private static final String[] ENVIRONMENTS = {"urbain", "periurbain", "periurbain", "rural"};
  private static final int[] WRONG_DURATIONS = {15, 30, 45, 50, 90, 120};

  private JardinsWriter() {}

  static void write(GenContext g) {
    int ci = g.rnd.nextInt(g.ref.communes.size());
    Commune c = g.ref.communes.get(ci);
    long key = (6L << 40) | ((long) ci << 16) | g.rnd.nextInt(2000);
    int w = g.rnd.nextInt(10);
    long day = w < 4 ? g.dayInWindow(1, 24, 1, 31) : w < 6 ? g.dayInWindow(5, 24, 5, 31) : g.dayInWindow(1, 1, 12, 31);
    long submitDay = g.submitDay(day, 0);
    g.beginEnvelope("oiseaux-des-jardins", "odj", day, submitDay, StocEpsWriter.submitSecond(g, day, submitDay), key);
    g.beginSite("jardin-" + Long.toHexString(key), SiteKeys.north(c.latitude(), 5000 * SiteKeys.unit(key, 1)),
        SiteKeys.east(c.latitude(), c.longitude(), 5000 * SiteKeys.unit(key, 2)), 20 + g.rnd.nextInt(81));
    g.json.str("environment", g.has(Defect.JARDINS_BAD_ENVIRONMENT) ? "ville"
        : ENVIRONMENTS[(int) Math.floorMod(SiteKeys.mix(key + 1), (long) ENVIRONMENTS.length)]).endObject();

    g.beginVisit(day);
    g.time("startTime", g.between(7 * 12, 17 * 12) * 5);
    g.json.num("durationMinutes", g.has(Defect.JARDINS_DURATION) ? WRONG_DURATIONS[g.rnd.nextInt(WRONG_DURATIONS.length)] : 60);
    g.json.endObject();

    int n = g.between(2, 18);
    int[] order = Sampling.distinct(g, g.ref.garden.size(), n);
    String firstTaxon = null;
    g.json.beginArray("observations");
    for (int i = 0; i < n; i++) {
      Taxon t = g.ref.garden.get(order[i]);
      String taxon = g.rnd.nextBoolean() ? t.json() : t.codeJson();
      firstTaxon = i == 0 ? taxon : firstTaxon;
      g.json.beginObject().raw("taxon", taxon).num("count", StocEpsWriter.count(g)).endObject();
    }
    if (g.has(Defect.JARDINS_TAXON_REPEATED)) {
      g.json.beginObject().raw("taxon", firstTaxon).num("count", 1).endObject();
    }
    g.json.endArray();
  }
}
