package org.observatoire.generator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.regex.Pattern;
import org.observatoire.core.protocol.PackageMapping;
import org.observatoire.core.protocol.ProtocolPackage;

/**
 * Submissions for any protocol package, drawn from the package itself: each line starts from one of its
 * {@code examples/valid.jsonl} submissions (or, for a planted defect, one of {@code examples/invalid.jsonl}) and
 * varies what a new volunteer's visit would: a new submission id, observer and site id, the whole place moved to
 * within 3 km of a real commune (the geometry between its points kept), the dates moved by whole years (the season kept), and each
 * taxon replaced by a distinct entry of the package's checklist, named the way the example names it (scientific
 * name, code or French name). A package added as a folder gets its test data with no code.
 */
final class PackageExampleWriter {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  /** A checklist entry's names, as the examples may use them. */
  record Names(String scientificName, String code, String vernacularName) {
    String named(String field) {
      return switch (field) {
        case "code" -> code;
        case "vernacularName" -> vernacularName;
        default -> scientificName;
      };
    }
  }

  private final String prefix;
  private final List<ObjectNode> valid;
  private final List<ObjectNode> invalid;
  private final List<Names> listed;
  /** Every occurrence item of the valid examples (drawn from when the package has no sub-events to refer to). */
  private final List<JsonNode> items;
  private final PackageMapping.Occurrences occurrences;
  private long counter;

  private PackageExampleWriter(String prefix, List<ObjectNode> valid, List<ObjectNode> invalid, List<Names> listed,
      PackageMapping.Occurrences occurrences) {
    this.prefix = prefix;
    this.valid = valid;
    this.invalid = invalid;
    this.listed = listed;
    this.occurrences = occurrences;
    List<JsonNode> all = new ArrayList<>();
    for (ObjectNode v : valid) {
      v.at(occurrences.path()).forEach(all::add);
    }
    this.items = all;
  }

  /** The writer of a package; it needs at least one valid example. */
  static PackageExampleWriter of(ProtocolPackage p) {
    Path examples = p.folder().resolve("examples");
    List<ObjectNode> valid = submissions(examples.resolve("valid.jsonl"));
    if (valid.isEmpty()) {
      throw new IllegalArgumentException("protocol package " + p.id()
          + " has no examples/valid.jsonl submissions to generate from");
    }
    List<Names> listed = p.checklistFile().map(PackageExampleWriter::listed).orElse(List.of());
    return new PackageExampleWriter(p.id(), valid, submissions(examples.resolve("invalid.jsonl")), listed,
        p.mapping().occurrences());
  }

  /** One submission; {@code defective} picks an invalid example instead when the package has one. */
  String write(GenContext g, boolean defective) {
    List<ObjectNode> pool = defective && !invalid.isEmpty() ? invalid : valid;
    ObjectNode s = pool.get(g.rnd.nextInt(pool.size())).deepCopy();
    long key = g.rnd.nextLong();
    String tag = Long.toHexString(SiteKeys.mix(key) & 0xffffffffL);
    s.put("submissionId", prefix + "-" + tag + "-" + (++counter));
    if (s.path("observer").isObject()) {
      ObjectNode o = (ObjectNode) s.get("observer");
      int n = (int) Math.floorMod(SiteKeys.mix(key ^ 0x5bd1e995L), 400L);
      if (o.has("id")) {
        o.put("id", "obs-" + (10_000 + n));
      }
      if (o.has("name")) {
        o.put("name", "Bénévole " + n);
      }
      if (o.has("email")) {
        o.put("email", "benevole" + n + "@example.org");
      }
    }
    if (s.path("site").path("id").isTextual()) {
      ((ObjectNode) s.get("site")).put("id", prefix + "-site-" + tag);
    }
    if (!defective) {
      move(g, s);
      shiftYears(s, yearsBack(g, s));
    }
    if (!defective) {
      redrawItems(g, s);
    }
    renameTaxa(g, s);
    return s.toString();
  }

  /** Moves every latitude/longitude pair by the offset that takes the site to a real commune. */
  private static void move(GenContext g, ObjectNode s) {
    JsonNode site = s.path("site");
    if (!site.path("latitude").isNumber() || !site.path("longitude").isNumber()) {
      return;
    }
    Commune c = g.ref.communes.get(g.rnd.nextInt(g.ref.communes.size()));
    double lat = SiteKeys.north(c.latitude(), 3000 * (2 * g.rnd.nextDouble() - 1));
    double lon = SiteKeys.east(c.latitude(), c.longitude(), 3000 * (2 * g.rnd.nextDouble() - 1));
    double dLat = lat - site.get("latitude").asDouble();
    double dLon = lon - site.get("longitude").asDouble();
    walk(s, (parent, field, value) -> {
      if (value.isNumber() && (field.equals("latitude") || field.equals("longitude"))) {
        double v = value.asDouble() + (field.equals("latitude") ? dLat : dLon);
        parent.set(field, DoubleNode.valueOf(Math.round(v * 1e6) / 1e6));
      }
    });
  }

  /** How many years back the example's dates go so that the latest is before the generator's reference day. */
  private static int yearsBack(GenContext g, ObjectNode s) {
    long[] latest = {Long.MIN_VALUE};
    walk(s, (parent, field, value) -> {
      LocalDate d = date(value);
      if (d != null) {
        latest[0] = Math.max(latest[0], d.toEpochDay());
      }
    });
    if (latest[0] == Long.MIN_VALUE) {
      return 0;
    }
    int years = LocalDate.ofEpochDay(latest[0]).getYear() - LocalDate.ofEpochDay(g.maxSubmitDay).getYear()
        + g.rnd.nextInt(3);
    while (LocalDate.ofEpochDay(latest[0]).minusYears(years).toEpochDay() > g.maxSubmitDay) {
      years++;
    }
    return years;
  }

  private static void shiftYears(ObjectNode s, int years) {
    if (years == 0) {
      return;
    }
    walk(s, (parent, field, value) -> {
      LocalDate d = date(value);
      if (d != null) {
        parent.set(field, TextNode.valueOf(d.minusYears(years) + value.asText().substring(10)));
      }
    });
  }

  /** The date of a text that starts with one ({@code 2025-06-24}, {@code 2025-06-24T21:56:58+02:00}), else null. */
  private static LocalDate date(JsonNode value) {
    if (!value.isTextual() || !DATE.matcher(value.asText()).lookingAt()) {
      return null;
    }
    String text = value.asText();
    if (text.length() > 10 && text.charAt(10) != 'T') {
      return null;
    }
    try {
      return LocalDate.parse(text.substring(0, 10));
    } catch (java.time.DateTimeException e) {
      return null; // an example's deliberately impossible date stays as it is
    }
  }

  /** The occurrence items are drawn again from all the valid examples' items (as many as the example had). */
  private void redrawItems(GenContext g, ObjectNode s) {
    JsonNode current = s.at(occurrences.path());
    if (occurrences.subEvent() != null || !current.isArray() || current.isEmpty() || items.isEmpty()) {
      return;
    }
    ArrayNode array = (ArrayNode) current;
    int n = array.size();
    array.removeAll();
    for (int i = 0; i < n; i++) {
      array.add(items.get(g.rnd.nextInt(items.size())).deepCopy());
    }
  }

  /** Each occurrence's taxon becomes a distinct listed checklist entry, named the way the example names it. */
  private void renameTaxa(GenContext g, ObjectNode s) {
    if (listed.isEmpty() || occurrences.taxa().isEmpty()) {
      return;
    }
    JsonNode items = s.at(occurrences.path());
    if (!items.isArray()) {
      return;
    }
    String pointer = occurrences.taxa().get(occurrences.taxa().size() - 1).pointer();
    int[] order = Sampling.distinct(g, listed.size(), Math.min(items.size(), listed.size()));
    int i = 0;
    for (JsonNode item : (ArrayNode) items) {
      if (i >= order.length) {
        break;
      }
      Names names = listed.get(order[i++]);
      JsonNode taxon = item.at(pointer);
      String field = pointer.substring(pointer.lastIndexOf('/') + 1);
      JsonNode parent = item.at(pointer.substring(0, pointer.lastIndexOf('/')));
      if (taxon.isObject()) {
        ObjectNode t = (ObjectNode) taxon;
        String namedBy = t.has("code") ? "code" : t.has("vernacularName") ? "vernacularName" : "scientificName";
        String name = names.named(namedBy);
        t.removeAll();
        t.put(name == null ? "scientificName" : namedBy, name == null ? names.scientificName() : name);
      } else if (taxon.isTextual() && parent.isObject()) {
        ((ObjectNode) parent).put(field, names.scientificName());
      }
    }
  }

  private interface Visitor {
    void visit(ObjectNode parent, String field, JsonNode value);
  }

  private static void walk(JsonNode node, Visitor v) {
    if (node.isObject()) {
      List<Entry<String, JsonNode>> fields = new ArrayList<>();
      node.fields().forEachRemaining(fields::add);
      for (Entry<String, JsonNode> e : fields) {
        v.visit((ObjectNode) node, e.getKey(), e.getValue());
        walk(e.getValue(), v);
      }
    } else if (node.isArray()) {
      node.forEach(child -> walk(child, v));
    }
  }

  /** The submissions of an examples file: each line a submission, or {@code {"expect":…, "submission":…}}. */
  private static List<ObjectNode> submissions(Path file) {
    List<ObjectNode> out = new ArrayList<>();
    if (!Files.isRegularFile(file)) {
      return out;
    }
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line; (line = r.readLine()) != null; ) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode n = JSON.readTree(line);
        JsonNode s = n.has("submission") ? n.get("submission") : n;
        if (s.isObject()) {
          out.add((ObjectNode) s);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return out;
  }

  /** The checklist's listed entries (those a complete list is zero-filled with). */
  private static List<Names> listed(Path checklist) {
    List<Names> out = new ArrayList<>();
    for (Map<String, String> row : ChecklistRows.read(checklist)) {
      if (!"true".equals(row.get("listed")) || !"taxon".equals(row.getOrDefault("kind", "taxon"))
          && !"group".equals(row.get("kind"))) {
        continue;
      }
      out.add(new Names(row.get("scientificName"), ChecklistRows.firstCode(row),
          ChecklistRows.blankToNull(row.get("vernacularName"))));
    }
    return out;
  }
}
