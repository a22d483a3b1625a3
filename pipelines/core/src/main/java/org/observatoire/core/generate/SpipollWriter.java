package org.observatoire.core.generate;

/** One SPIPOLL collection: a flowering plant, 20 minutes, 3–15 insects photographed. */
final class SpipollWriter {
  private static final String[] HABITATS = {"urbain", "periurbain", "rural", "grande-culture", "foret", "prairie",
      "littoral", "parc-jardin-public", "jardin-prive", "bord-de-route", "friche", "zone-humide"};
  private static final String[] SKY = {"0-25", "25-50", "50-75", "75-100"};
  private static final String[] TEMPERATURE = {"10-20", "20-30", "20-30", "<10", ">30"};
  private static final String[] WIND = {"nul", "faible-irregulier", "faible-continu", "fort-irregulier", "fort-continu"};

  private SpipollWriter() {}

  static void write(GenContext g) {
    int ci = g.rnd.nextInt(g.ref.communes.size());
    Commune c = g.ref.communes.get(ci);
    long key = (2L << 40) | ((long) ci << 16) | g.rnd.nextInt(200);
    long day = g.dayInWindow(4, 1, 9, 30);
    long submitDay = g.submitDay(day, 0);
    g.beginEnvelope("spipoll", "spipoll", day, submitDay, StocEpsWriter.submitSecond(g, day, submitDay), key);
    g.beginSite("spipoll-" + Long.toHexString(key),
        SiteKeys.north(c.latitude(), 3000 * SiteKeys.unit(key, 1)),
        SiteKeys.east(c.latitude(), c.longitude(), 3000 * SiteKeys.unit(key, 2)), g.between(2, 30));
    g.json.str("habitat", g.has(Defect.SPIPOLL_BAD_HABITAT) ? "jardin" : HABITATS[g.rnd.nextInt(HABITATS.length)]).endObject();

    int start = g.between(9 * 60, 17 * 60);
    g.beginVisit(day);
    g.time("startTime", start);
    g.time("endTime", start + (g.has(Defect.SPIPOLL_DURATION) ? (g.rnd.nextBoolean() ? g.between(25, 40) : g.between(5, 15)) : 20));
    g.json.beginObject("plant").raw("taxon", g.pickSkewed(g.ref.plants).json()).endObject();
    g.json.beginObject("weather").str("sky", SKY[g.rnd.nextInt(SKY.length)])
        .str("temperature", TEMPERATURE[g.rnd.nextInt(TEMPERATURE.length)])
        .str("wind", WIND[g.rnd.nextInt(3)]).bool("shade", g.rnd.nextInt(5) == 0).endObject();
    g.json.endObject();

    int n = g.has(Defect.SPIPOLL_NO_INSECT) ? 0 : g.between(3, 15);
    long photo = g.rnd.nextInt(9000) + 1000;
    g.json.beginArray("observations");
    for (int i = 0; i < n; i++) {
      g.json.beginObject().raw("taxon", g.pickSkewed(g.ref.pollinators).json())
          .num("count", g.rnd.nextInt(4) == 0 ? g.between(2, 6) : 1);
      g.json.openString("photoId").append("IMG_").append(photo + i).append(".jpg");
      g.json.closeString().num("validationCount", g.rnd.nextInt(5)).endObject();
    }
    g.json.endArray();
  }
}
