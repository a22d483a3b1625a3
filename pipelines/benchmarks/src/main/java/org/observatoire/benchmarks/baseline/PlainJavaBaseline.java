package org.observatoire.benchmarks.baseline;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.avro.generic.GenericRecord;
import org.observatoire.beam.avro.AvroRecords;
import org.observatoire.beam.avro.AvroSchemas;
import org.observatoire.beam.avro.OccurrenceFileRows;
import org.observatoire.beam.cubes.BuildOccurrenceCubes;
import org.observatoire.beam.cubes.CubeGroups;
import org.observatoire.beam.io.Folders;
import org.observatoire.beam.jobs.InputFiles;
import org.observatoire.beam.jobs.NightlyJob;
import org.observatoire.beam.parquet.ParquetWriterKind;
import org.observatoire.beam.parquet.RowBlock;
import org.observatoire.beam.transforms.CollectRestrictedLocations;
import org.observatoire.beam.transforms.DeduplicateSubmissions;
import org.observatoire.beam.transforms.DescribeEvents;
import org.observatoire.beam.transforms.ProcessingConfig;
import org.observatoire.core.ingest.Outcome;
import org.observatoire.core.ingest.RawLine;
import org.observatoire.core.ingest.RepeatedIds;
import org.observatoire.core.ingest.SubmissionIds;
import org.observatoire.core.ingest.SubmissionProcessor;
import org.observatoire.core.interpret.OccurrenceInterpreter;
import org.observatoire.core.run.OutcomeKind;

/**
 * Benchmark baseline: the nightly job's work — the same outputs from the same code — on a plain thread pool, no
 * Beam. It writes what the nightly writes ({@link PlainOutputs}: occurrences, events, checklists, cubes, rejected,
 * duplicates, and the restricted dead letters, raw rejected lines and locations) in the same folders, partitions,
 * sort orders and files, with the nightly's helpers: {@link SubmissionProcessor}, {@link DeduplicateSubmissions},
 * {@link SensitiveSites} (the release's privacy per site), {@link OccurrenceFileRows}, {@link DescribeEvents},
 * {@link CubeGroups} and the datasets' Parquet sinks. No manifest and no report.
 *
 * <p>Passes, each on {@code --threads} workers (default: every core), fed batches of lines by one reading thread
 * ({@link LineBatches}) where it reads the input: (1) the submission ids, to find the repeated ones; (2) validation and
 * interpretation: unique accepted submissions are kept and spilled to local disk, repeated ones held for the duplicate
 * check, rejected ones spilled; (3) the duplicate check; (4) once every kept submission's sensitive sites are known,
 * each is generalised where needed and published (occurrence and event rows, cube contributions), and the rejected ones
 * without their places at sensitive sites; (5) the cube groups are measured; (6) every file is sorted and written.
 * Memory does not grow with the input beyond an id key per line, the repeated submissions and the sensitive sites:
 * rows are sorted and grouped by external sorts, as the runner's are.
 *
 * <p>{@code --input DIR --output DIR --reference-time RFC3339 --result FILE [--restricted-output DIR]
 * [--run-id ID] [--cube-seed N] [--max-line-bytes N] [--threads N] [--parquet-writer fast|stock]}
 */
public final class PlainJavaBaseline {
  /** The nightly job's default line limit ({@code NightlyJob.Options#getMaxLineBytes}). */
  private static final int NIGHTLY_MAX_LINE_BYTES = 8 << 20;

  private final ProcessingConfig config;
  private final long cubeSeed;
  private final int threads;
  private final PlainOutputs outputs;
  private final SensitiveSites sites = new SensitiveSites();
  private final CubeShards cubes;
  private final List<GenericRecord> repeatedAccepted = new ArrayList<>();
  private final List<GenericRecord> winners = new ArrayList<>();
  private final Path scratch;
  private final LineBatches lines;
  private long records;

  private PlainJavaBaseline(ProcessingConfig config, long cubeSeed, int threads, PlainOutputs outputs, Path scratch) {
    this.config = config;
    this.cubeSeed = cubeSeed;
    this.threads = threads;
    this.outputs = outputs;
    this.cubes = new CubeShards(threads);
    this.scratch = scratch;
    this.lines = new LineBatches(threads, config.maxLineBytes());
  }

  public static void main(String[] args) throws Exception {
    BaselineArgs a = BaselineArgs.parse(args);
    Path input = Path.of(a.required("input")).toAbsolutePath().normalize();
    Path output = Path.of(a.required("output")).toAbsolutePath().normalize();
    Path restricted = Path.of(a.get("restricted-output", output + "-restricted")).toAbsolutePath().normalize();
    int maxLineBytes = Integer.parseInt(a.get("max-line-bytes", String.valueOf(NIGHTLY_MAX_LINE_BYTES)));
    int threads = Integer.parseInt(a.get("threads", String.valueOf(Runtime.getRuntime().availableProcessors())));
    ProcessingConfig config = ProcessingConfig.of(Instant.parse(a.required("reference-time")), maxLineBytes, null,
        true, null).withReleaseScope(a.get("run-id", "plain"));
    long start = System.nanoTime();
    List<Path> files = InputFiles.find(input);
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no submission files under " + input);
    }
    Files.createDirectories(output);
    Files.createDirectories(restricted);
    Path scratch = Files.createTempDirectory("observatoire-plain-");
    PlainJavaBaseline run = new PlainJavaBaseline(config, Long.parseLong(a.get("cube-seed", "42")), threads,
        new PlainOutputs(output, restricted, ParquetWriterKind.parse(a.get("parquet-writer", "fast"))), scratch);
    Map<String, Long> phases = new LinkedHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      run.run(input, files, pool, phases);
    } finally {
      pool.shutdownNow();
      Folders.deleteTree(scratch);
    }
    long total = System.nanoTime() - start;
    Map<String, Long> rows = run.outputs.rowsByDataset();
    BaselineResult result = new BaselineResult()
        .put("threads", threads)
        .put("records", run.records)
        .put("occurrenceRows", rows.get(NightlyJob.OCCURRENCES));
    for (OutcomeKind k : List.of(OutcomeKind.CURATED, OutcomeKind.REJECTED, OutcomeKind.DUPLICATE,
        OutcomeKind.DEAD_LETTERED, OutcomeKind.STAGE_FAILURES)) {
      result.put(k.jsonName(), run.outputs.count(k));
    }
    result.put("sensitiveSites", run.sites.size()).seconds("workSeconds", total);
    phases.forEach((phase, nanos) -> result.seconds("secondsByPass", phase, nanos));
    long written = 0;
    for (Map.Entry<String, Long> e : rows.entrySet()) {
      result.put("rowsByDataset", e.getKey(), e.getValue());
      written += e.getValue();
    }
    result.put("rowsWritten", written).write(Path.of(a.required("result")));
    System.out.printf("plainJava: %,d records, %,d occurrence rows, %,d rows written in %.1f s on %d threads%n",
        run.records, rows.get(NightlyJob.OCCURRENCES), written, total / 1e9, threads);
  }

  private void run(Path input, List<Path> files, ExecutorService pool, Map<String, Long> phases) throws Exception {
    long t = System.nanoTime();
    RepeatedIds repeated = repeatedIds(input, files, pool);
    t = lap(phases, "ids", t);
    List<SpillFile[]> spills = validate(input, files, pool, repeated);
    t = lap(phases, "validate", t);
    keepOnePerRepeatedId();
    outputs.writeChecklists();
    t = lap(phases, "duplicates", t);
    List<Callable<Void>> publish = new ArrayList<>();
    for (SpillFile[] spill : spills) {
      publish.add(() -> {
        Publisher p = new Publisher();
        spill[0].readAndDelete(p::publish);
        spill[1].readAndDelete(r -> PlainOutputs.write(outputs.rejected, withholdPlaces(r)));
        return null;
      });
    }
    publish.add(() -> {
      Publisher p = new Publisher();
      winners.forEach(p::publish);
      return null;
    });
    LineBatches.all(pool, publish);
    t = lap(phases, "publish", t);
    LineBatches.all(pool, cubes.measure(outputs.cubes));
    t = lap(phases, "cubes", t);
    LineBatches.all(pool, outputs.files());
    lap(phases, "files", t);
  }

  private static long lap(Map<String, Long> phases, String phase, long since) {
    long now = System.nanoTime();
    phases.put(phase, now - since);
    return now;
  }

  /** Pass 1: the id key of every line that has one; the keys found more than once. */
  private RepeatedIds repeatedIds(Path input, List<Path> files, ExecutorService pool) throws Exception {
    Keys[] perWorker = new Keys[threads];
    for (int w = 0; w < threads; w++) {
      perWorker[w] = new Keys();
    }
    records = lines.dispatch(input, files, pool,
        w -> line -> SubmissionIds.peek(line.bytes()).ifPresent(id -> perWorker[w].add(SubmissionIds.key(id))),
        w -> {});
    Keys all = new Keys();
    for (Keys k : perWorker) {
      for (int i = 0; i < k.size; i++) {
        all.add(k.keys[i]);
      }
    }
    long[] sorted = Arrays.copyOf(all.keys, all.size);
    Arrays.sort(sorted);
    Keys repeated = new Keys();
    for (int i = 1; i < sorted.length; i++) {
      if (sorted[i] == sorted[i - 1]) {
        repeated.add(sorted[i]); // a key on three lines is added twice; RepeatedIds keeps it once
      }
    }
    return RepeatedIds.ofKeys(repeated.keys, repeated.size);
  }

  /** A growing array of id keys. */
  private static final class Keys {
    long[] keys = new long[1024];
    int size;

    void add(long key) {
      if (size == keys.length) {
        keys = Arrays.copyOf(keys, 2 * size);
      }
      keys[size++] = key;
    }
  }

  /**
   * Pass 2: every line validated and interpreted. Per worker, two spill files: its kept accepted submissions (those
   * whose id is on no other line), and its rejected records (published once the sensitive sites are known).
   */
  private List<SpillFile[]> validate(Path input, List<Path> files, ExecutorService pool, RepeatedIds repeated)
      throws Exception {
    List<SpillFile[]> spills = new ArrayList<>();
    for (int w = 0; w < threads; w++) {
      spills.add(new SpillFile[] {new SpillFile(scratch, "accepted", AvroSchemas.ACCEPTED),
          new SpillFile(scratch, "rejected", AvroSchemas.REJECTED)});
    }
    SubmissionProcessor processor = config.processor();
    lines.dispatch(input, files, pool, w -> line -> validate(processor, line, repeated, spills.get(w)),
        w -> {
          for (SpillFile s : spills.get(w)) {
            s.close();
          }
        });
    return spills;
  }

  private void validate(SubmissionProcessor processor, RawLine line, RepeatedIds repeated, SpillFile[] spill)
      throws IOException {
    Outcome outcome;
    try {
      outcome = processor.process(line);
    } catch (RuntimeException | StackOverflowError e) {
      outputs.deadLetters.write(AvroRecords.deadLetter(line, "validate", e));
      outputs.count(OutcomeKind.DEAD_LETTERED, 1);
      return;
    }
    if (outcome instanceof Outcome.Accepted a) {
      GenericRecord accepted = AvroRecords.accepted(a);
      if (repeated.mayRepeat(a.submissionId())) {
        synchronized (repeatedAccepted) {
          repeatedAccepted.add(accepted);
        }
        return;
      }
      spill[0].write(accepted);
      sites.note(accepted);
      DeduplicateSubmissions.kept(accepted, outputs::side);
    } else if (outcome instanceof Outcome.Rejected r) {
      spill[1].write(AvroRecords.rejected(r));
      outputs.rawRejected.write(AvroRecords.rawLine(r));
      outputs.count(OutcomeKind.REJECTED, 1);
    }
  }

  /** Pass 3: one submission kept per repeated id ({@link DeduplicateSubmissions#keepOne}), the others duplicates. */
  private void keepOnePerRepeatedId() {
    Map<String, List<GenericRecord>> byId = new LinkedHashMap<>();
    for (GenericRecord r : repeatedAccepted) {
      byId.computeIfAbsent(r.get("submissionId").toString(), id -> new ArrayList<>(2)).add(r);
    }
    for (List<GenericRecord> all : byId.values()) {
      DeduplicateSubmissions.keepOne(all, winner -> {
        winners.add(winner);
        sites.note(winner);
      }, outputs::side);
    }
    repeatedAccepted.clear();
  }

  private GenericRecord withholdPlaces(GenericRecord rejected) {
    try {
      return sites.withholdPlaces(rejected);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot read a rejected submission's text", e);
    }
  }

  /** Pass 4, one per thread: a kept submission generalised where its site is sensitive, then its rows. */
  private final class Publisher {
    private final OccurrenceInterpreter interpreter = config.processor().interpreter();
    private final OccurrenceFileRows occurrenceRows = OccurrenceFileRows.sortedBy(NightlyJob.OCCURRENCE_SORT);
    private final DescribeEvents.Describer events = new DescribeEvents.Describer();
    private final CubeGroups cubeGroups = CubeGroups.withSeed(cubeSeed);

    void publish(GenericRecord kept) {
      GenericRecord curated = sites.generalise(kept, interpreter);
      CollectRestrictedLocations.locationsOf(curated).forEach(l -> PlainOutputs.write(outputs.locations, l));
      occurrenceRows.rows((ByteBuffer) curated.get("occurrences"), b -> PlainOutputs.write(outputs.occurrences, b));
      RowBlock event = events.event(curated);
      if (event != null) {
        PlainOutputs.write(outputs.events, event);
      }
      try {
        cubeGroups.contributions(curated, cubes::add, () -> {});
      } catch (RuntimeException e) { // as in the nightly: the submission's contributions are lost, not the run
        PlainOutputs.write(outputs.deadLetters, BuildOccurrenceCubes.deadLetter(curated, e));
        outputs.count(OutcomeKind.STAGE_FAILURES, 1);
      }
    }
  }
}
