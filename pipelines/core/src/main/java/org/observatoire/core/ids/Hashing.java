package org.observatoire.core.ids;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

/** Content-derived identifiers: SHA-256 over bytes or over a canonical form of JSON (object keys sorted). */
public final class Hashing {
  /** Cloned for each use: a provider lookup per call ({@code getInstance}) cost a quarter of {@link #id128}. */
  private static final MessageDigest SHA256 = newSha256();

  private Hashing() {}

  /** A fresh SHA-256 digest. */
  public static MessageDigest sha256() {
    try {
      return (MessageDigest) SHA256.clone();
    } catch (CloneNotSupportedException e) {
      return newSha256();
    }
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  /** Hex SHA-256 of bytes. */
  public static String sha256Hex(byte[] bytes) {
    return HexFormat.of().formatHex(sha256().digest(bytes));
  }

  /** The first 128 bits of SHA-256 over the parts (each prefixed by its length, so parts cannot run together). */
  public static String id128(String... parts) {
    MessageDigest d = sha256();
    for (String p : parts) {
      byte[] b = p.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      d.update((byte) (b.length >>> 24));
      d.update((byte) (b.length >>> 16));
      d.update((byte) (b.length >>> 8));
      d.update((byte) b.length);
      d.update(b);
    }
    return HexFormat.of().formatHex(d.digest(), 0, 16);
  }

  /** JSON text with object keys sorted at every level: two equal values give the same text. */
  public static String canonical(JsonNode node) {
    StringBuilder sb = new StringBuilder(256);
    appendCanonical(node, sb);
    return sb.toString();
  }

  /**
   * The canonical text of an object without some of its top-level fields, or null when nothing is left. Used for
   * Darwin Core {@code dynamicProperties}: the protocol's own fields of an observation.
   */
  public static String canonicalWithout(JsonNode object, java.util.Set<String> skipped) {
    List<String> names = new ArrayList<>(object.size());
    for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!skipped.contains(name)) {
        names.add(name);
      }
    }
    if (names.isEmpty()) {
      return null;
    }
    Collections.sort(names);
    StringBuilder sb = new StringBuilder(128).append('{');
    for (int i = 0; i < names.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      appendQuoted(names.get(i), sb);
      sb.append(':');
      appendCanonical(object.get(names.get(i)), sb);
    }
    return sb.append('}').toString();
  }

  private static void appendCanonical(JsonNode node, StringBuilder sb) {
    if (node.isObject()) {
      List<String> names = new ArrayList<>(node.size());
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        names.add(it.next());
      }
      Collections.sort(names);
      sb.append('{');
      for (int i = 0; i < names.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        appendQuoted(names.get(i), sb);
        sb.append(':');
        appendCanonical(node.get(names.get(i)), sb);
      }
      sb.append('}');
    } else if (node.isArray()) {
      sb.append('[');
      for (int i = 0; i < node.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        appendCanonical(node.get(i), sb);
      }
      sb.append(']');
    } else if (node.isTextual()) {
      appendQuoted(node.textValue(), sb);
    } else {
      sb.append(node.asText());
    }
  }

  /**
   * A JSON string literal, escaped as Jackson's {@link JsonStringEncoder} does: it escapes control characters, the
   * quote and the backslash only, so text without them is appended as it is (most names and values; the escaper
   * was a tenth of the flattening's time).
   */
  static void appendQuoted(String text, StringBuilder sb) {
    sb.append('"');
    if (needsEscaping(text)) {
      JsonStringEncoder.getInstance().quoteAsString(text, sb);
    } else {
      sb.append(text);
    }
    sb.append('"');
  }

  private static boolean needsEscaping(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == '"' || c == '\\') {
        return true;
      }
    }
    return false;
  }
}
