package org.observatoire.benchmarks.baseline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.zip.GZIPInputStream;
import org.observatoire.beam.jobs.InputFiles;
import org.observatoire.core.ingest.LineReader;
import org.observatoire.core.ingest.RawLine;

/**
 * The plain-Java baseline's passes over the input: one thread reads the submission files ({@link LineReader}, gzip
 * or not) and hands batches of lines to a fixed number of workers on a thread pool, through a bounded queue.
 */
final class LineBatches {
  private static final int BATCH = 256;
  private static final List<RawLine> END = List.of();

  private final int threads;
  private final int maxLineBytes;

  LineBatches(int threads, int maxLineBytes) {
    this.threads = threads;
    this.maxLineBytes = maxLineBytes;
  }

  /** What a worker does with each line of a pass. */
  interface LineWork {
    void line(RawLine line) throws Exception;
  }

  /** What a worker does once its pass's lines are done. */
  interface WorkDone {
    void done(int worker) throws Exception;
  }

  /**
   * Reads the input files on this thread and hands batches of lines to {@link #threads} workers on {@code pool}
   * ({@code work} of each worker, then its {@code done}); returns the lines read. The first failure is thrown.
   */
  long dispatch(Path input, List<Path> files, ExecutorService pool, IntFunction<LineWork> work,
      WorkDone done) throws Exception {
    BlockingQueue<List<RawLine>> queue = new ArrayBlockingQueue<>(threads * 4);
    List<Future<?>> workers = new ArrayList<>();
    for (int w = 0; w < threads; w++) {
      int worker = w;
      LineWork each = work.apply(w);
      workers.add(pool.submit(() -> {
        Exception failed = null;
        for (List<RawLine> lines = queue.take(); lines != END; lines = queue.take()) {
          for (int i = 0; i < lines.size() && failed == null; i++) {
            try {
              each.line(lines.get(i));
            } catch (Exception e) {
              failed = e; // the worker still drains the queue, so that the reading thread is never stuck
            }
          }
        }
        done.done(worker);
        if (failed != null) {
          throw failed;
        }
        return null;
      }));
    }
    long lines = 0;
    try {
      for (Path f : files) {
        lines += read(f, InputFiles.name(input, f), queue);
      }
    } finally {
      for (int w = 0; w < threads; w++) {
        queue.put(END);
      }
    }
    for (Future<?> w : workers) {
      get(w);
    }
    return lines;
  }

  private long read(Path file, String name, BlockingQueue<List<RawLine>> queue) throws IOException {
    List<List<RawLine>> batch = new ArrayList<>(List.of(new ArrayList<>(BATCH)));
    LineReader.Totals totals;
    try (InputStream raw = Files.newInputStream(file);
        InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw) {
      totals = LineReader.of(maxLineBytes).read(in, -1, name, 1, line -> {
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
    return totals.lines();
  }

  private static void put(BlockingQueue<List<RawLine>> queue, List<RawLine> lines) {
    try {
      queue.put(lines);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading", e);
    }
  }

  /** Runs the tasks on the pool and waits for them all; the first failure is thrown. */
  static void all(ExecutorService pool, List<Callable<Void>> tasks) throws Exception {
    for (Future<Void> f : pool.invokeAll(tasks)) {
      get(f);
    }
  }

  private static void get(Future<?> f) throws Exception {
    try {
      f.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception x) {
        throw x;
      }
      throw e;
    }
  }
}
