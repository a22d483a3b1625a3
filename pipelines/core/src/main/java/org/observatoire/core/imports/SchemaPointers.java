package org.observatoire.core.imports;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Whether a JSON Pointer of an import description names a place the package's JSON Schema allows, so that a
 * misspelt pointer is a problem of {@code protocol check} rather than a rejection of every imported submission.
 * The pointer's {@code -} steps into an array's {@code items}; local {@code $ref}s are followed. Where the schema
 * does not say (no {@code properties}, or combinators), the pointer is accepted.
 */
final class SchemaPointers {
  private SchemaPointers() {}

  /** The first step of {@code pointer} the schema does not allow, or null when it allows the whole pointer. */
  static String refused(JsonNode schema, String pointer) {
    JsonNode node = schema;
    for (String raw : pointer.substring(1).split("/")) {
      String step = raw.replace("~1", "/").replace("~0", "~");
      node = resolved(schema, node);
      JsonNode next = step.equals("-") ? node.get("items") : node.path("properties").get(step);
      if (next == null) {
        boolean closed = !step.equals("-") && node.has("properties") && node.path("additionalProperties").isBoolean()
            && !node.path("additionalProperties").asBoolean();
        return closed ? step : null;
      }
      node = next;
    }
    return null;
  }

  private static JsonNode resolved(JsonNode schema, JsonNode node) {
    JsonNode n = node;
    for (int hops = 0; hops < 16 && n.path("$ref").asText("").startsWith("#/"); hops++) {
      n = schema.at(n.get("$ref").asText().substring(1));
    }
    return n;
  }
}
