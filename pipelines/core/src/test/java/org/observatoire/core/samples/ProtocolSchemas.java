package org.observatoire.core.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/** Test helper: the protocol schemas from the classpath, compiled once, and the keywords a document fails. */
public final class ProtocolSchemas {
  public static final List<String> PROTOCOLS = List.of(
      "stoc-eps", "spipoll", "vigie-chiro", "propage", "sauvages-de-ma-rue", "oiseaux-des-jardins");
  public static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
  private static final Map<String, JsonSchema> CACHE = new ConcurrentHashMap<>();

  private ProtocolSchemas() {}

  public static String resource(String protocol) {
    return "observatoire/protocols/" + protocol + "/schema/v1.schema.json";
  }

  public static JsonNode schemaNode(String protocol) {
    try (InputStream in = ProtocolSchemas.class.getClassLoader().getResourceAsStream(resource(protocol))) {
      if (in == null) {
        throw new IllegalStateException("schema not on the classpath: " + resource(protocol));
      }
      return MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonSchema schema(String protocol) {
    return CACHE.computeIfAbsent(protocol, p -> FACTORY.getSchema(schemaNode(p)));
  }

  /** Upper-cased SCHEMA_ codes of every failed keyword (empty when the document is valid). */
  public static Set<String> failedCodes(String protocol, JsonNode document) {
    Set<String> codes = new TreeSet<>();
    for (ValidationMessage m : schema(protocol).validate(document)) {
      codes.add("SCHEMA_" + m.getType().toUpperCase(java.util.Locale.ROOT));
    }
    return codes;
  }
}
