package org.observatoire.core.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * The names and e-mail addresses of a run's observers, read from its input files before any pseudonymisation, so
 * that the release verifier can prove none of them reached a public file. Read from every line: the {@code observer}
 * object's name-like fields (name, first and last names, nom, prénom, pseudo) and every e-mail-like field anywhere;
 * from a line that is not valid JSON (where a name can still leak through an error message), the same fields found
 * by a lenient pattern. The terms are personal data: keep them in memory, never write them out.
 */
public final class ObserverIdentities {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern NAME_KEY = Pattern.compile(
      "(?i)(name|nom|prenom|prénom|first_?name|last_?name|given_?name|family_?name|pseudo|nickname|display_?name)");
  private static final Pattern MAIL_KEY = Pattern.compile("(?i)(e-?mail|mail|courriel)");
  private static final Pattern OBSERVER_KEY = Pattern.compile("(?i)(observers?|observateurs?|recorded_?by|user|author)");
  /** In a broken line: an observer object's name or e-mail field, its value quoted or not. */
  private static final Pattern LENIENT = Pattern.compile(
      "\"(?:observers?|observateurs?)\"\\s*:\\s*\\[?\\s*\\{([^}]{0,2000})");
  private static final Pattern LENIENT_FIELD = Pattern.compile(
      "\"([A-Za-z_-]{2,20})\"\\s*:\\s*\"?([^\",}\\]\\n]{2,120})");
  private static final Pattern ANY_EMAIL = Pattern.compile("[\\w.+-]{1,64}@[\\w-]{1,63}(?:\\.[\\w-]{1,63})+");

  private ObserverIdentities() {}

  /** The distinct terms of every JSON-lines file (plain or .gz) in {@code files}. */
  public static Set<String> read(List<Path> files) {
    Set<String> terms = new TreeSet<>();
    for (Path f : files) {
      try (InputStream raw = Files.newInputStream(f);
          InputStream in = f.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
          BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
              .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          addLine(line, terms);
        }
      } catch (java.io.EOFException truncated) {
        // a truncated .gz file: the lines read so far count
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + f + " for the observers' identities", e);
      }
    }
    return terms;
  }

  /** Adds the terms of one input line. */
  public static void addLine(String line, Set<String> terms) {
    JsonNode doc;
    try {
      doc = MAPPER.readTree(line);
    } catch (IOException e) {
      doc = null;
    }
    if (doc != null && doc.isContainerNode()) {
      walk(doc, false, terms);
    } else {
      Matcher m = LENIENT.matcher(line);
      while (m.find()) {
        Matcher f = LENIENT_FIELD.matcher(m.group(1));
        while (f.find()) {
          if (NAME_KEY.matcher(f.group(1)).matches() || MAIL_KEY.matcher(f.group(1)).matches()) {
            add(f.group(2), terms);
          }
        }
      }
    }
    Matcher mail = ANY_EMAIL.matcher(line);
    while (mail.find()) {
      add(mail.group(), terms);
    }
  }

  private static void walk(JsonNode node, boolean inObserver, Set<String> terms) {
    if (node.isArray()) {
      node.forEach(n -> walk(n, inObserver, terms));
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      String key = e.getKey();
      if (v.isTextual() && (MAIL_KEY.matcher(key).matches() || inObserver && NAME_KEY.matcher(key).matches())) {
        add(v.asText(), terms);
      } else if (v.isContainerNode()) {
        walk(v, inObserver || OBSERVER_KEY.matcher(key).matches(), terms);
      }
    }
  }

  private static void add(String value, Set<String> terms) {
    String t = value.strip().toLowerCase(Locale.ROOT);
    if (t.codePointCount(0, t.length()) >= 4) {
      terms.add(t);
    }
  }
}
