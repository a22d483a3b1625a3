package org.observatoire.beam.cubes;

import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.observatoire.beam.avro.AvroRecordCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.observatoire.beam.avro.AvroRecords;
import org.observatoire.beam.transforms.SideKind;
import org.observatoire.beam.transforms.SideRecord;
import org.observatoire.beam.transforms.SideRecords;
import org.observatoire.core.ingest.RawLine;
import org.observatoire.core.ingest.SourceRef;
import org.observatoire.core.run.CountKey;
import org.observatoire.core.run.OutcomeKind;

/**
 * Builds species occurrence cubes (taxon × grid cell × month × protocol) for the INPN 10 km and EEA 10 km and 1 km
 * grids, as the GBIF / B-Cubed cube specification describes: each occurrence is a circle of its coordinate
 * uncertainty (1000 m when unknown), assigned to one cell at a seeded random point inside it, the same for any runner
 * or parallelism. Rows without a matched taxon are not cubed, nor rows without a location (flag LOCATION_UNKNOWN: no
 * cell to put them in); the run manifest counts the latter ({@code occurrenceRowsWithoutLocation}) and so does the
 * Beam counter {@link #NOT_CUBED_WITHOUT_LOCATION}. Rows without an observer count in no cell's distinct
 * observers. Public rows only: sensitive species are already generalised. The input is the curated submissions: the
 * cubes' columns are read straight from each one's occurrence block
 * ({@link org.observatoire.beam.avro.OccurrencePicker}), without decoding its rows into records. The cubes' logic
 * itself is {@link CubeGroups}; this transform runs it with one shuffle.
 */
public final class BuildOccurrenceCubes extends PTransform<PCollection<GenericRecord>, PCollectionTuple> {
  /** Beam counter (namespace: this class): rows with a matched taxon but no location, in no cube cell. */
  public static final String NOT_CUBED_WITHOUT_LOCATION = "occurrencesWithoutLocation";
  private static final char SEP = CubeGroups.SEP;
  /**
   * Group keys starting so hold the dead letters of submissions whose contributions failed (key: this prefix, file,
   * protocol): they ride the cells' shuffle, so the cells stay a single-output stage (see {@link SideRecords}).
   */
  private static final String FAILED = "\u0000failed" + SEP;
  private static final TupleTag<GenericRecord> CUBES = new TupleTag<>() {};
  private static final TupleTag<SideRecord> SIDE = new TupleTag<>() {};

  private final long seed;

  private BuildOccurrenceCubes(long seed) {
    this.seed = seed;
  }

  public static BuildOccurrenceCubes withSeed(long seed) {
    return new BuildOccurrenceCubes(seed);
  }

  /** The cube rows. */
  public TupleTag<GenericRecord> cubesTag() {
    return CUBES;
  }

  /**
   * {@link SideRecords}: a dead letter (stage {@code cubes}) and a {@link OutcomeKind#STAGE_FAILURES} count for each
   * curated submission whose cell assignment failed; the run goes on without its contributions.
   */
  public TupleTag<SideRecord> sideTag() {
    return SIDE;
  }

  @Override
  public PCollectionTuple expand(PCollection<GenericRecord> curated) {
    PCollectionTuple out = curated
        .apply("AssignCells", ParDo.of(new AssignCellsFn(seed)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), ByteArrayCoder.of()))
        .apply("GroupByCellHigherTaxonMonth", GroupByKey.create())
        .apply("Measure", ParDo.of(new MeasureFn()).withOutputTags(CUBES, TupleTagList.of(SIDE)));
    out.get(CUBES).setCoder(AvroRecordCoder.of(CubeSchemas.CUBE));
    out.get(SIDE).setCoder(SideRecords.coder());
    return out;
  }

  /**
   * One contribution per occurrence and grid, keyed by (grid, cell, higher taxon, protocol, month): one shuffle then
   * gives each taxon's measures, its distinct observers and visits, and the higher taxon's occurrences. A
   * submission's contributions to the same group go as one batch ({@link CubeContribution.Batch}).
   */
  static final class AssignCellsFn extends DoFn<GenericRecord, KV<String, byte[]>> {
    private final long seed;
    private transient CubeGroups groups;
    private final org.apache.beam.sdk.metrics.Counter withoutLocation =
        org.apache.beam.sdk.metrics.Metrics.counter(BuildOccurrenceCubes.class, NOT_CUBED_WITHOUT_LOCATION);

    AssignCellsFn(long seed) {
      this.seed = seed;
    }

    @Setup
    public void setup() {
      groups = CubeGroups.withSeed(seed);
    }

    @ProcessElement
    public void process(@Element GenericRecord submission, OutputReceiver<KV<String, byte[]>> out) {
      try {
        groups.contributions(submission, (key, batch) -> out.output(KV.of(key, batch)), withoutLocation::inc);
      } catch (RuntimeException e) { // one submission's failure costs its contributions, never the run
        String file = submission.get("sourceFile").toString();
        out.output(KV.of(FAILED + file + SEP + submission.get("protocol"),
            SideRecords.of(SideKind.DEAD_LETTER, deadLetter(submission, e)).bytes()));
      }
    }
  }

  /** The dead letter (stage {@code cubes}, the curated record's Avro bytes) of a submission that could not be cubed. */
  public static GenericRecord deadLetter(GenericRecord submission, RuntimeException e) {
    RawLine record = RawLine.of(SourceRef.of(submission.get("sourceFile").toString(),
        (Long) submission.get("sourceLine")), SideRecords.of(SideKind.REPEATED, submission).bytes());
    return AvroRecords.deadLetter(record, "cubes", e);
  }

  /** Per taxon of a group: its cube rows ({@link CubeGroups#measure}); failed submissions' dead letters. */
  static final class MeasureFn extends DoFn<KV<String, Iterable<byte[]>>, GenericRecord> {
    @ProcessElement
    public void process(@Element KV<String, Iterable<byte[]>> group, MultiOutputReceiver outs) {
      if (group.getKey().startsWith(FAILED)) {
        String[] fp = group.getKey().substring(FAILED.length()).split(String.valueOf(SEP), -1);
        long n = 0;
        for (byte[] deadLetter : group.getValue()) {
          outs.get(SIDE).output(SideRecord.of(SideKind.DEAD_LETTER, deadLetter));
          n++;
        }
        outs.get(SIDE).output(SideRecords.count(CountKey.of(fp[0], fp[1], OutcomeKind.STAGE_FAILURES), n));
        return;
      }
      CubeGroups.measure(group.getKey(), group.getValue(), outs.get(CUBES)::output);
    }
  }
}
