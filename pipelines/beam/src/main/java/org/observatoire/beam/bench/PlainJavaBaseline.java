package org.observatoire.beam.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.observatoire.beam.avro.AvroRecords;
import org.observatoire.beam.avro.AvroSchemas;
import org.observatoire.beam.jobs.InputFiles;
import org.observatoire.beam.transforms.ProcessingConfig;
import org.observatoire.core.ingest.LineReader;
import org.observatoire.core.ingest.Outcome;
import org.observatoire.core.ingest.RawLine;
import org.observatoire.core.ingest.SubmissionProcessor;
import org.observatoire.core.occurrence.Occurrence;

/**
 * Benchmark baseline: the nightly job's domain core in one plain-Java pass, no Beam. Each input file is streamed
 * through {@link LineReader} → {@link SubmissionProcessor} (the nightly's configuration) and its occurrence rows are
 * written with {@link AvroParquetWriter} (zstd) to {@code <output>/part-<n>.parquet}; single thread, memory
 * independent of the input size. No duplicate check, cubes, rejected dataset or manifest: it is the floor the
 * pipeline's plumbing is measured against.
 *
 * <p>{@code --input DIR --output DIR --reference-time RFC3339 --result FILE [--max-line-bytes N]}
 */
public final class PlainJavaBaseline {
  private long records;
  private long accepted;
  private long rejected;
  private long failed;
  private long occurrenceRows;

  private PlainJavaBaseline() {}

  public static void main(String[] args) throws IOException {
    BaselineArgs a = BaselineArgs.parse(args);
    Path input = Path.of(a.required("input")).toAbsolutePath().normalize();
    Path output = Path.of(a.required("output"));
    int maxLineBytes = Integer.parseInt(a.get("max-line-bytes", String.valueOf(SubmissionProcessor.DEFAULT_MAX_LINE_BYTES)));
    long start = System.nanoTime();
    SubmissionProcessor processor = ProcessingConfig.of(Instant.parse(a.required("reference-time")), maxLineBytes,
        null, true, null).processor();
    long setup = System.nanoTime() - start;
    Files.createDirectories(output);
    PlainJavaBaseline run = new PlainJavaBaseline();
    List<Path> files = InputFiles.find(input);
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no submission files under " + input);
    }
    for (int i = 0; i < files.size(); i++) {
      run.file(processor, maxLineBytes, files.get(i), InputFiles.name(input, files.get(i)),
          output.resolve(String.format("part-%05d.parquet", i)));
    }
    long total = System.nanoTime() - start;
    new BaselineResult()
        .put("records", run.records)
        .put("accepted", run.accepted)
        .put("rejected", run.rejected)
        .put("failed", run.failed)
        .put("occurrenceRows", run.occurrenceRows)
        .seconds("setupSeconds", setup)
        .seconds("workSeconds", total - setup)
        .write(Path.of(a.required("result")));
    System.out.printf("plainJava: %,d records, %,d occurrence rows in %.1f s%n", run.records, run.occurrenceRows,
        total / 1e9);
  }

  private void file(SubmissionProcessor processor, int maxLineBytes, Path file, String name, Path out)
      throws IOException {
    try (InputStream raw = Files.newInputStream(file);
        InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
        ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(org.observatoire.beam.parquet.ChannelOutputFile.create(out))
            .withSchema(AvroSchemas.OCCURRENCE)
            .withCompressionCodec(CompressionCodecName.ZSTD)
            .build()) {
      LineReader.of(maxLineBytes).read(in, -1, name, 1, line -> process(processor, line, writer));
    }
  }

  private void process(SubmissionProcessor processor, RawLine line, ParquetWriter<GenericRecord> writer) {
    records++;
    Outcome outcome;
    try {
      outcome = processor.process(line);
    } catch (RuntimeException e) {
      failed++; // the nightly job dead-letters these; counted, never silently dropped
      return;
    }
    if (outcome instanceof Outcome.Accepted ok) {
      accepted++;
      try {
        for (Occurrence o : ok.occurrences()) {
          writer.write(AvroRecords.occurrence(o));
          occurrenceRows++;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    } else {
      rejected++;
    }
  }
}
