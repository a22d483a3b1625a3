package org.observatoire.beam.avro;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.observatoire.beam.transforms.ProcessingConfig;
import org.observatoire.core.ingest.Outcome;
import org.observatoire.core.ingest.RawLine;
import org.observatoire.core.ingest.SourceRef;
import org.observatoire.core.samples.SampleData;

/** Every accepted submission of sample-data/submissions, processed by the core as the jobs process it. */
public final class SampleAccepted {
  private static final ProcessingConfig CONFIG =
      ProcessingConfig.of(Instant.parse("2026-11-23T00:00:00Z"), 1 << 20, null, true, null);

  /** An accepted submission, where it came from ({@code file:line}) and the length of that line in bytes. */
  public record Submission(String at, Outcome.Accepted accepted, int lineBytes) {}

  /** An accepted submission's occurrence block as the jobs carry it, and its rows decoded by Avro's own reader. */
  record Block(String at, ByteBuffer bytes, List<GenericRecord> rows) {}

  private SampleAccepted() {}

  static List<Block> blocks() throws IOException {
    List<Block> out = new ArrayList<>();
    for (Submission s : all()) {
      GenericRecord accepted = AvroRecords.accepted(s.accepted());
      out.add(new Block(s.at(), (ByteBuffer) accepted.get("occurrences"), AvroRecords.occurrencesOf(accepted)));
    }
    return out;
  }

  public static List<Submission> all() throws IOException {
    List<Submission> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(SampleData.root().resolve("submissions"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
        int n = 0;
        for (String line : Files.readAllLines(f)) {
          byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
          Outcome o = CONFIG.processor().process(RawLine.of(SourceRef.of(f.getFileName().toString(), ++n), bytes));
          if (o instanceof Outcome.Accepted a) {
            out.add(new Submission(f + ":" + n, a, bytes.length));
          }
        }
      }
    }
    return out;
  }
}
