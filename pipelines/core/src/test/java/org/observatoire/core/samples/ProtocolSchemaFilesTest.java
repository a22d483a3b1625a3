package org.observatoire.core.samples;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaId;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each protocol schema is a valid, self-describing draft 2020-12 schema that an app developer can read. */
class ProtocolSchemaFilesTest {
  static List<String> protocols() {
    return ProtocolSchemas.PROTOCOLS;
  }

  @ParameterizedTest
  @MethodSource("protocols")
  void isValidAgainstTheDraft202012MetaSchema(String protocol) {
    JsonSchema meta = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
        .getSchema(SchemaLocation.of(SchemaId.V202012));
    assertThat(meta.validate(ProtocolSchemas.schemaNode(protocol)), is(empty()));
  }

  @ParameterizedTest
  @MethodSource("protocols")
  void declaresDialectIdTitleAndConstants(String protocol) {
    JsonNode s = ProtocolSchemas.schemaNode(protocol);
    assertThat(s.path("$schema").asText(), equalTo("https://json-schema.org/draft/2020-12/schema"));
    assertThat(s.path("$id").asText(), equalTo("https://schemas.observatoire.org/protocols/" + protocol + "/v1.schema.json"));
    assertThat(s.path("title").asText(), not(equalTo("")));
    assertThat(s.path("properties").path("protocol").path("const").asText(), equalTo(protocol));
    assertThat(s.path("properties").path("protocolVersion").path("const").asInt(), equalTo(1));
  }

  @ParameterizedTest
  @MethodSource("protocols")
  void everyPropertyIsDescribedAndEveryObjectIsClosed(String protocol) {
    List<String> problems = new ArrayList<>();
    walk(ProtocolSchemas.schemaNode(protocol), "#", problems);
    assertThat(problems, is(empty()));
  }

  @ParameterizedTest
  @MethodSource("protocols")
  void referencesOnlyItsOwnDefinitions(String protocol) {
    List<String> refs = new ArrayList<>();
    collectRefs(ProtocolSchemas.schemaNode(protocol), refs);
    JsonNode defs = ProtocolSchemas.schemaNode(protocol).path("$defs");
    for (String ref : refs) {
      assertThat("self-contained $ref " + ref, ref.startsWith("#/$defs/") && defs.has(ref.substring(8)), is(true));
    }
  }

  private static void walk(JsonNode node, String path, List<String> problems) {
    if (node.isObject()) {
      if ("object".equals(node.path("type").asText()) && !node.path("additionalProperties").isBoolean()) {
        problems.add(path + ": object without additionalProperties: false");
      }
      if ("object".equals(node.path("type").asText()) && node.path("additionalProperties").asBoolean(true)) {
        problems.add(path + ": additionalProperties must be false");
      }
      JsonNode props = node.path("properties");
      for (Map.Entry<String, JsonNode> e : iterable(props)) {
        if (e.getValue().path("description").asText().isBlank()) {
          problems.add(path + "/properties/" + e.getKey() + ": no description");
        }
      }
      for (Map.Entry<String, JsonNode> e : iterable(node)) {
        walk(e.getValue(), path + "/" + e.getKey(), problems);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), path + "/" + i, problems);
      }
    }
  }

  private static void collectRefs(JsonNode node, List<String> refs) {
    if (node.has("$ref")) {
      refs.add(node.get("$ref").asText());
    }
    node.forEach(child -> collectRefs(child, refs));
  }

  private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
    return node::fields;
  }
}
