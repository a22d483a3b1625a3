package org.observatoire.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.observatoire.core.validation.Violation;

/** A protocol's JSON Schema at one version, compiled once, with the identity the run manifest records. */
public final class ProtocolSchema {
  private final String protocol;
  private final int version;
  private final String schemaId;
  private final String resource;
  private final String sha256;
  private final JsonSchema compiled;

  ProtocolSchema(String protocol, int version, String schemaId, String resource, String sha256, JsonSchema compiled) {
    this.protocol = Objects.requireNonNull(protocol, "protocol");
    this.version = version;
    this.schemaId = Objects.requireNonNull(schemaId, "schemaId");
    this.resource = Objects.requireNonNull(resource, "resource");
    this.sha256 = Objects.requireNonNull(sha256, "sha256");
    this.compiled = Objects.requireNonNull(compiled, "compiled");
  }

  public String protocol() {
    return protocol;
  }

  public int version() {
    return version;
  }

  /** The schema's {@code $id}. */
  public String schemaId() {
    return schemaId;
  }

  /** The path of the schema relative to the repository's {@code schemas/} folder. */
  public String resource() {
    return resource;
  }

  /** SHA-256 of the schema file's bytes, hex. */
  public String sha256() {
    return sha256;
  }

  /**
   * Validates a parsed submission against this schema. Each failed keyword becomes a {@code SCHEMA_<KEYWORD>}
   * violation whose pointer names the offending field (for {@code required}, the missing one), sorted by pointer.
   */
  public List<Violation> validate(JsonNode submission) {
    Set<ValidationMessage> messages = compiled.validate(submission);
    if (messages.isEmpty()) {
      return List.of();
    }
    List<Violation> violations = new ArrayList<>(messages.size());
    for (ValidationMessage m : messages) {
      String pointer = m.getInstanceLocation().toString();
      if ("$".equals(pointer)) {
        pointer = "";
      }
      String message = SchemaMessages.withoutValues(m.getMessage(), m.getInstanceNode(), m.getProperty());
      if (m.getProperty() != null && "required".equals(m.getType())) {
        pointer = pointer + "/" + m.getProperty();
      } else if (m.getProperty() != null && "additionalProperties".equals(m.getType())) {
        // the property's name is the submitter's text (it may be a name): published as its position only
        message = "a property not defined in the schema (" + m.getProperty().length() + " characters); the schema"
            + " allows no additional properties here";
      }
      violations.add(Violation.of("SCHEMA_" + m.getType().toUpperCase(Locale.ROOT), pointer, message));
    }
    violations.sort(Comparator.comparing(Violation::pointer).thenComparing(Violation::code));
    return List.copyOf(violations);
  }

  @Override
  public String toString() {
    return protocol + " v" + version + " (" + schemaId + ")";
  }
}
