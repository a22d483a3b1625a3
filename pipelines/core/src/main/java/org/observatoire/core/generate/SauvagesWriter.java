package org.observatoire.core.generate;

/** One Sauvages de ma rue segment: a street stretch of 40–600 m, 3–25 wild plants with their micro-habitats. */
final class SauvagesWriter {
  private static final String[] SIDES = {"even", "odd", "both"};
  private static final String[] MICRO = {"pied-d-arbre", "trottoir", "mur", "fissure", "pelouse", "massif", "haie", "friche"};

  private SauvagesWriter() {}

  static void write(GenContext g) {
    int ci = g.rnd.nextInt(g.ref.communes.size());
    Commune c = g.ref.communes.get(ci);
    long key = (5L << 40) | ((long) ci << 16) | g.rnd.nextInt(300);
    double lat = SiteKeys.north(c.latitude(), 2000 * SiteKeys.unit(key, 1));
    double lon = SiteKeys.east(c.latitude(), c.longitude(), 2000 * SiteKeys.unit(key, 2));
    double length = g.has(Defect.SAUVAGES_EMPTY_SEGMENT) ? 0 : 40 + 560 * (SiteKeys.unit(key, 3) + 1) / 2;
    double bearing = Math.PI * (SiteKeys.unit(key, 4) + 1);
    long day = g.dayInWindow(3, 15, 11, 15);
    long submitDay = g.submitDay(day, 0);
    g.beginEnvelope("sauvages-de-ma-rue", "smr", day, submitDay, StocEpsWriter.submitSecond(g, day, submitDay), key);
    g.beginSite("smr-" + Long.toHexString(key), lat, lon, 10);
    g.json.fixed("endLatitude", length == 0 ? lat : SiteKeys.north(lat, length * Math.cos(bearing)), 6)
        .fixed("endLongitude", length == 0 ? lon : SiteKeys.east(lat, lon, length * Math.sin(bearing)), 6)
        .str("streetName", g.ref.streetNames.get((int) Math.floorMod(SiteKeys.mix(key + 3), (long) g.ref.streetNames.size())))
        .str("commune", c.name()).str("side", SIDES[(int) Math.floorMod(SiteKeys.mix(key + 5), 3L)]).endObject();

    int start = g.between(9 * 60, 18 * 60);
    g.beginVisit(day);
    g.time("startTime", start);
    g.time("endTime", g.has(Defect.SAUVAGES_END_BEFORE_START) ? start - g.between(10, 60) : start + g.between(15, 60));
    g.json.endObject();

    int n = g.between(3, 25);
    int[] order = Sampling.distinct(g, g.ref.streetPlants.size(), n);
    int bad = g.rnd.nextInt(n);
    g.json.beginArray("observations");
    for (int i = 0; i < n; i++) {
      g.json.beginObject().raw("taxon", g.ref.streetPlants.get(order[i]).json()).beginArray("microHabitats");
      if (!(g.has(Defect.SAUVAGES_NO_MICRO_HABITAT) && i == bad)) {
        int first = g.rnd.nextInt(MICRO.length);
        g.json.value(MICRO[first]);
        if (g.rnd.nextInt(3) == 0) {
          g.json.value(MICRO[(first + 1 + g.rnd.nextInt(MICRO.length - 1)) % MICRO.length]);
        }
      }
      g.json.endArray().endObject();
    }
    g.json.endArray();
  }
}
