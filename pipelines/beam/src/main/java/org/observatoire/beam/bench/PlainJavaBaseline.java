package org.observatoire.beam.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import java.util.zip.GZIPInputStream;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.observatoire.beam.avro.AvroRecords;
import org.observatoire.beam.avro.AvroSchemas;
import org.observatoire.beam.jobs.InputFiles;
import org.observatoire.beam.parquet.ChannelOutputFile;
import org.observatoire.beam.transforms.ProcessingConfig;
import org.observatoire.core.ingest.LineReader;
import org.observatoire.core.ingest.Outcome;
import org.observatoire.core.ingest.RawLine;
import org.observatoire.core.ingest.SubmissionProcessor;
import org.observatoire.core.occurrence.Occurrence;

/**
 * Benchmark baseline: the nightly job's domain core with a plain thread pool, no Beam. One thread reads the input
 * files through {@link LineReader} and hands batches of lines to {@code --threads} workers (default: every core);
 * each worker runs its own {@link SubmissionProcessor} (the nightly's configuration) and writes the occurrence rows
 * of the accepted submissions with {@link AvroParquetWriter} (zstd) to its own {@code part-<worker>.parquet}. Memory
 * does not grow with the input. No duplicate check, cubes, events, rejected dataset or manifest: it is the cost of
 * the core's work on all cores, the floor the pipeline's plumbing is measured against.
 *
 * <p>{@code --input DIR --output DIR --reference-time RFC3339 --result FILE [--max-line-bytes N] [--threads N]}
 */
public final class PlainJavaBaseline {
  private static final int BATCH = 256;
  private static final List<RawLine> END = List.of();

  private final LongAdder records = new LongAdder();
  private final LongAdder accepted = new LongAdder();
  private final LongAdder rejected = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder occurrenceRows = new LongAdder();

  private PlainJavaBaseline() {}

  public static void main(String[] args) throws Exception {
    BaselineArgs a = BaselineArgs.parse(args);
    Path input = Path.of(a.required("input")).toAbsolutePath().normalize();
    Path output = Path.of(a.required("output"));
    int maxLineBytes = Integer.parseInt(a.get("max-line-bytes", String.valueOf(SubmissionProcessor.DEFAULT_MAX_LINE_BYTES)));
    int threads = Integer.parseInt(a.get("threads", String.valueOf(Runtime.getRuntime().availableProcessors())));
    Instant referenceTime = Instant.parse(a.required("reference-time"));
    long start = System.nanoTime();
    List<Path> files = InputFiles.find(input);
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no submission files under " + input);
    }
    Files.createDirectories(output);
    PlainJavaBaseline run = new PlainJavaBaseline();
    BlockingQueue<List<RawLine>> queue = new ArrayBlockingQueue<>(threads * 4);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> workers = new ArrayList<>();
    for (int w = 0; w < threads; w++) {
      Path part = output.resolve(String.format("part-%05d.parquet", w));
      workers.add(pool.submit(() -> {
        run.work(ProcessingConfig.of(referenceTime, maxLineBytes, null, true, null).processor(), queue, part);
        return null;
      }));
    }
    try {
      for (Path f : files) {
        run.read(f, InputFiles.name(input, f), maxLineBytes, queue);
      }
    } finally {
      for (int w = 0; w < threads; w++) {
        queue.put(END);
      }
      pool.shutdown();
    }
    for (Future<?> w : workers) {
      w.get();
    }
    long total = System.nanoTime() - start;
    new BaselineResult()
        .put("threads", threads)
        .put("records", run.records.sum())
        .put("accepted", run.accepted.sum())
        .put("rejected", run.rejected.sum())
        .put("failed", run.failed.sum())
        .put("occurrenceRows", run.occurrenceRows.sum())
        .seconds("workSeconds", total)
        .write(Path.of(a.required("result")));
    System.out.printf("plainJava: %,d records, %,d occurrence rows in %.1f s on %d threads%n", run.records.sum(),
        run.occurrenceRows.sum(), total / 1e9, threads);
  }

  private void read(Path file, String name, int maxLineBytes, BlockingQueue<List<RawLine>> queue) throws IOException {
    List<List<RawLine>> batch = new ArrayList<>(List.of(new ArrayList<>(BATCH)));
    try (InputStream raw = Files.newInputStream(file);
        InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw) {
      LineReader.of(maxLineBytes).read(in, -1, name, 1, line -> {
        batch.get(0).add(line);
        if (batch.get(0).size() == BATCH) {
          put(queue, batch.get(0));
          batch.set(0, new ArrayList<>(BATCH));
        }
      });
    }
    if (!batch.get(0).isEmpty()) {
      put(queue, batch.get(0));
    }
  }

  private static void put(BlockingQueue<List<RawLine>> queue, List<RawLine> lines) {
    try {
      queue.put(lines);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading", e);
    }
  }

  private void work(SubmissionProcessor processor, BlockingQueue<List<RawLine>> queue, Path out) throws Exception {
    try (ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(ChannelOutputFile.create(out))
        .withSchema(AvroSchemas.OCCURRENCE)
        .withCompressionCodec(CompressionCodecName.ZSTD)
        .build()) {
      for (List<RawLine> lines = queue.take(); lines != END; lines = queue.take()) {
        for (RawLine line : lines) {
          process(processor, line, writer);
        }
      }
    }
  }

  private void process(SubmissionProcessor processor, RawLine line, ParquetWriter<GenericRecord> writer) {
    records.increment();
    Outcome outcome;
    try {
      outcome = processor.process(line);
    } catch (RuntimeException e) {
      failed.increment(); // the nightly job dead-letters these; counted, never silently dropped
      return;
    }
    if (outcome instanceof Outcome.Accepted ok) {
      accepted.increment();
      try {
        for (Occurrence o : ok.occurrences()) {
          writer.write(AvroRecords.occurrence(o));
          occurrenceRows.increment();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    } else {
      rejected.increment();
    }
  }
}
