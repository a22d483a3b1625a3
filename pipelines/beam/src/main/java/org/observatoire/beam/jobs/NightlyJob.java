package org.observatoire.beam.jobs;

import org.observatoire.beam.io.Folders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.options.Validation;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.Values;
import org.observatoire.beam.avro.AvroRecordCoder;
import org.observatoire.beam.transforms.CollectRestrictedLocations;
import org.observatoire.beam.transforms.FindRepeatedIds;
import org.observatoire.beam.transforms.FindSensitiveSites;
import org.observatoire.beam.transforms.GeneraliseSensitiveSites;
import org.observatoire.beam.transforms.WithholdRejectedPlaces;
import org.observatoire.core.ingest.RepeatedIds;
import org.observatoire.beam.avro.AvroSchemas;
import org.observatoire.beam.cubes.BuildOccurrenceCubes;
import org.observatoire.beam.cubes.CubeSchemas;
import org.observatoire.beam.io.Chunk;
import org.observatoire.beam.parquet.ParquetFooters;
import org.observatoire.beam.io.ReadSubmissionLines;
import org.observatoire.beam.parquet.ParquetWriteOptions;
import org.observatoire.beam.parquet.WriteParquetBlocks;
import org.observatoire.beam.parquet.WriteParquetDataset;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.values.PCollection;
import org.observatoire.beam.transforms.DeduplicateSubmissions;
import org.observatoire.beam.transforms.EncodeOccurrenceRows;
import org.observatoire.beam.transforms.RouteSideRecords;
import org.observatoire.beam.transforms.SideKind;
import org.observatoire.beam.transforms.ProcessSubmissions;
import org.observatoire.beam.transforms.SumCounts;
import org.observatoire.beam.transforms.ZeroFillVisits;
import org.observatoire.beam.transforms.DescribeEvents;
import org.observatoire.beam.avro.ChecklistRecords;
import org.observatoire.core.visits.ProtocolLists;
import org.apache.beam.sdk.transforms.Create;
import org.observatoire.core.protocol.ProtocolCatalog;
import org.observatoire.core.protocol.ProtocolSchema;
import org.observatoire.core.run.CountKey;
import org.observatoire.core.run.InputFile;
import org.observatoire.core.run.RunManifest;
import org.observatoire.beam.transforms.BdqCounters;
import org.observatoire.core.quality.bdq.ResponseTally;

/**
 * The nightly batch job: JSON-lines submissions → validated, flattened, de-duplicated → curated occurrences
 * (Parquet, partitioned by protocol and year), rejected submissions with every reason, duplicates, dead letters,
 * and a run manifest that proves every input line is accounted for.
 */
public final class NightlyJob {
  /** Output folder names. */
  public static final String OCCURRENCES = "occurrences";
  public static final String REJECTED = "rejected";
  public static final String DUPLICATES = "duplicates";
  public static final String DEAD_LETTER = "dead-letter";
  /** Restricted output folder names (under the restricted output, never the public one). */
  public static final String RESTRICTED_LOCATIONS = "locations";
  public static final String RESTRICTED_REJECTED_RAW = "rejected-raw";
  public static final String MANIFEST = "manifest.json";
  public static final String CUBES = "cubes";
  /** One row per visit (a curated submission): time, effort, public place, complete-list flag and list. */
  public static final String EVENTS = "events";
  /** The lists complete-list visits are zero-filled against (protocol × listed entry). */
  public static final String CHECKLISTS = "checklists";
  /**
   * Zero-filled visits of the complete-count protocols (visit × taxon of the protocol's list), materialised only
   * with {@code --materialiseVisits}: the published form is the view {@code visits_zerofilled} over events,
   * checklists and occurrences (docs/events.md).
   */
  public static final String VISITS = "visits";
  private static final String COUNTS_DIR = "_run";
  /** Order of the rows inside each occurrence file: taxon, then 10 km cell, then date (see docs/publishing.md). */
  public static final List<String> OCCURRENCE_SORT = List.of("scientificName", "eea10km", "eventDate");

  private NightlyJob() {}

  /** The job's options; any runner's options may be given too. */
  public interface Options extends PipelineOptions, ParquetWriteOptions, BdqJobOptions {
    @Description("Folder of JSON-lines submission files (.jsonl, .ndjson, .json, optionally .gz), read recursively")
    @Validation.Required
    String getInput();

    void setInput(String value);

    @Description("Output folder: occurrences/, rejected/, duplicates/, dead-letter/, manifest.json")
    @Validation.Required
    String getOutput();

    void setOutput(String value);

    @Description("Longest line accepted, in bytes; longer lines are rejected with LINE_TOO_LONG")
    @Default.Integer(8 << 20)
    int getMaxLineBytes();

    void setMaxLineBytes(int value);

    @Description("The run's reference time (RFC 3339); submissions after it are rejected. Default: now")
    String getReferenceTime();

    void setReferenceTime(String value);

    @Description("Run id recorded in the manifest. Default: run-<UTC timestamp>")
    String getRunId();

    void setRunId(String value);

    @Description("Restricted output folder (full-precision sensitive locations, raw rejected lines, dead letters)."
        + " Default: <output>-restricted beside the output")
    String getRestrictedOutput();

    void setRestrictedOutput(String value);

    @Description("File holding the observer pseudonym key (64 hex characters), outside any repository; the"
        + " environment variable OBSERVATOIRE_PSEUDONYM_KEY takes precedence")
    String getPseudonymKeyFile();

    void setPseudonymKeyFile(String value);

    @Description("Use the public sample pseudonym key: for the bundled sample data only, never for real observers")
    @Default.Boolean(false)
    boolean getSamplePseudonymKey();

    void setSamplePseudonymKey(boolean value);

    @Description("Count expectations (CSV) for the unusually-high-count flag; none: only integer/positive checks")
    String getCountExpectations();

    void setCountExpectations(String value);

    @Description("Seed of the cubes' uncertainty-aware cell assignment (recorded in the manifest)")
    @Default.Long(42L)
    long getCubeSeed();

    void setCubeSeed(long value);

    @Description("Also write the zero-filled visits as a dataset (visits/: one row per complete-list visit x listed"
        + " taxon); by default they are only the view visits_zerofilled over events, checklists and occurrences")
    @Default.Boolean(false)
    boolean getMaterialiseVisits();

    void setMaterialiseVisits(boolean value);

    @Description("Replace the outputs of an earlier run in the output folder")
    @Default.Boolean(false)
    boolean getOverwrite();

    void setOverwrite(boolean value);
  }

  /** What a run produced. */
  public record Result(PipelineResult.State state, RunManifest manifest, Path output, Duration wallTime) {}

  public static void main(String[] args) {
    Options options = PipelineOptionsFactory.fromArgs(args).withValidation().as(Options.class);
    run(options).manifest().requireConservation();
  }

  /** Builds the pipeline over the given input files; outputs go below {@code options.getOutput()}. */
  public static Pipeline build(Options options, List<Chunk> files, Instant referenceTime) {
    Pipeline p = Pipeline.create(options);
    String out = options.getOutput();
    String restricted = restrictedOutput(options);
    ReadSubmissionLines read = ReadSubmissionLines.of(files, options.getMaxLineBytes());
    PCollectionTuple lines = p.apply("ReadSubmissionLines", read);
    // ids found on more than one line, from a light second read: the other submissions skip the duplicate check
    PCollectionView<RepeatedIds> repeated = p.apply("ReadSubmissionIds", read.idKeys())
        .apply("FindRepeatedIds", FindRepeatedIds.create());
    org.observatoire.beam.transforms.ProcessingConfig config = processingConfig(options, referenceTime);
    ProcessSubmissions process = ProcessSubmissions.with(config).keepingUnique(repeated);
    PCollectionTuple processed = lines.get(read.linesTag()).apply("ProcessSubmissions", process);
    DeduplicateSubmissions dedupe = DeduplicateSubmissions.create();
    PCollectionTuple deduped = processed.get(process.sideTag())
        .apply("TakeRepeated", DeduplicateSubmissions.takeRepeated())
        .apply("DeduplicateSubmissions", dedupe);
    // privacy per site for the whole release: every visit to a site with a sensitive record is generalised
    PCollection<GenericRecord> accepted = PCollectionList
        .of(processed.get(process.acceptedTag()).apply("UniqueIds", Values.create())
            .setCoder(AvroRecordCoder.of(AvroSchemas.ACCEPTED)))
        .and(deduped.get(dedupe.curatedTag()))
        .apply("Curated", Flatten.pCollections());
    PCollectionView<java.util.Map<String, Integer>> sensitiveSites =
        accepted.apply("FindSensitiveSites", FindSensitiveSites.create());
    GeneraliseSensitiveSites sites = GeneraliseSensitiveSites.with(config, sensitiveSites);
    PCollection<GenericRecord> curated = accepted.apply("GeneraliseSensitiveSites", sites);

    // each consumer unpacks the curated blocks itself, fused with it: rows never cross a serialization boundary
    curated.apply("EncodeOccurrenceRows", EncodeOccurrenceRows.sortedBy(OCCURRENCE_SORT))
        .apply("WriteOccurrences", sharded(options,
            WriteParquetBlocks.to(out + "/" + OCCURRENCES, AvroSchemas.OCCURRENCE_FILE)));
    BuildOccurrenceCubes buildCubes = BuildOccurrenceCubes.withSeed(options.getCubeSeed());
    PCollectionTuple cubes = curated.apply("BuildOccurrenceCubes", buildCubes);
    cubes.get(buildCubes.cubesTag()).apply("WriteCubes", sharded(options, WriteParquetDataset.partitioned(
        out + "/" + CUBES, CubeSchemas.CUBE, r -> r.get("grid").toString(), r -> r)));
    curated.apply("DescribeEvents", DescribeEvents.create())
        .apply("WriteEvents", sharded(options, WriteParquetBlocks.to(out + "/" + EVENTS, AvroSchemas.EVENT_FILE)));
    p.apply("Checklists", Create.of(ChecklistRecords.of(ProtocolLists.bundled()))
            .withCoder(AvroRecordCoder.of(AvroSchemas.CHECKLIST)))
        .apply("WriteChecklists", WriteParquetDataset.flat(out + "/" + CHECKLISTS, "checklists",
            AvroSchemas.CHECKLIST).withNumShards(1));
    if (options.getMaterialiseVisits()) {
      curated.apply("ZeroFillVisits", ZeroFillVisits.create())
          .apply("WriteVisits", sharded(options, WriteParquetBlocks.to(out + "/" + VISITS, AvroSchemas.VISIT_FILE)));
    }

    RouteSideRecords route = RouteSideRecords.create();
    PCollectionTuple sides = PCollectionList.of(processed.get(process.sideTag()))
        .and(deduped.get(dedupe.sideTag()))
        .and(cubes.get(buildCubes.sideTag()))
        .apply("RouteSideRecords", route);
    sides.get(route.tag(SideKind.REJECTED))
        .apply("WithholdRejectedPlaces", WithholdRejectedPlaces.at(sensitiveSites))
        .apply("WriteRejected",
        sharded(options, WriteParquetDataset.flat(out + "/" + REJECTED, "rejected", AvroSchemas.REJECTED)));
    sides.get(route.tag(SideKind.DUPLICATE)).apply("WriteDuplicates",
        sharded(options, WriteParquetDataset.flat(out + "/" + DUPLICATES, "duplicates", AvroSchemas.DUPLICATE)));
    sides.get(route.tag(SideKind.DEAD_LETTER)).apply("WriteDeadLetters", sharded(options,
        WriteParquetDataset.flat(restricted + "/" + DEAD_LETTER, "dead-letter", AvroSchemas.DEAD_LETTER)));
    sides.get(route.tag(SideKind.RAW_REJECTED)).apply("WriteRawRejected", sharded(options, WriteParquetDataset.flat(
        restricted + "/" + RESTRICTED_REJECTED_RAW, "rejected-raw", AvroSchemas.RAW_LINE)));
    curated.apply("CollectRestrictedLocations", CollectRestrictedLocations.create()).apply("WriteRestrictedLocations",
        sharded(options, WriteParquetDataset.flat(restricted + "/" + RESTRICTED_LOCATIONS, "locations",
            AvroSchemas.RESTRICTED_LOCATION)));

    PCollectionList.of(lines.get(read.countsTag()))
        .and(sides.get(route.countsTag()))
        .apply("SumCounts", SumCounts.create())
        .apply("WriteCounts", TextIO.write().to(out + "/" + COUNTS_DIR + "/counts").withoutSharding());
    return p;
  }

  /**
   * On Spark, a fixed number of files per partition. Beam's Spark runner translates {@code Reshuffle} as a plain
   * Spark {@code repartition}, which ignores keys, so FileIO's finalisation (which gathers the temporary files
   * under one void key and numbers them per destination) runs once per Spark partition: two runs both name their
   * file {@code part-00000-of-00001} and one overwrites the other, silently losing rows. With fixed sharding each
   * temporary file carries its shard number from a real GroupByKey, so names cannot collide. Flink and the
   * DirectRunner write one file per partition from sorted runs (see {@link WriteParquetDataset}), without FileIO.
   */
  static WriteParquetDataset sharded(Options options, WriteParquetDataset write) {
    return fixedShards(options) > 0 ? write.withNumShards(fixedShards(options)) : write;
  }

  static WriteParquetBlocks sharded(Options options, WriteParquetBlocks write) {
    return fixedShards(options) > 0 ? write.withNumShards(fixedShards(options)) : write;
  }

  /** Files per destination on Spark (see {@link #sharded}); 0: one file per partition. */
  private static int fixedShards(Options options) {
    boolean spark = options.getRunner().getSimpleName().toLowerCase(java.util.Locale.ROOT).contains("spark");
    return spark ? Math.max(1, Runtime.getRuntime().availableProcessors()) : 0;
  }

  /** Runs the job to completion and writes the manifest; the manifest says whether conservation holds. */
  public static Result run(Options options) {
    Instant started = Instant.now();
    Instant referenceTime = options.getReferenceTime() == null ? started : Instant.parse(options.getReferenceTime());
    String runId = options.getRunId() != null ? options.getRunId()
        : "run-" + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(started);
    options.setRunId(runId); // the release scope of the opaque ids of generalised events
    Path input = Path.of(options.getInput()).toAbsolutePath().normalize();
    Path output = Path.of(options.getOutput()).toAbsolutePath().normalize();
    Path restricted = Path.of(restrictedOutput(options)).toAbsolutePath().normalize();
    if (restricted.startsWith(output)) {
      throw new IllegalArgumentException("the restricted output " + restricted + " must not be inside the public"
          + " output " + output);
    }
    // fail before any work when no pseudonym key is available
    String keyId = org.observatoire.core.privacy.Pseudonymizer.of(
        processingConfig(options, referenceTime).pseudonymKey()).keyId();
    prepareOutput(output, options.getOverwrite(), PUBLIC_OUTPUTS);
    prepareOutput(restricted, options.getOverwrite(), RESTRICTED_OUTPUTS);
    options.setOutput(output.toString());
    options.setRestrictedOutput(restricted.toString());

    List<Path> files = InputFiles.find(input);
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no submission files (*.jsonl, *.ndjson, *.json, optionally .gz) under "
          + input);
    }
    List<Chunk> chunks = new ArrayList<>();
    for (Path f : files) {
      chunks.add(ReadSubmissionLines.wholeFile(f.toString(), InputFiles.name(input, f)));
    }
    CompletableFuture<List<InputFile>> checksums =
        CompletableFuture.supplyAsync(() -> files.stream().map(f -> InputFiles.describe(input, f)).toList());

    PipelineResult result = build(options, chunks, referenceTime).run();
    PipelineResult.State state = result.waitUntilFinish();
    if (state != PipelineResult.State.DONE) {
      throw new IllegalStateException("the nightly pipeline ended in state " + state);
    }
    try {
      Folders.removeEmptyTempFolders(output);
      Folders.removeEmptyTempFolders(restricted);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot tidy the outputs " + output + " and " + restricted, e);
    }
    Instant finished = Instant.now();

    RunManifest.Builder manifest = RunManifest.builder()
        .run("runId", runId)
        .run("job", "nightly")
        .run("runner", options.getRunner().getSimpleName())
        .run("codeVersion", codeVersion())
        .run("referenceTime", referenceTime.toString())
        .run("startedAt", started.toString())
        .run("finishedAt", finished.toString())
        .run("durationSeconds", Duration.between(started, finished).toMillis() / 1000.0)
        .run("input", input.toString())
        .run("maxLineBytes", options.getMaxLineBytes())
        .run("restrictedOutput", restricted.toString())
        .run("pseudonymKeyId", keyId)
        .run("samplePseudonymKey", options.getSamplePseudonymKey())
        .run("countExpectations", options.getCountExpectations())
        .run("cubeSeed", options.getCubeSeed())
        .run("materialiseVisits", options.getMaterialiseVisits())
        .run("bdqTests", BdqJobOptions.bdq(options).testsName())
        .run("bdqParameters", String.join(",", BdqJobOptions.bdq(options).parameterWords()))
        .bdq(ResponseTally.byTest(BdqCounters.read(result)));
    checksums.join().forEach(manifest::input);
    ProtocolCatalog.fromClasspath().all().values().forEach(list -> list.forEach(manifest::schema));
    readCounts(output.resolve(COUNTS_DIR)).forEach(manifest::count);
    for (String dataset : publishedDatasets(options.getMaterialiseVisits())) {
      long[] fr = ParquetFooters.count(output.resolve(dataset));
      manifest.output(dataset, fr[0], fr[1]);
    }
    for (String grid : List.of("inpn10km", "eea10km", "eea1km")) {
      long[] fr = ParquetFooters.count(output.resolve(CUBES).resolve(grid));
      manifest.output(CUBES + "/" + grid, fr[0], fr[1]);
    }
    long[] dead = ParquetFooters.count(restricted.resolve(DEAD_LETTER));
    manifest.output(DEAD_LETTER, dead[0], dead[1]);
    RunManifest built = manifest.build();
    try {
      Files.writeString(output.resolve(MANIFEST), built.toJson(), StandardCharsets.UTF_8);
      Folders.deleteTree(output.resolve(COUNTS_DIR));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the manifest in " + output, e);
    }
    return new Result(state, built, output, Duration.between(started, Instant.now()));
  }

  private static java.util.Map<CountKey, Long> readCounts(Path dir) {
    java.util.Map<CountKey, Long> counts = new java.util.HashMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
          if (!line.isBlank()) {
            int tab = line.lastIndexOf('\t');
            counts.merge(CountKey.decode(line.substring(0, tab)), Long.parseLong(line.substring(tab + 1)), Long::sum);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the run's counters in " + dir, e);
    }
    return counts;
  }

  /** The flat and partitioned datasets a run writes (cubes aside), counted into the manifest's outputs. */
  public static List<String> publishedDatasets(boolean materialiseVisits) {
    return materialiseVisits ? List.of(OCCURRENCES, EVENTS, CHECKLISTS, VISITS, REJECTED, DUPLICATES)
        : List.of(OCCURRENCES, EVENTS, CHECKLISTS, REJECTED, DUPLICATES);
  }

  private static final List<String> PUBLIC_OUTPUTS =
      List.of(OCCURRENCES, EVENTS, CHECKLISTS, VISITS, REJECTED, DUPLICATES, CUBES, MANIFEST, COUNTS_DIR);
  private static final List<String> RESTRICTED_OUTPUTS =
      List.of(DEAD_LETTER, RESTRICTED_LOCATIONS, RESTRICTED_REJECTED_RAW);

  static String restrictedOutput(Options options) {
    return options.getRestrictedOutput() != null ? options.getRestrictedOutput()
        : Path.of(options.getOutput()).toAbsolutePath().normalize() + "-restricted";
  }

  static org.observatoire.beam.transforms.ProcessingConfig processingConfig(Options options, Instant referenceTime) {
    return org.observatoire.beam.transforms.ProcessingConfig.of(referenceTime, options.getMaxLineBytes(),
        options.getPseudonymKeyFile(), options.getSamplePseudonymKey(), options.getCountExpectations())
        .withReleaseScope(options.getRunId()).withBdq(BdqJobOptions.bdq(options));
  }

  private static void prepareOutput(Path output, boolean overwrite, List<String> names) {
    try {
      if (Files.isDirectory(output)) {
        List<Path> previous = names.stream().map(output::resolve).filter(Files::exists).toList();
        if (!previous.isEmpty() && !overwrite) {
          throw new IllegalArgumentException("the output folder " + output + " already holds a run's outputs ("
              + previous.get(0).getFileName() + "); choose an empty folder or pass --overwrite=true");
        }
        for (Path p : previous) {
          Folders.deleteTree(p);
        }
      }
      Files.createDirectories(output);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the output folder " + output, e);
    }
  }


  private static String codeVersion() {
    String v = NightlyJob.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  /** The schemas a run validates against, for callers that report them. */
  public static List<ProtocolSchema> schemas() {
    return ProtocolCatalog.fromClasspath().all().values().stream().flatMap(List::stream).toList();
  }
}
