package org.observatoire.core.ids;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.observatoire.core.ingest.LineReader;
import org.observatoire.core.ingest.Outcome;
import org.observatoire.core.ingest.SubmissionProcessor;
import org.observatoire.core.occurrence.Occurrence;
import org.observatoire.core.samples.SampleData;

/**
 * Occurrence ids are content hashes that published datasets and the compaction of replayed streams rely on: the
 * same content must give the same id in every version. The pinned values were computed by the first implementation
 * (a provider lookup per digest, every string through Jackson's escaper).
 */
class HashingTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void canonicalFormAndIdsAreThoseOfEarlierVersions() throws IOException {
    JsonNode tricky = JSON.readTree("{\"taxon\":{\"scientificName\":\"Parus major\",\"taxrefId\":\"3764\"},\"count\":3,"
        + "\"remarks\":\"chant \\\"fort\\\" \\\\ près\\nde l'étang\",\"a\":[1,2.5,true,null,\"\\u0001é😀\"]}");
    String canonical = Hashing.canonical(tricky);
    assertThat(canonical, equalTo("{\"a\":[1,2.5,true,null,\"\\u0001é😀\"],\"count\":3,"
        + "\"remarks\":\"chant \\\"fort\\\" \\\\ près\\nde l'étang\","
        + "\"taxon\":{\"scientificName\":\"Parus major\",\"taxrefId\":\"3764\"}}"));
    assertThat(Hashing.id128("stoc-eps", "stoc-eps.2025.450123.v1", canonical, "1"),
        equalTo("d45cf4da2a8620713730a0cd0fd22131"));
    assertThat(Hashing.canonicalWithout(tricky, Set.of("taxon", "count")),
        equalTo("{\"a\":[1,2.5,true,null,\"\\u0001é😀\"],\"remarks\":\"chant \\\"fort\\\" \\\\ près\\nde l'étang\"}"));

    JsonNode nested = JSON.readTree("{\"z\":1,\"b\":{\"y\":\"tab\\there\",\"x\":\"plain\"}}");
    assertThat(Hashing.canonical(nested), equalTo("{\"b\":{\"x\":\"plain\",\"y\":\"tab\\there\"},\"z\":1}"));
    assertThat(Hashing.id128("stoc-eps", "stoc-eps.2025.450123.v1", Hashing.canonical(nested), "1"),
        equalTo("abc54e1cb96bae2a5fb0dd0b47fef685"));
  }

  /**
   * SHA-256 of every accepted sample row's occurrenceID, in order: any change to any id changes it. The invalid
   * sample files are left out: some of their lines are curated since protocol deviations became flags and missing
   * export fields explicit unknowns, and the hash is that of the same rows as before; so are the privacy
   * reproducers ({@code privacy/}), added later.
   */
  @Test
  void everySampleOccurrenceIdIsThatOfEarlierVersions() throws IOException {
    SubmissionProcessor processor = SubmissionProcessor.create(Instant.parse("2026-11-23T00:00:00Z"),
        SubmissionProcessor.DEFAULT_MAX_LINE_BYTES);
    List<String> ids = new ArrayList<>();
    for (String file : SampleData.verdicts().stream().map(SampleData.Verdict::file).distinct().sorted().toList()) {
      try (InputStream in = Files.newInputStream(SampleData.root().resolve(file))) {
        LineReader.of(SubmissionProcessor.DEFAULT_MAX_LINE_BYTES).read(in, -1, file, 1, line -> {
          if (processor.process(line) instanceof Outcome.Accepted a && !file.endsWith("invalid.jsonl")
              && !file.startsWith("privacy/")) {
            a.occurrences().stream().map(Occurrence::occurrenceID).forEach(ids::add);
          }
        });
      }
    }
    String all = String.join("\n", ids);
    assertThat(ids.size() + " ids", Hashing.sha256Hex(all.getBytes(StandardCharsets.UTF_8)), equalTo("69e8428c41625b1040c239bd215d4b16990724d007df78181bf9411cf04979d7"));
  }

  /** Strings with and without what JSON must escape come out as Jackson's escaper writes them. */
  @Test
  void quotingMatchesJacksonsEscaper() {
    Random random = new Random(42);
    String alphabet = "abcXYZ019 éèàçœ-_.:/'\"\\\t\n\r\u0000\u0001\u001f\u007f\u00a0\u2028€😀";
    int escaped = 0;
    for (int i = 0; i < 20_000; i++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(12);
      boolean plain = random.nextBoolean();
      for (int j = 0; j < length; j++) {
        int k = random.nextInt(plain ? 20 : alphabet.length());
        // keep surrogate pairs whole
        if (Character.isHighSurrogate(alphabet.charAt(k))) {
          text.append(alphabet, k, k + 2);
        } else if (Character.isLowSurrogate(alphabet.charAt(k))) {
          text.append(alphabet, k - 1, k + 1);
        } else {
          text.append(alphabet.charAt(k));
        }
      }
      StringBuilder ours = new StringBuilder();
      Hashing.appendQuoted(text.toString(), ours);
      StringBuilder jackson = new StringBuilder("\"");
      JsonStringEncoder.getInstance().quoteAsString(text.toString(), jackson);
      jackson.append('"');
      assertThat(HexFormat.of().formatHex(text.toString().getBytes(StandardCharsets.UTF_8)), ours.toString(),
          equalTo(jackson.toString()));
      if (!ours.toString().equals("\"" + text + "\"")) {
        escaped++;
      }
    }
    assertThat("both kinds of strings were tried", escaped > 1000 && escaped < 19_000, equalTo(true));
  }
}
