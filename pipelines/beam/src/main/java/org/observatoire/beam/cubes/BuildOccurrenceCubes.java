package org.observatoire.beam.cubes;

import java.nio.ByteBuffer;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.observatoire.beam.avro.AvroRecordCoder;
import org.observatoire.beam.avro.OccurrencePicker;
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
import org.observatoire.beam.transforms.SideRecords;
import org.observatoire.core.ingest.RawLine;
import org.observatoire.core.ingest.SourceRef;
import org.observatoire.core.run.CountKey;
import org.observatoire.core.run.OutcomeKind;
import org.observatoire.core.geo.Assignment;
import org.observatoire.core.geo.CellAssigner;
import org.observatoire.core.geo.Coordinate;

/**
 * Builds species occurrence cubes (taxon × grid cell × month × protocol) for the INPN 10 km and EEA 10 km and 1 km
 * grids, as the GBIF / B-Cubed cube specification describes: each occurrence is a circle of its coordinate
 * uncertainty (1000 m when unknown), assigned to one cell at a seeded random point inside it, the same for any runner
 * or parallelism. Rows without a matched taxon are not cubed, nor rows without a location (flag LOCATION_UNKNOWN: no
 * cell to put them in); the run manifest counts the latter ({@code occurrenceRowsWithoutLocation}) and so does the
 * Beam counter {@link #NOT_CUBED_WITHOUT_LOCATION}. Rows without an observer count in no cell's distinct observers. Public rows only: sensitive species are already
 * generalised. The input is the curated submissions: the cubes' columns are read straight from each one's occurrence
 * block ({@link OccurrencePicker}), without decoding its rows into records.
 */
public final class BuildOccurrenceCubes extends PTransform<PCollection<GenericRecord>, PCollectionTuple> {
  static final String[] GRIDS = {"inpn10km", "eea10km", "eea1km"};
  /** Beam counter (namespace: this class): rows with a matched taxon but no location, in no cube cell. */
  public static final String NOT_CUBED_WITHOUT_LOCATION = "occurrencesWithoutLocation";
  private static final char SEP = '\u001f';
  private static final String NO_HIGHER_TAXON = "\u0000";
  /**
   * Group keys starting so hold the dead letters of submissions whose contributions failed (key: this prefix, file,
   * protocol): they ride the cells' shuffle, so the cells stay a single-output stage (see {@link SideRecords}).
   */
  private static final String FAILED = "\u0000failed" + SEP;
  private static final TupleTag<GenericRecord> CUBES = new TupleTag<>() {};
  private static final TupleTag<KV<String, byte[]>> SIDE = new TupleTag<>() {};

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
  public TupleTag<KV<String, byte[]>> sideTag() {
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
    private static final List<String> COLUMNS = List.of("taxonKey", "occurrenceID", "decimalLatitude",
        "decimalLongitude", "coordinateUncertaintyInMeters", "year", "month", "class", "kingdom", "individualCount",
        "parentEventID", "eventID", "temporalUncertaintyInSeconds", "taxonID", "scientificName", "taxonRank",
        "recordedBy", "protocol");
    private static final int TAXON_KEY = 0;
    private static final int OCCURRENCE_ID = 1;
    private static final int LATITUDE = 2;
    private static final int LONGITUDE = 3;
    private static final int UNCERTAINTY = 4;
    private static final int YEAR = 5;
    private static final int MONTH = 6;
    private static final int CLASS = 7;
    private static final int KINGDOM = 8;
    private static final int COUNT = 9;
    private static final int PARENT_EVENT = 10;
    private static final int EVENT = 11;
    private static final int TEMPORAL = 12;
    private static final int TAXON_ID = 13;
    private static final int SCIENTIFIC_NAME = 14;
    private static final int RANK = 15;
    private static final int RECORDED_BY = 16;
    private static final int PROTOCOL = 17;

    private final long seed;
    private transient CellAssigner assigner;
    private transient OccurrencePicker picker;
    /** The current submission's contributions by group key, in the order the groups were met. */
    private transient Map<String, CubeContribution.Batch> batches;
    private final org.apache.beam.sdk.metrics.Counter withoutLocation =
        org.apache.beam.sdk.metrics.Metrics.counter(BuildOccurrenceCubes.class, NOT_CUBED_WITHOUT_LOCATION);

    AssignCellsFn(long seed) {
      this.seed = seed;
    }

    @Setup
    public void setup() {
      assigner = CellAssigner.create(seed);
      picker = OccurrencePicker.of(COLUMNS);
      batches = new LinkedHashMap<>();
    }

    @ProcessElement
    public void process(@Element GenericRecord submission, OutputReceiver<KV<String, byte[]>> out) {
      batches.clear();
      try {
        picker.rows((ByteBuffer) submission.get("occurrences"), this::contribute);
      } catch (RuntimeException e) { // one submission's failure costs its contributions, never the run
        String file = submission.get("sourceFile").toString();
        RawLine record = RawLine.of(SourceRef.of(file, (Long) submission.get("sourceLine")),
            SideRecords.of(SideRecords.REPEATED, submission).getValue()); // the curated record's Avro bytes
        out.output(KV.of(FAILED + file + SEP + submission.get("protocol"),
            SideRecords.of(SideRecords.DEAD_LETTER, AvroRecords.deadLetter(record, "cubes", e)).getValue()));
        return;
      }
      batches.forEach((key, batch) -> out.output(KV.of(key, batch.toByteArray())));
    }

    private void contribute(Object[] o) {
      String taxonKey = (String) o[TAXON_KEY];
      if (taxonKey == null) {
        return;
      }
      if (o[LATITUDE] == null || o[LONGITUDE] == null) {
        withoutLocation.inc(); // no place, so no cell: counted, not guessed
        return;
      }
      Double uncertainty = (Double) o[UNCERTAINTY];
      Assignment a = assigner.assign((String) o[OCCURRENCE_ID],
          Coordinate.of((Double) o[LATITUDE], (Double) o[LONGITUDE]), uncertainty);
      String[] cells = {a.inpn10km().code(), a.eea10km().code(), a.eea1km().code()};
      int month = (Integer) o[MONTH];
      String yearMonth = o[YEAR] + (month < 10 ? "-0" : "-") + month;
      Object higher = o[CLASS] != null ? o[CLASS] : o[KINGDOM];
      Integer count = (Integer) o[COUNT];
      Object parent = o[PARENT_EVENT];
      Long temporal = (Long) o[TEMPORAL];
      byte[] c = new CubeContribution(taxonKey, (String) o[TAXON_ID], (String) o[SCIENTIFIC_NAME],
          (String) o[RANK], (String) o[RECORDED_BY], (String) (parent != null ? parent : o[EVENT]),
          count == null ? 0L : count.longValue(), a.uncertaintyMeters(), temporal == null ? Long.MAX_VALUE : temporal)
          .encode();
      String rest = SEP + (higher == null ? NO_HIGHER_TAXON : higher.toString()) + SEP + o[PROTOCOL] + SEP
          + yearMonth;
      for (int g = 0; g < GRIDS.length; g++) {
        batches.computeIfAbsent(GRIDS[g] + SEP + cells[g] + rest, k -> new CubeContribution.Batch()).add(c);
      }
    }
  }

  /** Per taxon of a group: occurrences, individuals, minima, distinct observers and visits; the higher taxon's total. */
  static final class MeasureFn extends DoFn<KV<String, Iterable<byte[]>>, GenericRecord> {
    @ProcessElement
    public void process(@Element KV<String, Iterable<byte[]>> group, MultiOutputReceiver outs) {
      if (group.getKey().startsWith(FAILED)) {
        String[] fp = group.getKey().substring(FAILED.length()).split(String.valueOf(SEP), -1);
        long n = 0;
        for (byte[] deadLetter : group.getValue()) {
          outs.get(SIDE).output(KV.of(SideRecords.DEAD_LETTER, deadLetter));
          n++;
        }
        outs.get(SIDE).output(SideRecords.count(CountKey.of(fp[0], fp[1], OutcomeKind.STAGE_FAILURES), n));
        return;
      }
      OutputReceiver<GenericRecord> out = outs.get(CUBES);
      String[] k = group.getKey().split(String.valueOf(SEP), -1);
      // k: grid, cell, higher taxon, protocol, yearMonth
      Map<String, TaxonMeasures> byTaxon = new TreeMap<>();
      long higherOccurrences = 0;
      for (byte[] batch : group.getValue()) {
        CubeContribution.Batch.forEach(batch,
            c -> byTaxon.computeIfAbsent(c.taxonKey(), t -> new TaxonMeasures(c)).add(c));
      }
      for (TaxonMeasures m : byTaxon.values()) {
        higherOccurrences += m.occurrences;
      }
      for (TaxonMeasures m : byTaxon.values()) {
        GenericData.Record r = new GenericData.Record(CubeSchemas.CUBE);
        r.put("grid", k[0]);
        r.put("cellCode", k[1]);
        r.put("taxonKey", m.names.taxonKey());
        r.put("taxonID", m.names.taxonID());
        r.put("scientificName", m.names.scientificName());
        r.put("taxonRank", m.names.taxonRank());
        r.put("protocol", k[3]);
        r.put("year", Integer.parseInt(k[4].substring(0, k[4].lastIndexOf('-')))); // any year, not 4 digits
        r.put("yearMonth", k[4]);
        r.put("occurrences", m.occurrences);
        r.put("individuals", m.individuals);
        r.put("distinctObservers", (long) m.observers.size());
        r.put("distinctVisits", (long) m.visits.size());
        r.put("minCoordinateUncertaintyInMeters", m.minUncertainty);
        r.put("minTemporalUncertaintyInSeconds", m.minTemporal);
        r.put("higherTaxon", NO_HIGHER_TAXON.equals(k[2]) ? null : k[2]);
        r.put("higherTaxonOccurrences", higherOccurrences);
        out.output(r);
      }
    }
  }

  /** One taxon's measures in a group; its names are the smallest contribution's (by name, then ID, then rank). */
  private static final class TaxonMeasures {
    private static final Comparator<String> NULLS_FIRST = Comparator.nullsFirst(Comparator.naturalOrder());
    private static final Comparator<CubeContribution> BY_NAMES = Comparator
        .comparing(CubeContribution::scientificName, NULLS_FIRST)
            .thenComparing(CubeContribution::taxonID, NULLS_FIRST)
            .thenComparing(CubeContribution::taxonRank, NULLS_FIRST);
    CubeContribution names;
    final Set<String> observers = new HashSet<>();
    final Set<String> visits = new HashSet<>();
    long occurrences;
    long individuals;
    double minUncertainty = Double.POSITIVE_INFINITY;
    long minTemporal = Long.MAX_VALUE;

    TaxonMeasures(CubeContribution first) {
      this.names = first;
    }

    void add(CubeContribution c) {
      if (c != names && BY_NAMES.compare(c, names) < 0) {
        names = c;
      }
      occurrences++;
      individuals += c.individuals();
      minUncertainty = Math.min(minUncertainty, c.uncertaintyMeters());
      minTemporal = Math.min(minTemporal, c.temporalUncertaintySeconds());
      if (c.observer() != null) {
        observers.add(c.observer()); // an unknown observer (OBSERVER_UNKNOWN) is no distinct observer
      }
      visits.add(c.visit());
    }
  }
}
