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
 * The basic shape the intake checks before queueing a body: UTF-8, one well-formed JSON object without repeated
 * keys, a non-blank string {@code protocol}, an integer {@code protocolVersion}, and a {@code submissionId} that
 * follows the envelope's rule (8 to 64 letters, digits and {@code . _ : -}, starting with a letter or digit) or is
 * absent (then one is assigned and written into the body). What it queues is what the job can give a verdict under
 * that id, which the volunteer then reads back at {@code /submissions/<id>}. Read with Jackson's streaming parser, which goes over
 * every token (so malformed JSON anywhere in the object is refused) without building a tree: building one was a
 * sixth of the intake's CPU. Full validation is the streaming job's.
 */
public final class SubmissionShape {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonFactory FACTORY = JSON.getFactory().copy()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  /** The envelope's submissionId rule (protocols/SCHEMAS.md). */
  public static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{7,63}");

  /** The outcome: a body to queue under an id, or why it is refused. */
  sealed interface Result permits Queue, Refuse {}

  /** Queue {@code payload} (the body, or the body with its assigned id) under {@code id}; of {@code protocol}. */
  record Queue(String id, String protocol, byte[] payload) implements Result {}

  /** Refuse the body with a 400 and this message. */
  record Refuse(String message) implements Result {}

  private SubmissionShape() {}

  static Result check(byte[] body, Supplier<String> newId) {
    if (!isUtf8(body)) {
      return new Refuse("the body is not UTF-8 text");
    }
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
      if (p.nextToken() != null) {
        return new Refuse("a body is one JSON object (something follows it)");
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
    if (id == null || !ID.matcher(id).matches()) {
      return new Refuse("submissionId must be 8 to 64 letters, digits and . _ : - starting with a letter or digit"
          + " (or absent: the intake assigns one)");
    }
    return new Queue(id, protocol, body);
  }

  /** UTF-8 without NUL bytes (a JSON text never holds one: UTF-16 text is full of them and decodes as "UTF-8"). */
  private static boolean isUtf8(byte[] body) {
    for (byte b : body) {
      if (b == 0) {
        return false;
      }
    }
    try {
      java.nio.charset.StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
          .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(body));
      return true;
    } catch (java.nio.charset.CharacterCodingException e) {
      return false;
    }
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
