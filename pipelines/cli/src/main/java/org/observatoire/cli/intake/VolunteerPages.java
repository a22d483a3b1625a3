package org.observatoire.cli.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.observatoire.core.protocol.ProtocolPackage;
import org.observatoire.core.protocol.ProtocolPackages;

/**
 * The volunteers' pages, one per protocol package, made from the package alone (a new package gets its page with no
 * code): {@code /p/<protocol>/} is a form built in the browser by json-editor (bundled in the jar,
 * {@code /assets/jsoneditor.js}) from the package's newest schema, posting to {@code /submissions} with the page's
 * public key and showing the verdict next to each field ({@code /assets/volunteer.js}).
 *
 * <p>The form's schema ({@link #formSchema}) is the package's with its {@code $defs} references written out in place
 * (json-editor knows {@code definitions}, not 2020-12's {@code $defs}) and without the envelope the page fills in
 * itself: {@code submissionId}, {@code protocol}, {@code protocolVersion}, {@code submittedAt}.
 */
public final class VolunteerPages {
  /** What the page fills in itself, left out of the form. */
  public static final Set<String> ENVELOPE = Set.of("submissionId", "protocol", "protocolVersion", "submittedAt");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ASSETS = "observatoire/intake/";

  /** Served files: name → content type. */
  static final Map<String, String> ASSET_TYPES = Map.of(
      "jsoneditor.js", "text/javascript; charset=utf-8",
      "volunteer.js", "text/javascript; charset=utf-8",
      "volunteer.css", "text/css; charset=utf-8");

  private final Map<String, byte[]> formSchemas = new LinkedHashMap<>();
  private final Map<String, Integer> versions = new LinkedHashMap<>();
  private final Map<String, ProtocolPackage> packages = new LinkedHashMap<>();
  private final Map<String, byte[]> assets = new LinkedHashMap<>();
  private final String template;

  private VolunteerPages(ProtocolPackages all) {
    for (ProtocolPackage p : all.all()) {
      int newest = p.schemas().keySet().stream().max(Integer::compare).orElseThrow();
      versions.put(p.id(), newest);
      packages.put(p.id(), p);
      formSchemas.put(p.id(), bytes(formSchema(read(p.schemas().get(newest).bytes()))));
    }
    for (String name : ASSET_TYPES.keySet()) {
      assets.put(name, resource(name));
    }
    template = new String(resource("volunteer.html"), StandardCharsets.UTF_8);
  }

  public static VolunteerPages of(ProtocolPackages packages) {
    return new VolunteerPages(packages);
  }

  public boolean has(String protocol) {
    return packages.containsKey(protocol);
  }

  public Iterable<String> protocols() {
    return packages.keySet();
  }

  public Optional<byte[]> asset(String name) {
    return Optional.ofNullable(assets.get(name));
  }

  public byte[] formSchema(String protocol) {
    return formSchemas.get(protocol);
  }

  /** The page of {@code protocol} in {@code lang} ("fr" or "en"), posting with {@code pageKey}. */
  public byte[] page(String protocol, String lang, String pageKey) {
    ProtocolPackage p = packages.get(protocol);
    String l = "en".equals(lang) ? "en" : "fr";
    String title = l.equals("en") ? p.title().en() : p.title().fr();
    ObjectNode config = JSON.createObjectNode();
    config.put("protocol", protocol);
    config.put("protocolVersion", versions.get(protocol));
    config.put("lang", l);
    config.put("key", pageKey);
    config.put("title", title);
    config.put("formSchema", "/p/" + protocol + "/form-schema.json");
    // the JSON goes inside a <script> element: "</" would end it early
    String configJson = config.toString().replace("</", "<\\/");
    String html = template.replace("{{lang}}", l).replace("{{title}}", escapeHtml(title))
        .replace("{{config}}", configJson);
    return html.getBytes(StandardCharsets.UTF_8);
  }

  /** An index of the pages. */
  public byte[] index() {
    StringBuilder b = new StringBuilder("<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\">"
        + "<title>Observatoire</title><link rel=\"stylesheet\" href=\"/assets/volunteer.css\"></head><body><main>"
        + "<h1>Observatoire</h1><ul>");
    for (ProtocolPackage p : packages.values()) {
      b.append("<li><a href=\"/p/").append(p.id()).append("/\">").append(escapeHtml(p.title().fr()))
          .append("</a> (<a href=\"/p/").append(p.id()).append("/?lang=en\">").append(escapeHtml(p.title().en()))
          .append("</a>)</li>");
    }
    return b.append("</ul></main></body></html>").toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The schema the form is built from (see the class comment). */
  static ObjectNode formSchema(JsonNode schema) {
    ObjectNode copy = schema.deepCopy();
    JsonNode defs = copy.path("$defs");
    ObjectNode inlined = (ObjectNode) inline(copy, defs, 0);
    inlined.remove("$defs");
    inlined.remove("$schema");
    inlined.remove("$id");
    if (inlined.get("properties") instanceof ObjectNode props) {
      ENVELOPE.forEach(props::remove);
    }
    if (inlined.get("required") instanceof ArrayNode required) {
      for (Iterator<JsonNode> it = required.elements(); it.hasNext();) {
        if (ENVELOPE.contains(it.next().asText())) {
          it.remove();
        }
      }
    }
    return inlined;
  }

  private static JsonNode inline(JsonNode node, JsonNode defs, int depth) {
    if (depth > 32) {
      throw new IllegalArgumentException("a schema's $defs refer to each other too deeply for a form");
    }
    if (node instanceof ObjectNode o) {
      JsonNode ref = o.get("$ref");
      ObjectNode out = JSON.createObjectNode();
      if (ref != null && ref.isTextual() && ref.asText().startsWith("#/$defs/")) {
        JsonNode target = defs.path(ref.asText().substring("#/$defs/".length()));
        if (target.isObject()) {
          out.setAll((ObjectNode) inline(target, defs, depth + 1));
        }
      }
      o.fields().forEachRemaining(e -> {
        if (!e.getKey().equals("$ref") || out.isEmpty() && !e.getValue().asText().startsWith("#/$defs/")) {
          out.set(e.getKey(), inline(e.getValue(), defs, depth + 1));
        }
      });
      return out;
    }
    if (node instanceof ArrayNode a) {
      ArrayNode out = JSON.createArrayNode();
      a.forEach(x -> out.add(inline(x, defs, depth + 1)));
      return out;
    }
    return node;
  }

  private static JsonNode read(byte[] bytes) {
    try {
      return JSON.readTree(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] bytes(JsonNode n) {
    try {
      return JSON.writeValueAsBytes(n);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] resource(String name) {
    try (InputStream in = VolunteerPages.class.getClassLoader().getResourceAsStream(ASSETS + name)) {
      if (in == null) {
        throw new IllegalStateException(ASSETS + name + " is not on the classpath: the jar is incomplete");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String escapeHtml(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
