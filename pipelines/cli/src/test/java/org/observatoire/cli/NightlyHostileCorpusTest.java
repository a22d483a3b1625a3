package org.observatoire.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatoire.core.samples.HostileCorpus;
import org.observatoire.core.samples.SampleData;

/**
 * One real {@code nightly} run over the hostile corpus mixed with the sample submissions, a file whose name holds a
 * tab and a truncated {@code .gz}: the run completes (exit 5, "completed with faulty inputs"), conservation holds,
 * every must-reject case is rejected with its codes and every must-curate case curated.
 */
class NightlyHostileCorpusTest {
  static final String HOSTILE = "hostile.jsonl";
  static final String TRUNCATED = "truncated.jsonl.gz";
  @TempDir static Path tmp;
  static Path out;
  static List<HostileCorpus.Case> cases;
  static JsonNode manifest;
  static int exitCode;

  @BeforeAll
  static void runNightlyOverTheCorpus() throws Exception {
    Path in = tmp.resolve("in");
    copyTree(SampleData.root().resolve("submissions"), in.resolve("submissions"));
    cases = HostileCorpus.load();
    try (OutputStream o = Files.newOutputStream(in.resolve(HOSTILE))) {
      for (HostileCorpus.Case c : cases) {
        o.write(c.fileLine());
        o.write('\n');
      }
    }
    String valid = Files.readAllLines(SampleData.root().resolve("submissions/propage/valid.jsonl")).get(0);
    Files.writeString(in.resolve("tab\tname.jsonl"), valid.replaceFirst("\"submissionId\":\"[^\"]+\"",
        "\"submissionId\":\"tabbed.file.0001\"") + "\n");
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
      for (int i = 0; i < 400; i++) {
        z.write((valid.replaceFirst("\"submissionId\":\"[^\"]+\"", "\"submissionId\":\"gz.truncated." + i + "\"")
            + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    Files.write(in.resolve(TRUNCATED), Arrays.copyOf(gz.toByteArray(), gz.size() * 2 / 3));
    out = tmp.resolve("out");
    exitCode = Observatoire.commandLine().execute("nightly", "--input", in.toString(), "--output", out.toString(),
        "--restricted-output", tmp.resolve("restricted").toString(), "--reference-time", "2026-11-23T00:00:00Z",
        "--sample-pseudonym-key", "--parallelism", "2");
    manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
  }

  @Test
  void theRunCompletesWithItsFaultyInputListedAndConservationHolds() {
    assertThat(exitCode, is(NightlyCommand.FAULTY_INPUTS));
    assertThat(manifest.at("/conservation/problems").toString(), manifest.at("/conservation/holds").asBoolean(),
        is(true));
    assertThat(manifest.path("faultyInputs").size(), is(1));
    JsonNode fault = manifest.path("faultyInputs").get(0);
    assertThat(fault.path("file").asText(), equalTo(TRUNCATED));
    assertThat(fault.path("kind").asText().startsWith("EOFException"), is(true));
    assertThat(fault.path("linesRead").asLong(), greaterThan(0L));
    JsonNode truncated = input(TRUNCATED);
    assertThat(truncated.at("/counts/curatedSubmissions").asLong(), equalTo(fault.path("linesRead").asLong()));
    assertThat(input("tab\tname.jsonl").at("/counts/curatedSubmissions").asLong(), equalTo(1L));
    assertThat(manifest.at("/totals/deadLettered").asLong(), equalTo(0L));
  }

  @Test
  void everyCaseGetsItsExpectedOutcome() throws Exception {
    Map<Long, List<String>> rejected = new HashMap<>();
    for (Map<String, Object> r : NightlyEndToEndTest.query("SELECT sourceLine, array_to_string(violationCodes, ',')"
        + " AS c FROM read_parquet('" + out + "/rejected/**/*.parquet') WHERE sourceFile = '" + HOSTILE + "'")) {
      rejected.put(((Number) r.get("sourceLine")).longValue(), List.of(((String) r.get("c")).split(",")));
    }
    List<String> mismatches = new ArrayList<>();
    long mustCurate = 0;
    for (int i = 0; i < cases.size(); i++) {
      HostileCorpus.Case c = cases.get(i);
      List<String> codes = rejected.get(i + 1L);
      if (c.expect() == HostileCorpus.Expect.CURATED) {
        mustCurate++;
        if (codes != null) {
          mismatches.add(c.name() + ": expected curated, rejected with " + codes);
        }
      } else if (codes == null) {
        mismatches.add(c.name() + ": expected rejected " + c.codes() + ", not rejected");
      } else if (!codes.containsAll(c.codes())) {
        mismatches.add(c.name() + ": expected codes " + c.codes() + ", got " + codes);
      }
    }
    assertThat(String.join("\n", mismatches), mismatches, empty());
    JsonNode counts = input(HOSTILE).path("counts");
    assertThat(counts.path("linesRead").asLong(), equalTo((long) cases.size()));
    assertThat(counts.path("curatedSubmissions").asLong(), equalTo(mustCurate));
    assertThat(counts.path("rejected").asLong(), equalTo(cases.size() - mustCurate));
  }

  private static JsonNode input(String name) {
    for (JsonNode f : manifest.path("inputs")) {
      if (f.path("file").asText().equals(name)) {
        return f;
      }
    }
    throw new AssertionError("no input " + name + " in the manifest");
  }

  private static void copyTree(Path from, Path to) throws Exception {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
