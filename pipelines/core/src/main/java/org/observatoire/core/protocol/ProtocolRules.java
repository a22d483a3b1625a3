package org.observatoire.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.observatoire.core.validation.Violation;

/**
 * What a protocol requires beyond its JSON Schema: date windows, durations, cross-references between fields.
 * Rules only run on submissions that passed the schema, so they may rely on its types and required fields.
 */
@FunctionalInterface
public interface ProtocolRules {

  /** The violations of a schema-valid submission, in a stable order; empty when it follows the protocol. */
  List<Violation> check(JsonNode submission);
}
