package org.observatoire.cli.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.observatoire.core.protocol.ProtocolPackage;
import org.observatoire.core.protocol.ProtocolPackages;

/**
 * The intake's OpenAPI 3.1 description, made from the protocol packages: each package's JSON Schemas (one per
 * version) become {@code components.schemas}, and {@code POST /submissions} takes any one of them. OpenAPI 3.1
 * schemas are JSON Schema 2020-12, the packages' own dialect, so the schemas go in as they are.
 */
public final class OpenApi {
  private static final ObjectMapper JSON = new ObjectMapper();

  private OpenApi() {}

  /** The document, for an intake that takes bodies of at most {@code maxBodyBytes}. */
  public static ObjectNode describe(ProtocolPackages packages, int maxBodyBytes) {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("openapi", "3.1.0");
    ObjectNode info = doc.putObject("info");
    info.put("title", "Observatoire intake");
    info.put("version", "1");
    info.put("description", "Volunteers' apps post submissions of the protocols below (one JSON object each, at most "
        + maxBodyBytes + " bytes); the streaming job checks them and the verdict is answered to the key that sent"
        + " the submission. Every call but /health, /ready and /openapi.json needs an API key (X-Api-Key header, or"
        + " Authorization: Bearer), scoped to protocols.");
    info.putObject("license").put("name", "Apache-2.0").put("identifier", "Apache-2.0");
    doc.putArray("security").addObject().putArray("apiKey");
    ObjectNode components = doc.putObject("components");
    ObjectNode schemas = components.putObject("schemas");
    ArrayNode anyProtocol = JSON.createArrayNode();
    for (ProtocolPackage p : packages.all()) {
      for (Map.Entry<Integer, ProtocolPackage.SchemaFile> s : p.schemas().entrySet()) {
        String name = componentName(p.id(), s.getKey());
        schemas.set(name, schema(s.getValue()));
        anyProtocol.addObject().put("$ref", "#/components/schemas/" + name);
      }
    }
    schemas.set("Verdict", verdictSchema());
    schemas.set("Error", JSON.createObjectNode().put("type", "object")
        .set("properties", JSON.createObjectNode().set("error", JSON.createObjectNode().put("type", "string"))));
    components.putObject("securitySchemes").putObject("apiKey").put("type", "apiKey").put("in", "header")
        .put("name", "X-Api-Key").put("description", "A client application's key (observatoire intake keys add).");

    ObjectNode paths = doc.putObject("paths");
    ObjectNode post = paths.putObject("/submissions").putObject("post");
    post.put("operationId", "submit");
    post.put("summary", "Queue a submission for checking");
    ObjectNode body = post.putObject("requestBody");
    body.put("required", true);
    ObjectNode content = body.putObject("content");
    content.putObject("application/json").putObject("schema").set("oneOf", anyProtocol);
    ObjectNode responses = post.putObject("responses");
    responses.set("202", response("queued; the verdict will be at the Location given",
        JSON.createObjectNode().put("type", "object")));
    errors(responses, "400", "not a JSON object with protocol, protocolVersion and a valid submissionId");
    commonErrors(responses);
    errors(responses, "403", "the key's scope does not include this protocol");
    errors(responses, "409", "this submissionId was sent by another client");
    errors(responses, "413", "the body is larger than " + maxBodyBytes + " bytes");
    errors(responses, "415", "the Content-Type is not application/json");
    errors(responses, "503", "the submission could not be queued; try again");

    ObjectNode get = paths.putObject("/submissions/{submissionId}").putObject("get");
    get.put("operationId", "verdict");
    get.put("summary", "The verdict of a submission this key sent");
    get.putArray("parameters").addObject().put("name", "submissionId").put("in", "path").put("required", true)
        .putObject("schema").put("type", "string");
    ObjectNode gr = get.putObject("responses");
    gr.set("200", response("the verdict", JSON.createObjectNode().put("$ref", "#/components/schemas/Verdict")));
    errors(gr, "404", "no verdict yet, or no submission of this id sent with this key");
    commonErrors(gr);

    for (String probe : new String[] {"/health", "/ready"}) {
      ObjectNode op = paths.putObject(probe).putObject("get");
      op.put("operationId", probe.substring(1));
      op.putArray("security");
      ObjectNode r = op.putObject("responses");
      r.set("200", response(probe.equals("/health") ? "the intake is running" : "the intake can queue and answer",
          JSON.createObjectNode().put("type", "object")));
      if (probe.equals("/ready")) {
        errors(r, "503", "not ready yet (the broker or the verdicts are not reachable)");
      }
    }
    return doc;
  }

  /** {@code stoc-eps} version 1: {@code stoc-eps.v1} (component names allow letters, digits, '.', '_', '-'). */
  static String componentName(String protocol, int version) {
    return protocol + ".v" + version;
  }

  private static JsonNode schema(ProtocolPackage.SchemaFile file) {
    try {
      return JSON.readTree(file.bytes());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the schema " + file.path(), e);
    }
  }

  private static void commonErrors(ObjectNode responses) {
    errors(responses, "401", "no API key, or an unknown or revoked one");
    errors(responses, "429", "too many requests for this key or address; see Retry-After");
  }

  private static void errors(ObjectNode responses, String status, String description) {
    responses.set(status, response(description, JSON.createObjectNode().put("$ref", "#/components/schemas/Error")));
  }

  private static ObjectNode response(String description, JsonNode schema) {
    ObjectNode r = JSON.createObjectNode().put("description", description);
    r.putObject("content").putObject("application/json").set("schema", schema);
    return r;
  }

  private static ObjectNode verdictSchema() {
    ObjectNode v = JSON.createObjectNode().put("type", "object");
    v.putArray("required").add("submissionId").add("status").add("reasons");
    ObjectNode props = v.putObject("properties");
    props.putObject("submissionId").put("type", "string");
    props.putObject("status").putArray("enum").add("accepted").add("accepted_with_flags").add("rejected");
    props.putObject("protocol").putArray("type").add("string").add("null");
    props.putObject("occurrences").put("type", "integer");
    ObjectNode reason = props.putObject("reasons").put("type", "array").putObject("items").put("type", "object");
    ObjectNode rp = reason.putObject("properties");
    rp.putObject("code").put("type", "string");
    rp.putObject("pointer").put("type", "string").put("description", "JSON Pointer to the field concerned");
    rp.putObject("detail").put("type", "string");
    ObjectNode message = rp.putObject("message").put("type", "object");
    message.putObject("properties").set("fr", JSON.createObjectNode().put("type", "string"));
    ((ObjectNode) message.get("properties")).set("en", JSON.createObjectNode().put("type", "string"));
    return v;
  }
}
