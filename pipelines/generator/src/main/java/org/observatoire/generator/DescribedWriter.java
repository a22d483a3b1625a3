package org.observatoire.generator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Submissions of a package that describes its volunteers' practice ({@link GeneratorDescription}): the envelope
 * every package shares (id, dates of submission, app, observer, a site anchored on a real commune) around the
 * description's fields, and the common defects planted in that envelope.
 */
final class DescribedWriter {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String[] FIRST = {"Camille", "Léa", "Hugo", "Maëlle", "Théo", "Chloé", "Yanis", "Inès", "Louis",
      "Zoé", "Gaëtan", "Solène", "Jean-Baptiste", "Hélène", "Nora", "Mathis", "Agathe", "Bastien", "Anaïs", "Émile"};
  private static final String[] LAST = {"Martin", "Lefebvre", "Guérin", "Nguyen", "Dubois", "Le Gall", "Benali",
      "Perrin", "Marchetti", "Rouxel", "Fournier", "Bonnet", "Mercier", "Lambert", "Faure", "Roussel", "Lemaire",
      "Garnier", "Chevalier", "Da Silva"};

  private final GeneratorDescription d;
  private final List<Defect> defects;
  private final long salt;

  DescribedWriter(GeneratorDescription d) {
    this.d = d;
    List<Defect> all = new ArrayList<>(Defect.COMMON);
    all.addAll(d.defects());
    this.defects = List.copyOf(all);
    this.salt = d.protocol().hashCode() & 0xFFFFFFL;
  }

  GeneratorDescription description() {
    return d;
  }

  /** The defects its lines may carry: the common ones, then the package's own. */
  List<Defect> defects() {
    return defects;
  }

  /** One submission (with {@code g.defect} planted when set), as a JSON line without the newline. */
  String write(GenContext g) {
    int ci = g.rnd.nextInt(g.ref.communes.size());
    Commune c = g.ref.communes.get(ci);
    long key = (salt << 40) | ((long) ci << 16) | g.rnd.nextInt(d.perCommune());
    double lat = SiteKeys.north(c.latitude(), d.radiusMeters() * SiteKeys.unit(key, 1));
    double lon = SiteKeys.east(c.latitude(), c.longitude(), d.radiusMeters() * SiteKeys.unit(key, 2));
    long number = Math.floorMod(SiteKeys.mix(key), 9000L) + 100;

    ObjectNode root = NODES.objectNode();
    root.put("submissionId", d.idPrefix() + "-" + g.seedTag + "-" + String.format(Locale.ROOT, "%09d", g.nextNumber()));
    root.put("protocol", d.protocol());
    root.put("protocolVersion", 1);
    root.putNull("submittedAt");
    ObjectNode app = root.putObject("app");
    app.put("name", (key & 1) == 0 ? "VigieNature-Android" : "VigieNature-iOS");
    app.put("version", (key & 2) == 0 ? "4.2.1" : "4.3.0");
    observer(g, root.putObject("observer"), key);
    ObjectNode site = root.putObject("site");
    root.putObject("visit");

    FieldValues values = new FieldValues(d, g, key);
    Scope s = Scope.root(root);
    s.put("hex", TextNode.valueOf(Long.toHexString(key)));
    s.put("dep", TextNode.valueOf(c.departementDigits()));
    s.put("number", TextNode.valueOf(String.format(Locale.ROOT, "%04d", number)));
    s.put("commune", TextNode.valueOf(c.name()));
    site.put("id", values.template(d.siteId(), s));
    site.set("latitude", FieldValues.fixed(lat, 6));
    site.set("longitude", FieldValues.fixed(lon, 6));
    s.put("/site/id", site.get("id"));
    s.put("/site/latitude", DoubleNode.valueOf(lat));
    s.put("/site/longitude", DoubleNode.valueOf(lon));
    values.fill(s);

    JsonNode date = s.get("/visit/date");
    if (date == null) {
      throw new IllegalArgumentException(d.protocol() + "/" + GeneratorDescription.FILE + ": no /visit/date field");
    }
    long visitDay = Times.epochDay(date.asText());
    long submitDay = g.submitDay(visitDay, d.minDelayDays());
    long submitSecond = submitDay <= visitDay ? g.between(21 * 3600, 23 * 3600 + 3599) : g.between(7 * 3600, 23 * 3600);
    if (g.has(Defect.VISIT_AFTER_SUBMISSION)) {
      submitDay = visitDay - g.between(3, 20);
    } else if (g.has(Defect.SUBMITTED_IN_FUTURE)) {
      submitDay = g.refDay + g.between(400, 2000);
    }
    root.put("submittedAt", Times.dateTime(submitDay * 86_400 + submitSecond, !g.has(Defect.SUBMITTED_WITHOUT_OFFSET)));
    return finish(g, root, lat, lon, visitDay);
  }

  private static void observer(GenContext g, ObjectNode observer, long key) {
    int o = (int) Math.floorMod(SiteKeys.mix(key ^ 0x5bd1e995L), 400L);
    String first = FIRST[o % FIRST.length];
    String last = LAST[o / FIRST.length % LAST.length];
    if (!g.has(Defect.MISSING_OBSERVER_ID)) {
      observer.put("id", "obs-" + (10_000 + o));
    }
    observer.put("name", first + " " + last);
    observer.put("email", ascii(first) + "." + ascii(last) + o + "@example.org");
  }

  /** Plants the envelope's defects and renders the line. */
  private static String finish(GenContext g, ObjectNode root, double lat, double lon, long visitDay) {
    ObjectNode site = (ObjectNode) root.get("site");
    if (g.has(Defect.LATITUDE_AS_STRING)) {
      site.put("latitude", String.valueOf(Math.round(lat * 1e5) / 1e5));
    } else if (g.has(Defect.LONGITUDE_OUT_OF_RANGE)) {
      site.set("longitude", FieldValues.fixed(lon + 200, 6));
    } else if (g.has(Defect.IMPOSSIBLE_DATE)) {
      ((ObjectNode) root.get("visit")).put("date", LocalDate.ofEpochDay(visitDay).getYear() + "-02-30");
    } else if (g.has(Defect.EXTRA_FIELD)) {
      root.put("comment", "envoyé depuis le terrain");
    }
    String line = root.toString();
    if (g.has(Defect.MALFORMED_JSON)) {
      line = line.substring(0, 10 + g.rnd.nextInt(Math.max(1, line.length() - 20)));
    }
    return line;
  }

  private static String ascii(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (char c : s.toLowerCase(Locale.ROOT).toCharArray()) {
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
