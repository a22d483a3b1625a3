package org.observatoire.core.ingest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A JSON parser error as published: where (line, column, byte offset) and what kind of error, in a fixed phrase.
 * Never the parser's own message, which quotes the offending token ("Unrecognized token 'Quatrebarbe'") or field
 * name: the line may hold a volunteer's name or e-mail. The parser's message may go to restricted outputs only.
 */
public final class JsonErrors {
  /** Fixed phrases by the start of Jackson's message; the first match wins. */
  private static final List<Map.Entry<String, String>> KINDS = List.of(
      Map.entry("unrecognized token", "an unrecognised token (a bare word where a value is expected)"),
      Map.entry("unexpected end-of-input", "unexpected end of the line inside a value"),
      Map.entry("unexpected character", "an unexpected character"),
      Map.entry("duplicate field", "a field name repeated in one object"),
      Map.entry("illegal unquoted character", "a control character inside a string"),
      Map.entry("unrecognized character escape", "an invalid escape sequence in a string"),
      Map.entry("invalid utf-8", "invalid UTF-8 bytes"),
      Map.entry("illegal character", "an illegal character"),
      Map.entry("trailing token", "content after the end of the JSON value"),
      Map.entry("invalid numeric value", "an invalid number"),
      Map.entry("numeric value", "a number out of range"),
      Map.entry("number length", "a number too long"),
      Map.entry("string value length", "a string too long"),
      Map.entry("document nesting depth", "nesting too deep"),
      Map.entry("unexpected close marker", "a closing bracket that matches no opening one"),
      Map.entry("was expecting", "a missing separator or quote"));

  private JsonErrors() {}

  /** "not valid JSON at line L, column C (byte B): <kind>". */
  public static String describe(IOException e) {
    String kind = kind(e);
    JsonLocation at = e instanceof JsonProcessingException pe ? pe.getLocation() : null;
    if (at == null) {
      return "not valid JSON: " + kind;
    }
    StringBuilder where = new StringBuilder("not valid JSON at line ").append(at.getLineNr())
        .append(", column ").append(at.getColumnNr());
    long offset = at.getByteOffset() >= 0 ? at.getByteOffset() : at.getCharOffset();
    if (offset >= 0) {
      where.append(" (byte ").append(offset).append(')');
    }
    return where.append(": ").append(kind).toString();
  }

  static String kind(IOException e) {
    String original = e instanceof JsonProcessingException pe ? pe.getOriginalMessage() : e.getMessage();
    String m = original == null ? "" : original.toLowerCase(Locale.ROOT);
    for (Map.Entry<String, String> k : KINDS) {
      if (m.startsWith(k.getKey()) || m.contains(k.getKey())) {
        return k.getValue();
      }
    }
    return "a syntax error";
  }
}
