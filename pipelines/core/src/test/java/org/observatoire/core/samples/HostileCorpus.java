package org.observatoire.core.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The hostile corpus, {@code sample-data/bad-input/hostile-cases.txt} (written by {@code make-corpus.py}; layout in
 * {@code sample-data/bad-input/README.md}): each case a line's bytes and its expected outcome. Shared by the core,
 * the nightly job's and the intake's tests (the core's test-jar).
 */
public final class HostileCorpus {
  public static final String FILE = "bad-input/hostile-cases.txt";

  /** What must become of a case's line. */
  public enum Expect {
    /** Rejected with at least the case's codes. */
    REJECTED,
    /** Accepted and curated. */
    CURATED
  }

  /** One case: its name ({@code category.protocol.what}), category, expectation, required codes and line bytes. */
  public record Case(String name, String category, Expect expect, List<String> codes, byte[] line) {
    /** The line as one line of a JSON-lines file: its bytes with any line break replaced (a case is one line). */
    public byte[] fileLine() {
      byte[] b = line.clone();
      for (int i = 0; i < b.length; i++) {
        if (b[i] == '\n' || b[i] == '\r') {
          b[i] = ' ';
        }
      }
      return b;
    }
  }

  private HostileCorpus() {}

  /** Every case, in file order. */
  public static List<Case> load() {
    Path file = SampleData.root().resolve(FILE);
    ObjectMapper json = new ObjectMapper();
    List<Case> cases = new ArrayList<>();
    try {
      for (String text : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        JsonNode c = json.readTree(text);
        byte[] line = c.has("lineBase64") ? Base64.getDecoder().decode(c.get("lineBase64").asText())
            : c.get("line").asText().getBytes(StandardCharsets.UTF_8);
        List<String> codes = new ArrayList<>();
        c.get("codes").forEach(code -> codes.add(code.asText()));
        cases.add(new Case(c.get("case").asText(), c.get("category").asText(),
            Expect.valueOf(c.get("expect").asText().toUpperCase(java.util.Locale.ROOT)), List.copyOf(codes), line));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the hostile corpus " + file, e);
    }
    return cases;
  }
}
