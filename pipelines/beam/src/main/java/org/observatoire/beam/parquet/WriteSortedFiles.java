package org.observatoire.beam.parquet;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions.StandardMoveOptions;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.util.MimeTypes;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.observatoire.beam.BackgroundPriority;

/**
 * Writes a bounded dataset as one Parquet file per destination ({@code <destination>/<prefix>-00000-of-00001.parquet},
 * the names FileIO gives one shard), without moving the rows through the runner's shuffle: each worker sorts the
 * group payloads it makes into runs in bounded memory and spills them to a folder beside the dataset
 * ({@link SortedRuns}); only the runs' segments (a file name, an offset and a count per destination) are grouped by
 * destination, and the file of each destination is written by merging its segments in {@link SortBuffer#ORDER}. The
 * order is total, so a file's bytes do not depend on which worker made which rows: reruns are byte-identical, as with
 * FileIO's single shard, whose grouping sorted and spilled every row a second time inside the runner. Each file is
 * written under a hidden temporary name and renamed when complete; the runs are deleted once every file is written.
 */
final class WriteSortedFiles<T> extends PTransform<PCollection<T>, PCollection<String>> {
  /** Memory for the rows a worker holds before it spills them as a run (per writing step and worker). */
  static final long RUN_BUDGET_BYTES = 16L << 20;

  /** How an element becomes group payloads (sort key, payload) of destination files. */
  interface Groups<T> extends Serializable {
    void add(T element, GroupSink out) throws IOException;
  }

  /** Receives one group payload of a destination. */
  interface GroupSink {
    void add(String destination, byte[] key, byte[] payload);
  }

  private final String directory;
  private final String prefix;
  private final SortedRowsSink<?> sink;
  private final Groups<T> groups;
  private final long runBudgetBytes;

  private WriteSortedFiles(String directory, String prefix, SortedRowsSink<?> sink, Groups<T> groups,
      long runBudgetBytes) {
    if (runBudgetBytes < 1) {
      throw new IllegalArgumentException("the run budget must be positive, got " + runBudgetBytes);
    }
    this.directory = directory.endsWith("/") ? directory.substring(0, directory.length() - 1) : directory;
    this.prefix = prefix;
    this.sink = sink;
    this.groups = groups;
    this.runBudgetBytes = runBudgetBytes;
  }

  /**
   * @param prefix the file name's prefix ({@code part}, or a flat dataset's name)
   * @param sink the file writer (its {@link SortedRowsSink#writeFile}); {@code groups} uses it to make payloads
   */
  static <T> WriteSortedFiles<T> of(String directory, String prefix, SortedRowsSink<?> sink, Groups<T> groups) {
    return new WriteSortedFiles<>(directory, prefix, sink, groups, RUN_BUDGET_BYTES);
  }

  /** The same with another memory budget per worker before a spill (small ones make many runs, for tests). */
  WriteSortedFiles<T> withRunBudget(long bytes) {
    return new WriteSortedFiles<>(directory, prefix, sink, groups, bytes);
  }

  /** The file of a destination below {@code directory}. */
  static String fileName(String destination, String prefix) {
    return (destination.isEmpty() ? prefix : destination + "/" + prefix) + "-00000-of-00001.parquet";
  }

  @Override
  public PCollection<String> expand(PCollection<T> input) {
    String runs = directory + "/.runs-" + UUID.randomUUID();
    PCollection<String> files = input
        .apply("SpillSortedRuns", ParDo.of(new SpillFn<>(runs, groups, runBudgetBytes)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(SortedRuns.Segment.class)))
        .apply("GroupByFile", GroupByKey.create())
        .apply("MergeAndWrite", ParDo.of(new MergeFn(directory, prefix, sink)))
        .setCoder(StringUtf8Coder.of());
    // after the last file: Count.globally waits for every one
    files.apply("CountFiles", Count.globally()).apply("DeleteRuns", ParDo.of(new DeleteRunsFn(runs)));
    return files;
  }

  /** Makes each element's payloads and spills them as sorted runs; emits each run's segment per destination. */
  static final class SpillFn<T> extends DoFn<T, KV<String, SortedRuns.Segment>> {
    private final String runs;
    private final Groups<T> groups;
    private final long budgetBytes;
    private transient SortedRuns.Spiller spiller;

    SpillFn(String runs, Groups<T> groups, long budgetBytes) {
      this.runs = runs;
      this.groups = groups;
      this.budgetBytes = budgetBytes;
    }

    @StartBundle
    public void start() {
      spiller = new SortedRuns.Spiller(runs, budgetBytes);
    }

    @ProcessElement
    public void process(@Element T element, OutputReceiver<KV<String, SortedRuns.Segment>> out) throws IOException {
      groups.add(element, spiller::add);
      if (spiller.full()) {
        spiller.spill().forEach((destination, segment) -> out.output(KV.of(destination, segment)));
      }
    }

    @FinishBundle
    public void finish(FinishBundleContext c) {
      for (Map.Entry<String, SortedRuns.Segment> s : spiller.spill().entrySet()) {
        c.output(KV.of(s.getKey(), s.getValue()), GlobalWindow.INSTANCE.maxTimestamp(), GlobalWindow.INSTANCE);
      }
    }
  }

  /** Writes one destination's file from its segments; emits the file's name. */
  static final class MergeFn extends DoFn<KV<String, Iterable<SortedRuns.Segment>>, String> {
    private final String directory;
    private final String prefix;
    private final SortedRowsSink<?> sink;

    MergeFn(String directory, String prefix, SortedRowsSink<?> sink) {
      this.directory = directory;
      this.prefix = prefix;
      this.sink = sink;
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<SortedRuns.Segment>> file, OutputReceiver<String> out)
        throws IOException {
      BackgroundPriority.lowerCurrentThread(sink.niceness());
      List<SortedRuns.Segment> segments = new ArrayList<>();
      file.getValue().forEach(segments::add);
      segments.sort(Comparator.comparing(SortedRuns.Segment::file).thenComparingLong(SortedRuns.Segment::offset));
      ResourceId target = FileSystems.matchNewResource(directory + "/" + fileName(file.getKey(), prefix), false);
      ResourceId partial = target.getCurrentDirectory()
          .resolve("." + target.getFilename() + ".inprogress", StandardResolveOptions.RESOLVE_FILE);
      try (WritableByteChannel channel = FileSystems.create(partial, MimeTypes.BINARY)) {
        sink.writeFile(SortedRuns.merge(segments), channel);
      }
      FileSystems.rename(List.of(partial), List.of(target));
      out.output(target.toString());
    }
  }

  /** Deletes the run folder. */
  static final class DeleteRunsFn extends DoFn<Long, Void> {
    private final String runs;

    DeleteRunsFn(String runs) {
      this.runs = runs;
    }

    @ProcessElement
    public void process() {
      try {
        MatchResult match = FileSystems.match(runs + "/*", EmptyMatchTreatment.ALLOW);
        List<ResourceId> files = new ArrayList<>();
        if (match.status() == MatchResult.Status.OK) {
          match.metadata().forEach(m -> files.add(m.resourceId()));
        }
        FileSystems.delete(files, StandardMoveOptions.IGNORE_MISSING_FILES);
        FileSystems.delete(List.of(FileSystems.matchNewResource(runs, true)), StandardMoveOptions.IGNORE_MISSING_FILES);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete the sorted runs in " + runs, e);
      }
    }
  }
}
