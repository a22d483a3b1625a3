package org.observatoire.benchmarks.baseline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.LongAdder;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.values.KV;
import org.observatoire.beam.avro.AvroSchemas;
import org.observatoire.beam.avro.ChecklistRecords;
import org.observatoire.beam.cubes.CubeSchemas;
import org.observatoire.beam.jobs.NightlyJob;
import org.observatoire.beam.parquet.DatasetFiles;
import org.observatoire.beam.parquet.ParquetFooters;
import org.observatoire.beam.parquet.ParquetWriterKind;
import org.observatoire.beam.parquet.RowBlock;
import org.observatoire.beam.transforms.SideKind;
import org.observatoire.beam.transforms.SideRecord;
import org.observatoire.beam.transforms.SideRecords;
import org.observatoire.core.run.CountKey;
import org.observatoire.core.run.OutcomeKind;
import org.observatoire.core.visits.ProtocolLists;

/**
 * The datasets the plain-Java baseline writes, in the nightly job's folders, layouts and files
 * ({@link DatasetFiles}): public occurrences, events, checklists, cubes, rejected and duplicates; restricted dead
 * letters, raw rejected lines and full-precision locations. Also the outcome counters, and the routing of the
 * side records the nightly's own helpers emit ({@link SideRecords}). Thread-safe.
 */
final class PlainOutputs {
  final DatasetFiles<RowBlock> occurrences;
  final DatasetFiles<RowBlock> events;
  final DatasetFiles<GenericRecord> checklists;
  final DatasetFiles<GenericRecord> cubes;
  final DatasetFiles<GenericRecord> rejected;
  final DatasetFiles<GenericRecord> duplicates;
  final DatasetFiles<GenericRecord> deadLetters;
  final DatasetFiles<GenericRecord> rawRejected;
  final DatasetFiles<GenericRecord> locations;
  private final Map<SideKind, DatasetFiles<GenericRecord>> byKind;
  private final Map<OutcomeKind, LongAdder> counts = new EnumMap<>(OutcomeKind.class);
  private final ThreadLocal<Map<SideKind, GenericDatumReader<GenericRecord>>> readers =
      ThreadLocal.withInitial(HashMap::new);
  private final Path output;
  private final Path restricted;

  PlainOutputs(Path output, Path restricted, ParquetWriterKind kind) {
    this.output = output;
    this.restricted = restricted;
    occurrences = DatasetFiles.blocks(output.resolve(NightlyJob.OCCURRENCES), AvroSchemas.OCCURRENCE_FILE, kind);
    events = DatasetFiles.blocks(output.resolve(NightlyJob.EVENTS), AvroSchemas.EVENT_FILE, kind);
    checklists = DatasetFiles.flat(output.resolve(NightlyJob.CHECKLISTS), "checklists", AvroSchemas.CHECKLIST, kind);
    cubes = DatasetFiles.partitioned(output.resolve(NightlyJob.CUBES), CubeSchemas.CUBE,
        r -> r.get("grid").toString(), kind);
    rejected = DatasetFiles.flat(output.resolve(NightlyJob.REJECTED), "rejected", AvroSchemas.REJECTED, kind);
    duplicates = DatasetFiles.flat(output.resolve(NightlyJob.DUPLICATES), "duplicates", AvroSchemas.DUPLICATE, kind);
    deadLetters = DatasetFiles.flat(restricted.resolve(NightlyJob.DEAD_LETTER), "dead-letter",
        AvroSchemas.DEAD_LETTER, kind);
    rawRejected = DatasetFiles.flat(restricted.resolve(NightlyJob.RESTRICTED_REJECTED_RAW), "rejected-raw",
        AvroSchemas.RAW_LINE, kind);
    locations = DatasetFiles.flat(restricted.resolve(NightlyJob.RESTRICTED_LOCATIONS), "locations",
        AvroSchemas.RESTRICTED_LOCATION, kind);
    byKind = Map.of(SideKind.REJECTED, rejected, SideKind.RAW_REJECTED, rawRejected,
        SideKind.DEAD_LETTER, deadLetters, SideKind.DUPLICATE, duplicates);
    for (OutcomeKind k : OutcomeKind.values()) {
      counts.put(k, new LongAdder());
    }
  }

  /** The checklists complete-list visits are zero-filled against (as the nightly writes them, once). */
  void writeChecklists() throws IOException {
    for (GenericRecord r : ChecklistRecords.of(ProtocolLists.bundled())) {
      checklists.write(r);
    }
  }

  void count(OutcomeKind kind, long n) {
    counts.get(kind).add(n);
  }

  long count(OutcomeKind kind) {
    return counts.get(kind).sum();
  }

  /** A side record of the nightly's helpers: a counter, or a record for its dataset. */
  void side(SideRecord side) {
    SideKind kind = side.kind();
    if (kind == SideKind.COUNT) {
      KV<String, Long> c = SideRecords.decodeCount(side.bytes());
      count(CountKey.decode(c.getKey()).kind(), c.getValue());
      return;
    }
    GenericDatumReader<GenericRecord> reader = readers.get()
        .computeIfAbsent(kind, k -> new GenericDatumReader<>(k.schema()));
    write(byKind.get(kind), SideRecords.decode(kind, side.bytes(), reader));
  }

  /** Writes {@code r} to {@code dataset}, for callers that take no checked exception. */
  static <T> void write(DatasetFiles<T> dataset, T r) {
    try {
      dataset.write(r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One task per file of every dataset: sorts and writes it. */
  List<Callable<Void>> files() {
    List<Callable<Void>> tasks = new ArrayList<>();
    for (DatasetFiles<?> d : List.of(occurrences, events, checklists, cubes, rejected, duplicates, deadLetters,
        rawRejected, locations)) {
      tasks.addAll(d.files());
    }
    return tasks;
  }

  /**
   * Rows per dataset, named and ordered as in the nightly's manifest ({@code cubes/<grid>} for the cubes), from the
   * footers.
   */
  Map<String, Long> rowsByDataset() {
    Map<String, Long> rows = new TreeMap<>();
    for (String dataset : NightlyJob.publishedDatasets(false)) {
      rows.put(dataset, ParquetFooters.count(output.resolve(dataset))[1]);
    }
    for (String grid : List.of("inpn10km", "eea10km", "eea1km")) {
      rows.put(NightlyJob.CUBES + "/" + grid, ParquetFooters.count(output.resolve(NightlyJob.CUBES).resolve(grid))[1]);
    }
    rows.put(NightlyJob.DEAD_LETTER, ParquetFooters.count(restricted.resolve(NightlyJob.DEAD_LETTER))[1]);
    return rows;
  }
}
