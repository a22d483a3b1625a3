package org.observatoire.core.samples;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.in;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.observatoire.core.samples.SampleData.Verdict;

/**
 * The sample submissions agree with the schemas the way verdicts.tsv says: curated and duplicate lines pass their
 * protocol schema, lines expected to fail only on SCHEMA_ codes fail on exactly those keywords, lines expected to fail
 * a protocol rule are schema-valid (so the rule, not the schema, must catch them).
 */
class SampleDataSchemaTest {
  private static final Set<String> VERDICTS = Set.of("curated", "rejected", "duplicate");

  @Test
  void verdictsCoverEveryLineOfEverySampleFile() throws IOException {
    Path root = SampleData.root();
    Map<String, Integer> rowsPerFile = new HashMap<>();
    for (Verdict v : SampleData.verdicts()) {
      rowsPerFile.merge(v.file(), 1, Integer::sum);
      assertThat(v.file() + ":" + v.line(), v.verdict(), is(in(VERDICTS)));
    }
    List<String> files = new ArrayList<>();
    try (Stream<Path> s = Stream.of("submissions", "bad-input", "privacy").flatMap(d -> {
      try {
        return Files.walk(root.resolve(d));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    })) {
      s.filter(p -> p.toString().endsWith(".jsonl")).forEach(p -> files.add(root.relativize(p).toString().replace('\\', '/')));
    }
    assertThat(files.size(), equalTo(20));
    assertThat(rowsPerFile.keySet(), equalTo(new TreeSet<>(files)));
    for (String f : files) {
      assertThat(f, rowsPerFile.get(f), equalTo(SampleData.readLines(root.resolve(f)).size()));
    }
  }

  @Test
  void curatedAndDuplicateLinesPassTheirSchema() {
    for (Verdict v : SampleData.verdicts()) {
      if (!v.verdict().equals("rejected")) {
        JsonNode doc = parse(v);
        assertThat(v.file() + ":" + v.line(), ProtocolSchemas.failedCodes(doc.path("protocol").asText(), doc), is(empty()));
        assertThat(v.file() + ":" + v.line(), v.submissionId(), equalTo(doc.path("submissionId").asText()));
        int expected = v.verdict().equals("curated") ? doc.path("observations").size() : 0;
        assertThat(v.file() + ":" + v.line(), v.occurrences(), equalTo(expected));
      }
    }
  }

  @Test
  void schemaOnlyRejectionsFailOnTheExpectedKeywords() {
    int checked = 0;
    for (Verdict v : SampleData.verdicts()) {
      if (v.verdict().equals("rejected") && v.onlySchemaCodes()) {
        JsonNode doc = parse(v);
        Set<String> failed = ProtocolSchemas.failedCodes(doc.path("protocol").asText(), doc);
        assertThat(v.file() + ":" + v.line() + " fails " + failed, failed, hasItems(v.codes().toArray(new String[0])));
        checked++;
      }
    }
    assertThat(checked, equalTo(35));
  }

  @Test
  void ruleRejectionsInSubmissionFilesAreSchemaValid() {
    for (Verdict v : SampleData.verdicts()) {
      if (v.verdict().equals("rejected") && v.file().startsWith("submissions/") && !v.onlySchemaCodes()) {
        JsonNode doc = parse(v);
        assertThat(v.file() + ":" + v.line(), ProtocolSchemas.failedCodes(doc.path("protocol").asText(), doc), is(empty()));
      }
    }
  }

  @Test
  void everyProtocolRuleCodeOfTheReadmeIsCovered() {
    Set<String> codes = new TreeSet<>();
    SampleData.verdicts().forEach(v -> codes.addAll(v.codes()));
    assertThat(codes, hasItems("EMPTY_LINE", "INVALID_UTF8", "MALFORMED_JSON", "NOT_AN_OBJECT", "UNKNOWN_PROTOCOL",
        "UNKNOWN_PROTOCOL_VERSION", "INVALID_DATE", "SUBMITTED_IN_FUTURE", "DATE_IN_FUTURE", "END_BEFORE_START",
        "STOC_VISIT_WINDOW", "STOC_VISIT_SPACING", "STOC_POINT_DUPLICATE", "STOC_POINT_UNKNOWN", "STOC_COUNT_DURATION",
        "STOC_POINTS_TOO_CLOSE", "STOC_POINTS_NOT_SAME_MORNING", "SPIPOLL_DURATION", "CHIRO_RECORDING_OUTSIDE_SESSION",
        "CHIRO_TOO_MANY_POINTS", "PROPAGE_MONTH", "PROPAGE_DURATION", "SAUVAGES_SEGMENT_LENGTH", "JARDINS_DURATION",
        "JARDINS_TAXON_REPEATED"));
  }

  @Test
  void submissionIdsAreUniqueExceptTheDeliberateDuplicates() {
    Map<String, List<Verdict>> byId = new HashMap<>();
    for (Verdict v : SampleData.verdicts()) {
      if (!v.submissionId().isEmpty()) {
        byId.computeIfAbsent(v.submissionId(), k -> new ArrayList<>()).add(v);
      }
    }
    List<String> repeated = new ArrayList<>();
    byId.forEach((id, vs) -> {
      if (vs.size() > 1) {
        repeated.add(id);
        assertThat(id, vs.stream().filter(v -> v.verdict().equals("curated")).count(), equalTo(1L));
        assertThat(id, vs.stream().map(Verdict::verdict).toList(), everyItem(is(in(Set.of("curated", "duplicate")))));
      }
    });
    assertThat(new TreeSet<>(repeated), equalTo(new TreeSet<>(List.of("odj.edge.resent", "spipoll.edge.corrected", "propage.edge.correctedfirst"))));
    long duplicates = SampleData.verdicts().stream().filter(v -> v.verdict().equals("duplicate")).count();
    assertThat(duplicates, equalTo(3L));
    assertThat(byId.keySet(), not(empty()));
  }

  private static JsonNode parse(Verdict v) {
    String line = SampleData.readLines(SampleData.root().resolve(v.file())).get(v.line() - 1);
    try {
      return ProtocolSchemas.MAPPER.readTree(line);
    } catch (IOException e) {
      throw new AssertionError(v.file() + ":" + v.line() + " is not JSON", e);
    }
  }
}
