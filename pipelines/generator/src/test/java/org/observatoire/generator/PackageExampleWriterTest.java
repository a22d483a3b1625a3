package org.observatoire.generator;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.observatoire.core.ingest.Outcome;
import org.observatoire.core.ingest.RawLine;
import org.observatoire.core.ingest.SourceRef;
import org.observatoire.core.ingest.SubmissionProcessor;
import org.observatoire.core.protocol.ProtocolPackages;

/** Packages without a generator.json get their test data from their own examples and checklist, no code. */
class PackageExampleWriterTest {
  private static final LocalDate REFERENCE = LocalDate.of(2026, 11, 20);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  static List<String> fromExamples() {
    List<String> ids = SubmissionGenerator.protocols().stream()
        .filter(id -> !List.of("stoc-eps", "spipoll", "vigie-chiro", "propage", "sauvages-de-ma-rue",
            "oiseaux-des-jardins").contains(id)).toList();
    assertThat("the generator lists every bundled package", new HashSet<>(SubmissionGenerator.protocols()),
        is(new HashSet<>(ProtocolPackages.bundled().ids())));
    assertThat(ids, not(empty()));
    return ids;
  }

  @ParameterizedTest
  @MethodSource("fromExamples")
  void cleanLinesAreCuratedAndVaryLikeNewVisits(String protocol) throws Exception {
    SubmissionGenerator g = SubmissionGenerator.create(3, 0.0, REFERENCE);
    SubmissionProcessor processor = processor();
    Set<String> ids = new HashSet<>();
    Set<String> places = new HashSet<>();
    Set<String> taxa = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      String line = g.next(protocol);
      Outcome o = processor.process(RawLine.of(SourceRef.of("gen", i + 1), line.getBytes(StandardCharsets.UTF_8)));
      assertThat(line + "\n" + o, o, instanceOf(Outcome.Accepted.class));
      JsonNode doc = MAPPER.readTree(line);
      assertThat(ids.add(doc.path("submissionId").asText()), is(true));
      places.add(doc.at("/site/latitude").asText());
      assertThat(LocalDate.parse(doc.at("/visit/date").asText()), lessThan(REFERENCE));
      ((Outcome.Accepted) o).occurrences().forEach(occ -> taxa.add(String.valueOf(occ.verbatimIdentification())));
    }
    assertThat("sites moved to many communes", places.size(), greaterThan(100));
    assertThat("taxa (or civic categories) vary", taxa.size(), greaterThanOrEqualTo(3));
  }

  @ParameterizedTest
  @MethodSource("fromExamples")
  void defectiveLinesComeFromTheInvalidExamplesAndAreRejectedWithTheirCodes(String protocol) throws Exception {
    SubmissionGenerator g = SubmissionGenerator.create(4, 1.0, REFERENCE);
    SubmissionProcessor processor = processor();
    int rejected = 0;
    for (int i = 0; i < 50; i++) {
      String line = g.next(protocol);
      Outcome o = processor.process(RawLine.of(SourceRef.of("gen", i + 1), line.getBytes(StandardCharsets.UTF_8)));
      if (o instanceof Outcome.Rejected r) {
        assertThat(r.codes(), not(empty()));
        rejected++;
      }
    }
    assertThat("invalid examples that only flag stay curated; the rest are rejected", rejected, greaterThan(0));
  }

  private static SubmissionProcessor processor() {
    return SubmissionProcessor.create(REFERENCE.atStartOfDay().toInstant(ZoneOffset.UTC),
        SubmissionProcessor.DEFAULT_MAX_LINE_BYTES);
  }

  @ParameterizedTest
  @MethodSource("fromExamples")
  void sameSeedSameLines(String protocol) {
    SubmissionGenerator a = SubmissionGenerator.create(9, 0.2, REFERENCE);
    SubmissionGenerator b = SubmissionGenerator.create(9, 0.2, REFERENCE);
    for (int i = 0; i < 50; i++) {
      assertThat(b.next(protocol), is(a.next(protocol)));
    }
  }
}
