package org.observatoire.beam.transforms;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.observatoire.beam.avro.AvroRecordCoder;
import org.observatoire.beam.avro.AvroRecords;
import org.observatoire.beam.avro.AvroSchemas;
import org.observatoire.core.ingest.LineReader;
import org.observatoire.core.ingest.Outcome;
import org.observatoire.core.samples.SampleData;

/** The accepted submissions of the sample data, processed with the nightly's configuration (sample key). */
public final class AcceptedSamples {
  public static final ProcessingConfig CONFIG =
      ProcessingConfig.of(Instant.parse("2026-11-23T00:00:00Z"), 1 << 20, null, true, null);

  private AcceptedSamples() {}

  /** A pipeline on the DirectRunner. */
  public static Pipeline directPipeline() {
    PipelineOptions options = PipelineOptionsFactory.create();
    options.setRunner(DirectRunner.class);
    return Pipeline.create(options);
  }

  /** The submissions as the nightly job's curated records, created in {@code p}. */
  public static PCollection<GenericRecord> curated(Pipeline p, List<Outcome.Accepted> submissions) {
    List<GenericRecord> records = submissions.stream().map(AvroRecords::accepted).toList();
    return p.apply(Create.of(records).withCoder(AvroRecordCoder.of(AvroSchemas.ACCEPTED)));
  }

  /** Every accepted sample submission, file by file in name order. */
  public static List<Outcome.Accepted> all() throws IOException {
    List<Outcome.Accepted> all = new ArrayList<>();
    for (String file : SampleData.verdicts().stream().map(SampleData.Verdict::file).distinct().sorted().toList()) {
      try (InputStream in = Files.newInputStream(SampleData.root().resolve(file))) {
        LineReader.of(1 << 20).read(in, -1, file, 1, line -> {
          if (CONFIG.processor().process(line) instanceof Outcome.Accepted a) {
            all.add(a);
          }
        });
      }
    }
    return all;
  }
}
