package org.observatoire.core.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.observatoire.core.validation.Violation;

/**
 * Checks on the text of a parsed submission that no JSON Schema keyword expresses cleanly:
 * <ul>
 *   <li>{@code CONTROL_CHARACTER}: an identifier, code, version or protocol (a field named {@code id},
 *   {@code code}, {@code protocol}, {@code version}, {@code protocolVersion}, {@code fileName}, or ending in
 *   {@code Id}, {@code ID} or {@code Code}) holds a control character (U+0000–U+001F, U+007F): ids are published,
 *   used as keys and written in line-based files, where {@code "abcdefgh\n"} is a different id that prints the same;
 *   <li>{@code INVALID_UNICODE}: any string or field name holds a lone surrogate ({@code "\ud800"} written as a JSON
 *   escape). It is no Unicode character, so it has no UTF-8 form: written out it became {@code ?}, and two observer
 *   names differing only there got the same pseudonym. The line is rejected rather than the escape hashed, so every
 *   published or hashed text is the text the volunteer's app meant.
 * </ul>
 * Messages name the position and the code point, never the text. Free text (names, remarks) may hold control
 * characters such as a newline.
 */
public final class SubmissionText {
  /** At most this many violations per submission: a line of a million bad ids gets a short verdict. */
  static final int MAX_VIOLATIONS = 20;

  private SubmissionText() {}

  /** The violations of {@code doc}, empty when its text is clean. */
  public static List<Violation> check(JsonNode doc) {
    List<Violation> out = new ArrayList<>(0);
    walk(doc, new Path(), false, out);
    return out;
  }

  private static void walk(JsonNode node, Path path, boolean identifier, List<Violation> out) {
    if (out.size() >= MAX_VIOLATIONS) {
      return;
    }
    if (node.isTextual()) {
      checkText(node.textValue(), path, identifier, out);
    } else if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        String name = f.getKey();
        path.push(name, 0);
        int surrogate = loneSurrogate(name);
        if (surrogate >= 0) {
          out.add(Violation.of("INVALID_UNICODE", path.pointer(), "a field name holds a lone surrogate (U+"
              + hex(name.charAt(surrogate)) + ") at character " + (surrogate + 1)));
        }
        walk(f.getValue(), path, isIdentifier(name), out);
        path.pop();
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        path.push(null, i);
        walk(node.get(i), path, identifier, out);
        path.pop();
      }
    }
  }

  /**
   * The JSON Pointer of the node being walked, kept as field names and array indices and written out only for a
   * violation: building every node's pointer text allocated a string per field of every submission.
   */
  private static final class Path {
    private String[] names = new String[16];
    private int[] indices = new int[16];
    private int depth;

    /** Enters a field ({@code name}) or, when {@code name} is null, the array element {@code index}. */
    void push(String name, int index) {
      if (depth == names.length) {
        names = java.util.Arrays.copyOf(names, depth * 2);
        indices = java.util.Arrays.copyOf(indices, depth * 2);
      }
      names[depth] = name;
      indices[depth] = index;
      depth++;
    }

    void pop() {
      names[--depth] = null;
    }

    String pointer() {
      StringBuilder p = new StringBuilder();
      for (int i = 0; i < depth; i++) {
        p.append('/');
        if (names[i] != null) {
          p.append(escapePointer(names[i]));
        } else {
          p.append(indices[i]);
        }
      }
      return p.toString();
    }
  }

  private static void checkText(String s, Path path, boolean identifier, List<Violation> out) {
    int surrogate = loneSurrogate(s);
    if (surrogate >= 0) {
      out.add(Violation.of("INVALID_UNICODE", path.pointer(), "the text holds a lone surrogate (U+"
          + hex(s.charAt(surrogate)) + ") at character " + (surrogate + 1) + ": not a Unicode character"));
    }
    if (identifier) {
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c < 0x20 || c == 0x7f) {
          out.add(Violation.of("CONTROL_CHARACTER", path.pointer(), "the identifier holds a control character (U+"
              + hex(c) + ") at character " + (i + 1)));
          return;
        }
      }
    }
  }

  /** Whether a field of this name holds an identifier, a code, a version or a protocol. */
  static boolean isIdentifier(String name) {
    return switch (name) {
      case "id", "code", "protocol", "version", "protocolVersion", "fileName" -> true;
      default -> name.endsWith("Id") || name.endsWith("ID") || name.endsWith("Code");
    };
  }

  /** The index of the first lone surrogate of {@code s}, or -1. */
  static int loneSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          return i;
        }
      } else if (Character.isLowSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  private static String hex(char c) {
    return String.format(java.util.Locale.ROOT, "%04X", (int) c);
  }

  private static String escapePointer(String name) {
    return name.indexOf('~') < 0 && name.indexOf('/') < 0 ? name : name.replace("~", "~0").replace("/", "~1");
  }
}
