package org.observatoire.generator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map.Entry;
import java.util.SplittableRandom;

/**
 * Evaluates the {@code "fields"} of a {@code generator.json} into a submission: each field's value description
 * (protocols/README.md, "generator.json") gives a value, written at the field's JSON Pointer and remembered under its
 * key for the fields after it. The defect being planted may put other descriptions in place of some fields.
 */
final class FieldValues {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final java.util.Set<String> FORMS = java.util.Set.of("const", "var", "int", "real", "pick", "sample",
      "switch", "each", "sum", "product", "date", "daysBefore", "time", "at", "after", "between", "north", "east",
      "taxon", "repeat");
  /** The parts of the descriptions' JSON Pointers, split once. */
  private static final java.util.Map<String, String[]> POINTERS = new java.util.concurrent.ConcurrentHashMap<>();

  private final GeneratorDescription d;
  private final String where;
  private final GenContext g;
  private final long siteKey;

  /** The evaluator of one submission of {@code d}, drawing from {@code g}, at the site of {@code siteKey}. */
  FieldValues(GeneratorDescription d, GenContext g, long siteKey) {
    this.d = d;
    this.where = d.protocol() + "/" + GeneratorDescription.FILE;
    this.g = g;
    this.siteKey = siteKey;
  }

  /** Fills {@code s} (the submission's scope) with the description's fields. */
  void fill(Scope s) {
    fields(d.fields(), s);
  }

  private void fields(JsonNode fields, Scope s) {
    for (Entry<String, JsonNode> e : TaxonLists.fields(fields)) {
      String key = e.getKey();
      JsonNode v = value(replaced(s, key, e.getValue()), s, key, g.rnd);
      if (v == null) {
        continue;
      }
      s.put(key, v);
      if (key.startsWith("/")) {
        set(s.node, key, v);
      }
    }
  }

  private JsonNode replaced(Scope s, String key, JsonNode spec) {
    Defect defect = g.defect;
    if (defect == null || defect.protocol() == null) {
      return spec;
    }
    JsonNode o;
    if (!s.isItem()) {
      o = d.override(defect, key);
    } else {
      String k = key.startsWith("/") ? key : "/" + key;
      o = s.index == s.block.broken ? d.override(defect, s.path + "/@one" + k) : null;
      if (o == null && s.index == s.block.count - 1) {
        o = d.override(defect, s.path + "/@last" + k);
      }
      if (o == null) {
        o = d.override(defect, s.path + "/@each" + k);
      }
    }
    return o == null ? spec : o;
  }

  private JsonNode value(JsonNode spec, Scope s, String key, SplittableRandom r) {
    if (spec == null || spec.isNull()) {
      return null;
    }
    if (spec.isTextual()) {
      return TextNode.valueOf(template(spec.asText(), s));
    }
    if (!spec.isObject()) {
      return spec;
    }
    SplittableRandom rr = spec.path("perSite").asBoolean(false)
        ? new SplittableRandom(SiteKeys.mix(siteKey * 31 + (s.path + "#" + key).hashCode() * 1_000_003L + s.index))
        : r;
    switch (form(spec)) {
      case "const" -> {
        return spec.get("const");
      }
      case "var" -> {
        return lookup(s, spec.get("var").asText());
      }
      case "int" -> {
        long lo = integer(spec.get("int").get(0), s, key, rr);
        long hi = integer(spec.get("int").get(1), s, key, rr);
        return number(lo + rr.nextLong(hi - lo + 1));
      }
      case "real" -> {
        double lo = real(spec.get("real").get(0), s, key, rr);
        double hi = real(spec.get("real").get(1), s, key, rr);
        return decimal(spec, lo + rr.nextDouble() * (hi - lo));
      }
      case "pick" -> {
        JsonNode list = spec.get("pick");
        return value(list.get(draw(spec, list.size(), rr)), s, key, rr);
      }
      case "sample" -> {
        return sample(spec, s, key, rr);
      }
      case "switch" -> {
        JsonNode on = s.get(spec.get("switch").asText());
        JsonNode chosen = on == null ? null : spec.path("cases").get(on.asText());
        return value(chosen == null ? spec.get("default") : chosen, s, key, rr);
      }
      case "each" -> {
        JsonNode list = value(spec.get("each"), s, key, rr);
        if (!s.isItem() || list == null || !list.isArray() || list.isEmpty()) {
          throw new IllegalArgumentException(where + ": field " + key + ": \"each\" needs a non-empty list, inside a "
              + "repeated block");
      }
        return list.get(s.index % list.size());
      }
      case "sum", "product" -> {
        return arithmetic(spec, s, key, rr);
      }
      case "date" -> {
        JsonNode w = spec.get("date");
        String from = w.get(0).asText();
        String to = w.get(1).asText();
        long day = g.dayInWindow(rr, Integer.parseInt(from.substring(0, 2)), Integer.parseInt(from.substring(3)),
            Integer.parseInt(to.substring(0, 2)), Integer.parseInt(to.substring(3)));
        return TextNode.valueOf(Times.date(day));
      }
      case "daysBefore" -> {
        long day = Times.epochDay(lookup(s, spec.get("daysBefore").asText()).asText());
        return TextNode.valueOf(Times.date(day - integer(spec.get("days"), s, key, rr)));
      }
      case "time" -> {
        int step = spec.path("step").asInt(1);
        int lo = Times.minutes(spec.get("time").get(0).asText()) / step;
        int hi = Times.minutes(spec.get("time").get(1).asText()) / step;
        return TextNode.valueOf(Times.time((lo + rr.nextInt(hi - lo + 1)) * step));
      }
      case "at" -> {
        long day = Times.epochDay(lookup(s, spec.get("at").asText()).asText());
        long lo = Times.seconds(spec.get("time").get(0).asText());
        long hi = Times.seconds(spec.get("time").get(1).asText());
        return TextNode.valueOf(Times.dateTime(day * 86_400 + lo + rr.nextLong(hi - lo + 1), true));
      }
      case "after" -> {
        String base = lookup(s, spec.get("after").asText()).asText();
        long minutes = integer(spec.get("minutes"), s, key, rr);
        return TextNode.valueOf(base.length() == 5
            ? Times.time((int) Math.floorMod(Times.minutes(base) + minutes, 1440))
            : Times.dateTime(Times.localSecond(base) + minutes * 60, true));
      }
      case "between" -> {
        long a = Times.localSecond(lookup(s, spec.get("between").get(0).asText()).asText());
        long b = Times.localSecond(lookup(s, spec.get("between").get(1).asText()).asText());
        return TextNode.valueOf(Times.dateTime(a + rr.nextLong(b - a + 1), true));
      }
      case "north", "east" -> {
        return moved(spec, s, key, rr);
      }
      case "taxon" -> {
        return taxon(spec, s, rr);
      }
      case "repeat" -> {
        return repeat(spec, s, key, rr);
      }
      default -> {
        // not a known form: reported below
      }
    }
    throw new IllegalArgumentException(where + ": field " + key + ": unknown value description " + spec);
  }

  /** The form of a value description: its first key that names one ({@code at} before the {@code time} it holds). */
  private static String form(JsonNode spec) {
    String found = "";
    for (java.util.Iterator<String> names = spec.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (name.equals("at")) {
        return name;
      }
      if (found.isEmpty() && FORMS.contains(name)) {
        found = name;
      }
    }
    return found;
  }

  private int draw(JsonNode spec, int size, SplittableRandom r) {
    JsonNode weights = spec.get("weights");
    if (weights != null) {
      int total = 0;
      for (JsonNode w : weights) {
        total += w.asInt();
      }
      int x = r.nextInt(total);
      for (int i = 0; i < weights.size(); i++) {
        x -= weights.get(i).asInt();
        if (x < 0) {
          return i;
        }
      }
    }
    return skewed(spec, size, r);
  }

  /** Earlier entries more often ({@code "draw": "skewed"}, u² skew: lists are ordered commonest first). */
  private static int skewed(JsonNode spec, int size, SplittableRandom r) {
    if ("skewed".equals(spec.path("draw").asText())) {
      double u = r.nextDouble();
      return (int) (u * u * size);
    }
    return r.nextInt(size);
  }

  private JsonNode sample(JsonNode spec, Scope s, String key, SplittableRandom r) {
    JsonNode list = spec.get("sample");
    int k = (int) Math.min(integer(spec.get("size"), s, key, r), list.size());
    List<Integer> idx = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      idx.add(i);
    }
    ArrayNode out = NODES.arrayNode();
    for (int i = 0; i < k; i++) {
      int j = i + r.nextInt(idx.size() - i);
      Integer t = idx.get(i);
      idx.set(i, idx.get(j));
      idx.set(j, t);
      out.add(value(list.get(idx.get(i)), s, key, r));
    }
    return out;
  }

  private JsonNode arithmetic(JsonNode spec, Scope s, String key, SplittableRandom r) {
    boolean sum = spec.has("sum");
    boolean integral = true;
    long l = sum ? 0 : 1;
    double x = sum ? 0 : 1;
    for (JsonNode term : spec.get(sum ? "sum" : "product")) {
      JsonNode v = value(term, s, key, r);
      if (v == null || !v.isNumber()) {
        throw new IllegalArgumentException(where + ": field " + key + ": a term of a sum or product is not a number");
      }
      integral &= v.isIntegralNumber();
      l = sum ? l + v.asLong() : l * v.asLong();
      x = sum ? x + v.asDouble() : x * v.asDouble();
    }
    return integral && !spec.has("decimals") ? number(l) : decimal(spec, x);
  }

  private JsonNode moved(JsonNode spec, Scope s, String key, SplittableRandom r) {
    boolean north = spec.has("north");
    String base = spec.get(north ? "north" : "east").asText();
    double lat = lookup(s, base + "/latitude").asDouble();
    double metres = real(spec.get("metres"), s, key, r);
    double v = north ? SiteKeys.north(lat, metres)
        : SiteKeys.east(lat, lookup(s, base + "/longitude").asDouble(), metres);
    return fixed(v, 6);
  }

  private JsonNode taxon(JsonNode spec, Scope s, SplittableRandom r) {
    String list = spec.get("taxon").asText();
    int size = d.taxa().size(list);
    List<String> written = new ArrayList<>();
    spec.path("as").forEach(f -> written.add(f.asText()));
    Scope.Block block = s.nearestBlock();
    int i;
    if ("distinct".equals(spec.path("draw").asText()) && block != null) {
      int[] state = block.distinct.computeIfAbsent(list, k -> identity(size));
      int taken = state[size];
      if (taken >= size) {
        throw new IllegalArgumentException(where + ": more distinct draws than the " + size + " taxa of " + list);
      }
      double u = r.nextDouble();
      int j = taken + (int) (u * u * (size - taken));
      int t = state[taken];
      state[taken] = state[j];
      state[j] = t;
      state[size] = taken + 1;
      i = state[taken];
    } else {
      double u = r.nextDouble();
      boolean uniform = !spec.path("draw").asText().equals("skewed") && !spec.path("draw").asText().equals("distinct");
      i = uniform ? (int) (u * size) : (int) (u * u * size);
    }
    return d.taxa().render(list, written.isEmpty() ? TaxonLists.FIELDS : written, i);
  }

  /** Identity permutation of {@code size} indexes, plus how many are taken (last slot). */
  private static int[] identity(int size) {
    int[] a = new int[size + 1];
    for (int i = 0; i < size; i++) {
      a[i] = i;
    }
    return a;
  }

  private JsonNode repeat(JsonNode spec, Scope s, String key, SplittableRandom r) {
    String blockPath = s.path + key;
    JsonNode countSpec = g.defect == null ? null : d.override(g.defect, blockPath + "/@count");
    int count = (int) integer(countSpec == null ? spec.get("repeat") : countSpec, s, key, r);
    int broken = count > 0 && d.breaksOneItem(g.defect, blockPath) ? r.nextInt(count) : -1;
    Scope.Block block = new Scope.Block(count, broken);
    ArrayNode out = NODES.arrayNode();
    for (int i = 0; i < count; i++) {
      ObjectNode item = NODES.objectNode();
      fields(spec.get("item"), s.item(blockPath, item, i, block));
      out.add(item);
    }
    JsonNode copyFirst = g.defect == null ? null : d.override(g.defect, blockPath + "/@copyFirst");
    if (copyFirst != null && copyFirst.asBoolean() && !out.isEmpty()) {
      out.add(out.get(0).deepCopy());
    }
    return out;
  }

  private long integer(JsonNode spec, Scope s, String key, SplittableRandom r) {
    JsonNode v = value(spec, s, key, r);
    if (v == null || !v.isNumber()) {
      throw new IllegalArgumentException(where + ": field " + key + ": " + spec + " is not a number");
    }
    return v.asLong();
  }

  private double real(JsonNode spec, Scope s, String key, SplittableRandom r) {
    JsonNode v = value(spec, s, key, r);
    if (v == null || !v.isNumber()) {
      throw new IllegalArgumentException(where + ": field " + key + ": " + spec + " is not a number");
    }
    return v.asDouble();
  }

  private JsonNode lookup(Scope s, String name) {
    JsonNode v = s.get(name);
    if (v == null) {
      throw new IllegalArgumentException(where + ": no value named \"" + name + "\" before it is used");
    }
    return v;
  }

  /** A text with {@code {name}} or {@code {name|year}}, {@code {name|stamp}} parts replaced by values. */
  String template(String text, Scope s) {
    int open = text.indexOf('{');
    if (open < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 32);
    int from = 0;
    while (open >= 0) {
      int close = text.indexOf('}', open);
      if (close < 0) {
        throw new IllegalArgumentException(where + ": unclosed { in \"" + text + "\"");
      }
      out.append(text, from, open);
      String name = text.substring(open + 1, close);
      int bar = name.indexOf('|');
      String v = lookup(s, bar < 0 ? name : name.substring(0, bar)).asText();
      out.append(bar < 0 ? v : Times.filter(name.substring(bar + 1), v, where));
      from = close + 1;
      open = text.indexOf('{', from);
    }
    return out.append(text, from, text.length()).toString();
  }

  private static JsonNode number(long v) {
    return v == (int) v ? IntNode.valueOf((int) v) : LongNode.valueOf(v);
  }

  private static JsonNode decimal(JsonNode spec, double v) {
    return spec.has("decimals") ? fixed(v, spec.get("decimals").asInt()) : DoubleNode.valueOf(v);
  }

  /** {@code v} rounded half-up to {@code decimals} digits and always written with that many. */
  static JsonNode fixed(double v, int decimals) {
    return DecimalNode.valueOf(BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_UP));
  }

  /** Sets {@code value} at {@code pointer} inside {@code root}, creating the objects on the way. */
  static void set(ObjectNode root, String pointer, JsonNode value) {
    ObjectNode cur = root;
    String[] parts = POINTERS.computeIfAbsent(pointer, k -> k.substring(1).split("/"));
    for (int i = 0; i < parts.length - 1; i++) {
      JsonNode next = cur.get(parts[i]);
      cur = next instanceof ObjectNode o ? o : cur.putObject(parts[i]);
    }
    cur.set(parts[parts.length - 1], value);
  }
}
