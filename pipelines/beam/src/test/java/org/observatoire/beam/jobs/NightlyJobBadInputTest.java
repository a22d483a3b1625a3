package org.observatoire.beam.jobs;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatoire.core.samples.SampleData;

/**
 * Bad input loses nothing: the sample bad-input file, a 10 MB line, a gzip file, CRLF line ends and a last line
 * without a newline all end curated or rejected with a reason, and the manifest proves it per file.
 */
class NightlyJobBadInputTest {
  @TempDir Path tmp;

  @Test
  void everyLineOfBadInputIsAccountedForWithAReason() throws Exception {
    Path in = Files.createDirectories(tmp.resolve("in"));
    Files.copy(SampleData.root().resolve("bad-input/bad-input.jsonl"), in.resolve("bad-input.jsonl"));
    List<String> valid = Files.readAllLines(SampleData.root().resolve("submissions/oiseaux-des-jardins/valid.jsonl"));
    // a 10 MB line between two valid submissions
    try (OutputStream out = Files.newOutputStream(in.resolve("huge.jsonl"))) {
      out.write((valid.get(0) + "\n").getBytes(StandardCharsets.UTF_8));
      byte[] big = ("{\"submissionId\":\"huge-line-0001\",\"remarks\":\"" + "x".repeat(10 * 1024 * 1024) + "\"}\n")
          .getBytes(StandardCharsets.UTF_8);
      out.write(big);
      out.write((valid.get(1) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(in.resolve("zipped.jsonl.gz")))) {
      out.write((valid.get(2) + "\n" + valid.get(3) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    Files.writeString(in.resolve("windows.jsonl"), valid.get(4) + "\r\n" + valid.get(5), StandardCharsets.UTF_8);

    NightlyJob.Options options = PipelineOptionsFactory.fromArgs(
        "--input=" + in, "--output=" + tmp.resolve("out"), "--referenceTime=2026-11-23T00:00:00Z",
        "--samplePseudonymKey=true").as(NightlyJob.Options.class);
    options.setRunner(DirectRunner.class);
    NightlyJob.Result result = NightlyJob.run(options);

    assertThat(result.manifest().conservationHolds(), is(true));
    Map<String, JsonNode> perFile = new HashMap<>();
    result.manifest().json().path("inputs").forEach(f -> perFile.put(f.path("file").asText(), f.path("counts")));
    assertThat(perFile.get("bad-input.jsonl").path("linesRead").asLong(), equalTo(21L));
    assertThat(perFile.get("bad-input.jsonl").path("rejected").asLong(), equalTo(21L));
    assertThat(perFile.get("huge.jsonl").path("linesRead").asLong(), equalTo(3L));
    assertThat(perFile.get("huge.jsonl").path("curatedSubmissions").asLong(), equalTo(2L));
    assertThat(perFile.get("huge.jsonl").path("rejected").asLong(), equalTo(1L));
    assertThat(perFile.get("zipped.jsonl.gz").path("curatedSubmissions").asLong(), equalTo(2L));
    assertThat(perFile.get("windows.jsonl").path("curatedSubmissions").asLong(), equalTo(2L));
    assertThat(result.manifest().json().at("/totals/deadLettered").asLong(), equalTo(0L));

    Path out = tmp.resolve("out");
    List<Map<String, Object>> huge = Parquet.query("SELECT sourceLine, byteLength, truncated, "
        + "list_contains(violationCodes, 'LINE_TOO_LONG') AS tooLong FROM " + Parquet.files(out.resolve("rejected"))
        + " WHERE sourceFile = 'huge.jsonl'");
    assertThat(huge.size(), is(1));
    assertThat(huge.get(0).get("sourceLine"), equalTo(2L));
    assertThat((Long) huge.get(0).get("byteLength") > 10 * 1024 * 1024, is(true));
    assertThat(huge.get(0).get("truncated"), equalTo(true));
    assertThat(huge.get(0).get("tooLong"), equalTo(true));

    // every bad-input line has a reason matching the hand-written expectations
    Map<Integer, List<String>> expected = new HashMap<>();
    SampleData.verdicts().stream().filter(v -> v.file().equals("bad-input/bad-input.jsonl"))
        .forEach(v -> expected.put(v.line(), v.codes()));
    List<Map<String, Object>> rejected = Parquet.query("SELECT sourceLine, array_to_string(violationCodes, ',') AS c FROM "
        + Parquet.files(out.resolve("rejected")) + " WHERE sourceFile = 'bad-input.jsonl' ORDER BY sourceLine");
    assertThat(rejected.size(), is(21));
    for (Map<String, Object> r : rejected) {
      int line = ((Long) r.get("sourceLine")).intValue();
      List<String> got = List.of(r.get("c").toString().split(","));
      for (String code : expected.get(line)) {
        assertThat("line " + line, got, hasItem(code));
      }
    }
  }
}
