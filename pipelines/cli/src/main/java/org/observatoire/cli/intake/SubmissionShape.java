package org.observatoire.cli.intake;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;

/**
 * The basic shape the intake checks before queueing a body: well-formed JSON, an object, a non-blank string
 * {@code protocol}, an integer {@code protocolVersion}, and a {@code submissionId} that is a non-blank string or
 * absent (then one is assigned and written into the body). Read with Jackson's streaming parser, which goes over
 * every token (so malformed JSON anywhere in the object is refused) without building a tree: building one was a
 * sixth of the intake's CPU. Full validation is the streaming job's.
 */
final class SubmissionShape {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonFactory FACTORY = JSON.getFactory();

  /** The outcome: a body to queue under an id, or why it is refused. */
  sealed interface Result permits Queue, Refuse {}

  /** Queue {@code payload} (the body, or the body with its assigned id) under {@code id}; of {@code protocol}. */
  record Queue(String id, String protocol, byte[] payload) implements Result {}

  /** Refuse the body with a 400 and this message. */
  record Refuse(String message) implements Result {}

  private SubmissionShape() {}

  static Result check(byte[] body, Supplier<String> newId) {
    String protocol = null;
    boolean integralVersion = false;
    boolean hasId = false;
    String id = null;
    try (JsonParser p = FACTORY.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return new Refuse("a submission is a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        switch (name) {
          case "protocol" -> protocol = value == JsonToken.VALUE_STRING ? p.getText() : null;
          case "protocolVersion" -> integralVersion = value == JsonToken.VALUE_NUMBER_INT;
          case "submissionId" -> {
            hasId = value != JsonToken.VALUE_NULL;
            id = value == JsonToken.VALUE_STRING ? p.getText() : null;
          }
          default -> { }
        }
        p.skipChildren(); // a nested value: every token read, none kept
      }
    } catch (JsonProcessingException e) {
      return new Refuse("the body is not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (protocol == null || protocol.isBlank()) {
      return new Refuse("the submission needs a protocol (a string such as \"stoc-eps\")");
    }
    if (!integralVersion) {
      return new Refuse("the submission needs a protocolVersion (an integer such as 1)");
    }
    if (!hasId) {
      return withAssignedId(body, protocol, newId.get());
    }
    if (id == null || id.isBlank()) {
      return new Refuse("submissionId must be a non-empty string (or absent: the intake assigns one)");
    }
    return new Queue(id, protocol, body);
  }

  private static Result withAssignedId(byte[] body, String protocol, String id) {
    try {
      ObjectNode obj = (ObjectNode) JSON.readTree(body);
      obj.put("submissionId", id);
      return new Queue(id, protocol, JSON.writeValueAsBytes(obj));
    } catch (IOException e) {
      throw new UncheckedIOException("a body that parsed once did not parse again", e);
    }
  }
}
