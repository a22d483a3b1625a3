package org.observatoire.beam.io;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatoire.core.ingest.RawLine;
import org.observatoire.core.ingest.SubmissionProcessor;
import org.observatoire.core.run.CountKey;
import org.observatoire.core.run.OutcomeKind;

/**
 * A plain file several chunks long, lines of seeded random lengths: every line is read once, whole, with its own
 * line number, whichever chunk it falls in; the chunks start at line starts and the counters add up.
 */
class ReadSubmissionLinesTest {
  /** line number → the number written in the line; filled by the DirectRunner, in this JVM. */
  private static final Map<Long, Long> SEEN = new ConcurrentHashMap<>();
  private static final AtomicLong DUPLICATES = new AtomicLong();
  private static final AtomicLong LINES_COUNTED = new AtomicLong();

  @TempDir
  Path tmp;

  @Test
  void everyLineOfAMultiChunkFileIsReadOnceWithItsNumber() throws Exception {
    Path file = tmp.resolve("big.jsonl");
    Random r = new Random(5);
    int lines = 0;
    StringBuilder sb = new StringBuilder();
    while (sb.length() < 3.5 * ReadSubmissionLines.CHUNK_BYTES) {
      lines++;
      sb.append("{\"n\":").append(lines).append(",\"pad\":\"").append("x".repeat(r.nextInt(3000))).append("\"}\n");
    }
    Files.writeString(file, sb, StandardCharsets.UTF_8);
    SEEN.clear();
    DUPLICATES.set(0);
    LINES_COUNTED.set(0);

    var options = PipelineOptionsFactory.create();
    options.setRunner(DirectRunner.class);
    Pipeline p = Pipeline.create(options);
    ReadSubmissionLines read = ReadSubmissionLines.of(
        List.of(ReadSubmissionLines.wholeFile(file.toString(), "big.jsonl")), SubmissionProcessor.DEFAULT_MAX_LINE_BYTES);
    PCollectionTuple out = p.apply(read);
    out.get(read.linesTag()).apply(ParDo.of(new RecordFn()));
    out.get(read.countsTag()).apply(ParDo.of(new CountFn()));
    assertThat(p.run().waitUntilFinish(), equalTo(PipelineResult.State.DONE));

    assertThat("lines read twice", DUPLICATES.get(), equalTo(0L));
    assertThat(SEEN.size(), equalTo(lines));
    for (Map.Entry<Long, Long> e : SEEN.entrySet()) {
      assertThat("line " + e.getKey(), e.getValue(), equalTo(e.getKey()));
    }
    assertThat(LINES_COUNTED.get(), equalTo((long) lines));
    assertThat("the file spans several chunks", (long) sb.length(), greaterThan(3 * ReadSubmissionLines.CHUNK_BYTES));
  }

  static final class RecordFn extends DoFn<RawLine, Void> {
    @ProcessElement
    public void process(@Element RawLine line) {
      String s = new String(line.bytes(), StandardCharsets.UTF_8);
      if (line.truncated() || !s.startsWith("{\"n\":") || !s.endsWith("\"}")) {
        throw new AssertionError("line " + line.source().line() + " not read whole: " + s.substring(0,
            Math.min(40, s.length())));
      }
      long n = Long.parseLong(s.substring(5, s.indexOf(',')));
      if (SEEN.put(line.source().line(), n) != null) {
        DUPLICATES.incrementAndGet();
      }
    }
  }

  static final class CountFn extends DoFn<KV<String, Long>, Void> {
    @ProcessElement
    public void process(@Element KV<String, Long> count) {
      if (CountKey.decode(count.getKey()).kind() == OutcomeKind.LINES_READ) {
        LINES_COUNTED.addAndGet(count.getValue());
      }
    }
  }
}
