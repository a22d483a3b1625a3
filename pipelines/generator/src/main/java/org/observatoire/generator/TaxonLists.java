package org.observatoire.generator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The named taxon lists of a {@code generator.json} ({@code "taxa"}), each resolved once into the taxa it holds, in
 * order (commonest first when the description draws them skewed). A list is a sequence of sources:
 * {@code {"codes": [...]}} (checklist rows by one of their codes, written with that code),
 * {@code {"where": {column: regex}}} (every checklist row whose columns fully match) or {@code {"inline": [taxon]}}.
 */
final class TaxonLists {
  static final List<String> FIELDS = List.of("code", "taxrefId", "scientificName", "vernacularName");
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** One taxon: its fields among {@link #FIELDS}, absent ones null. */
  record Taxon(String code, String taxrefId, String scientificName, String vernacularName) {
    String field(String name) {
      return switch (name) {
        case "code" -> code;
        case "taxrefId" -> taxrefId;
        case "scientificName" -> scientificName;
        case "vernacularName" -> vernacularName;
        default -> throw new IllegalArgumentException("a taxon has no field " + name + "; expected one of " + FIELDS);
      };
    }
  }

  private final String where;
  private final Map<String, List<Taxon>> lists;
  /**
   * The taxa of a list as JSON objects, by list and written fields: rendered once, shared by every generator (and
   * thread), never mutated.
   */
  private final Map<String, List<ObjectNode>> rendered = new ConcurrentHashMap<>();

  private TaxonLists(String where, Map<String, List<Taxon>> lists) {
    this.where = where;
    this.lists = lists;
  }

  /**
   * @param where     the description's name, for messages
   * @param taxa      the {@code "taxa"} object (may be missing)
   * @param checklist the package's checklist, null when it has none
   */
  static TaxonLists read(String where, JsonNode taxa, Path checklist) {
    List<Map<String, String>> rows = checklist == null ? List.of() : ChecklistRows.read(checklist);
    Map<String, List<Taxon>> lists = new LinkedHashMap<>();
    for (Entry<String, JsonNode> e : taxa == null ? List.<Entry<String, JsonNode>>of() : fields(taxa)) {
      List<Taxon> list = new ArrayList<>();
      for (JsonNode source : e.getValue()) {
        list.addAll(resolve(where + " taxa." + e.getKey(), source, rows));
      }
      if (list.isEmpty()) {
        throw new IllegalArgumentException(where + " taxa." + e.getKey() + " holds no taxon");
      }
      lists.put(e.getKey(), List.copyOf(list));
    }
    return new TaxonLists(where, lists);
  }

  int size(String list) {
    return get(list).size();
  }

  /** The {@code i}-th taxon of a list as a JSON object with the fields asked for that it has (all if none). */
  ObjectNode render(String list, List<String> written, int i) {
    return rendered.computeIfAbsent(list + "\u0000" + written, k -> {
      List<ObjectNode> out = new ArrayList<>();
      for (Taxon t : get(list)) {
        ObjectNode o = object(t, written);
        out.add(o.isEmpty() ? object(t, FIELDS) : o);
      }
      return out;
    }).get(i);
  }

  private List<Taxon> get(String list) {
    List<Taxon> l = lists.get(list);
    if (l == null) {
      throw new IllegalArgumentException(where + ": no taxon list named \"" + list + "\"; lists: " + lists.keySet());
    }
    return l;
  }

  private static ObjectNode object(Taxon t, List<String> written) {
    ObjectNode o = NODES.objectNode();
    for (String f : written) {
      String v = t.field(f);
      if (v != null && f.equals("taxrefId")) {
        o.put(f, Integer.parseInt(v));
      } else if (v != null) {
        o.put(f, v);
      }
    }
    return o;
  }

  private static List<Taxon> resolve(String where, JsonNode source, List<Map<String, String>> rows) {
    List<Taxon> out = new ArrayList<>();
    if (source.has("inline")) {
      for (JsonNode t : source.get("inline")) {
        out.add(new Taxon(text(t, "code"), text(t, "taxrefId"), text(t, "scientificName"), text(t, "vernacularName")));
      }
    } else if (source.has("codes")) {
      Map<String, Map<String, String>> byCode = new HashMap<>();
      for (Map<String, String> row : rows) {
        for (String code : row.getOrDefault("codes", "").split("\\|")) {
          byCode.putIfAbsent(code, row);
        }
      }
      for (JsonNode c : source.get("codes")) {
        Map<String, String> row = byCode.get(c.asText());
        if (row == null) {
          throw new IllegalArgumentException(where + ": code " + c.asText() + " is not in the package's checklist.csv");
        }
        out.add(taxon(c.asText(), row));
      }
    } else if (source.has("where")) {
      List<Entry<String, Pattern>> tests = new ArrayList<>();
      for (Entry<String, JsonNode> f : fields(source.get("where"))) {
        tests.add(Map.entry(f.getKey(), Pattern.compile(f.getValue().asText())));
      }
      for (Map<String, String> row : rows) {
        if (tests.stream().allMatch(t -> t.getValue().matcher(row.getOrDefault(t.getKey(), "")).matches())) {
          out.add(taxon(ChecklistRows.firstCode(row), row));
        }
      }
    } else {
      throw new IllegalArgumentException(where + ": a source is {\"codes\": [...]}, {\"where\": {...}} or "
          + "{\"inline\": [...]}, got " + source);
    }
    return out;
  }

  private static Taxon taxon(String code, Map<String, String> row) {
    return new Taxon(code, ChecklistRows.blankToNull(row.get("taxrefId")),
        ChecklistRows.blankToNull(row.get("scientificName")), ChecklistRows.blankToNull(row.get("vernacularName")));
  }

  private static String text(JsonNode t, String field) {
    JsonNode v = t.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  static List<Entry<String, JsonNode>> fields(JsonNode object) {
    List<Entry<String, JsonNode>> out = new ArrayList<>();
    object.fields().forEachRemaining(out::add);
    return out;
  }
}
