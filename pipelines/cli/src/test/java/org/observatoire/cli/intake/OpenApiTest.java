package org.observatoire.cli.intake;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.observatoire.core.protocol.ProtocolPackage;
import org.observatoire.core.protocol.ProtocolPackages;

/** The intake's OpenAPI document, checked against the OpenAPI Initiative's own schema for 3.1 documents. */
class OpenApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

  private static JsonSchema oas31() throws Exception {
    try (InputStream in = OpenApiTest.class.getResourceAsStream("/openapi/oas-3.1-schema-2022-10-07.json")) {
      return FACTORY.getSchema(JSON.readTree(in));
    }
  }

  @Test
  void theDocumentIsAValidOpenApi31Document() throws Exception {
    ObjectNode doc = OpenApi.describe(ProtocolPackages.bundled(), 1 << 20);
    Set<ValidationMessage> errors = oas31().validate(doc);
    assertThat(errors.toString(), errors, is(empty()));
    assertThat(doc.get("openapi").asText(), equalTo("3.1.0"));
  }

  @Test
  void theValidatorSeesABrokenDocument() throws Exception {
    ObjectNode doc = OpenApi.describe(ProtocolPackages.bundled(), 1 << 20);
    doc.remove("info");
    ((ObjectNode) doc.get("paths")).putObject("no-leading-slash");
    assertThat(oas31().validate(doc), not(empty()));
  }

  /** Every package's schema is a component, offered by POST /submissions, and takes the package's valid examples. */
  @Test
  void everyProtocolSchemaIsAComponentThatTakesItsValidExamples() throws Exception {
    ProtocolPackages packages = ProtocolPackages.bundled();
    ObjectNode doc = OpenApi.describe(packages, 1 << 20);
    JsonNode oneOf = doc.at("/paths/~1submissions/post/requestBody/content/application~1json/schema/oneOf");
    int schemas = 0;
    for (ProtocolPackage p : packages.all()) {
      for (int version : p.schemas().keySet()) {
        schemas++;
        String name = OpenApi.componentName(p.id(), version);
        JsonNode component = doc.at("/components/schemas/" + name);
        assertThat(name, component.isObject(), is(true));
        assertThat(oneOf.toString().contains("\"#/components/schemas/" + name + "\""), is(true));
        JsonSchema schema = FACTORY.getSchema(component);
        List<String> lines = Files.readAllLines(p.folder().resolve("examples/valid.jsonl"), StandardCharsets.UTF_8);
        for (String line : lines) {
          JsonNode example = JSON.readTree(line);
          if (example.path("protocolVersion").asInt() == version) {
            assertThat(p.id() + " " + line, schema.validate(example), is(empty()));
          }
        }
      }
    }
    assertThat(oneOf.size(), equalTo(schemas));
    assertThat(packages.all(), not(hasSize(0)));
  }
}
