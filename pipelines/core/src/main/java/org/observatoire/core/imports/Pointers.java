package org.observatoire.core.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;

/** Writing into a submission at a JSON Pointer (RFC 6901), making the objects on the way. */
final class Pointers {
  private Pointers() {}

  /** Writes a value at a pointer, making the objects on its way: texts, exact numbers, RFC 3339 date-times. */
  static void put(ObjectNode root, String pointer, Object v) {
    ObjectNode o = parent(root, pointer);
    String key = last(pointer);
    if (v instanceof BigDecimal n) {
      o.put(key, n);
    } else if (v instanceof Long n) {
      o.put(key, n);
    } else {
      o.put(key, Descriptions.text(v));
    }
  }

  static ArrayNode array(ObjectNode root, String pointer) {
    return parent(root, pointer).putArray(last(pointer));
  }

  static ObjectNode parent(ObjectNode root, String pointer) {
    String[] parts = pointer.substring(1).split("/");
    ObjectNode o = root;
    for (int i = 0; i < parts.length - 1; i++) {
      String k = unescape(parts[i]);
      JsonNode child = o.get(k);
      o = child instanceof ObjectNode c ? c : o.putObject(k);
    }
    return o;
  }

  private static String last(String pointer) {
    return unescape(pointer.substring(pointer.lastIndexOf('/') + 1));
  }

  private static String unescape(String token) {
    return token.replace("~1", "/").replace("~0", "~");
  }
}
