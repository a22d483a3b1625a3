package org.observatoire.generator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.Optional;
import org.observatoire.core.protocol.ProtocolPackage;

/**
 * A package's {@code generator.json}: how the volunteers of that programme really fill its form (protocols/README.md,
 * "generator.json"). Read once, immutable.
 *
 * @param protocol     the package id
 * @param share        weight of the protocol in the generator's mix ({@code "all"})
 * @param idPrefix     start of the submission ids
 * @param perCommune   distinct sites around each commune
 * @param radiusMeters how far from the commune centre a site may be
 * @param siteId       template of the site id
 * @param minDelayDays the fewest days between the visit and its submission
 * @param fields       the ordered fields (JSON Pointer or variable name → value description)
 * @param defects      the package's own defects, in file order
 * @param overrides    per defect, the value descriptions it puts in place of fields'
 * @param taxa         the named taxon lists
 * @param checksum     CRC-32 of the file's text (a change of the description changes the generated data)
 */
record GeneratorDescription(String protocol, int share, String idPrefix, int perCommune, int radiusMeters,
    String siteId, int minDelayDays, ObjectNode fields, List<Defect> defects, Map<Defect, Map<String, JsonNode>>
    overrides, TaxonLists taxa, long checksum) {
  static final String FILE = "generator.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The package's description, empty when it has no {@code generator.json}. */
  static Optional<GeneratorDescription> of(ProtocolPackage p) {
    Path file = p.folder().resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    String where = p.id() + "/" + FILE;
    JsonNode d;
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    try {
      String text = Files.readString(file);
      crc.update(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      d = JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(where + ": cannot be read (" + e.getMessage() + ")", e);
    }
    JsonNode site = require(where, d, "site");
    if (!(d.get("fields") instanceof ObjectNode fields)) {
      throw new IllegalArgumentException(where + ": \"fields\" must be an object of pointer or name → value");
    }
    List<Defect> defects = new ArrayList<>();
    Map<Defect, Map<String, JsonNode>> overrides = new HashMap<>();
    for (JsonNode def : d.path("defects")) {
      String code = require(where, def, "code").asText();
      Defect defect = new Defect(p.id(), def.has("name") ? def.get("name").asText() : code, code);
      Map<String, JsonNode> replaced = new HashMap<>();
      for (Entry<String, JsonNode> e : TaxonLists.fields(def.path("fields"))) {
        replaced.put(e.getKey(), e.getValue());
      }
      if (replaced.isEmpty()) {
        throw new IllegalArgumentException(where + ": defect " + defect.name() + " replaces no field");
      }
      defects.add(defect);
      overrides.put(defect, Map.copyOf(replaced));
    }
    return Optional.of(new GeneratorDescription(p.id(), d.path("share").asInt(0),
        d.has("idPrefix") ? d.get("idPrefix").asText() : p.id(), require(where, site, "perCommune").asInt(),
        require(where, site, "radiusMeters").asInt(), require(where, site, "id").asText(),
        d.path("submittedAfterDays").asInt(0), fields, List.copyOf(defects), Map.copyOf(overrides),
        TaxonLists.read(where, d.get("taxa"), p.checklistFile().orElse(null)), crc.getValue()));
  }

  /** What {@code defect} puts in place of a field's value description, or null when it leaves the field alone. */
  JsonNode override(Defect defect, String key) {
    Map<String, JsonNode> m = defect == null ? null : overrides.get(defect);
    return m == null ? null : m.get(key);
  }

  /** True when {@code defect} replaces a field of one item of the block at {@code blockPath}. */
  boolean breaksOneItem(Defect defect, String blockPath) {
    Map<String, JsonNode> m = defect == null ? null : overrides.get(defect);
    if (m == null) {
      return false;
    }
    String prefix = blockPath + "/@one/";
    return m.keySet().stream().anyMatch(k -> k.startsWith(prefix));
  }

  private static JsonNode require(String where, JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException(where + ": \"" + field + "\" is required");
    }
    return v;
  }
}
