package org.observatoire.beam.cubes;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.observatoire.beam.avro.AvroRecordCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.observatoire.core.geo.Assignment;
import org.observatoire.core.geo.CellAssigner;
import org.observatoire.core.geo.Coordinate;

/**
 * Builds species occurrence cubes (taxon × grid cell × month × protocol) for the INPN 10 km and EEA 10 km and 1 km
 * grids, as the GBIF / B-Cubed cube specification describes: each occurrence is a circle of its coordinate
 * uncertainty (1000 m when unknown), assigned to one cell at a seeded random point inside it, the same for any runner
 * or parallelism. Rows without a matched taxon are not cubed. Public rows only: sensitive species are already
 * generalised.
 */
public final class BuildOccurrenceCubes extends PTransform<PCollection<GenericRecord>, PCollection<GenericRecord>> {
  static final String[] GRIDS = {"inpn10km", "eea10km", "eea1km"};
  private static final char SEP = '\u001f';
  private static final String NO_HIGHER_TAXON = "\u0000";

  private final long seed;

  private BuildOccurrenceCubes(long seed) {
    this.seed = seed;
  }

  public static BuildOccurrenceCubes withSeed(long seed) {
    return new BuildOccurrenceCubes(seed);
  }

  @Override
  public PCollection<GenericRecord> expand(PCollection<GenericRecord> occurrences) {
    return occurrences
        .apply("AssignCells", ParDo.of(new AssignCellsFn(seed)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), CubeContributionCoder.of()))
        .apply("GroupByCellHigherTaxonMonth", GroupByKey.create())
        .apply("Measure", ParDo.of(new MeasureFn()))
        .setCoder(AvroRecordCoder.of(CubeSchemas.CUBE));
  }

  /**
   * One contribution per grid, keyed by (grid, cell, higher taxon, protocol, month): one shuffle then gives each
   * taxon's measures, its distinct observers and visits, and the higher taxon's occurrences.
   */
  static final class AssignCellsFn extends DoFn<GenericRecord, KV<String, CubeContribution>> {
    private final long seed;
    private transient CellAssigner assigner;

    AssignCellsFn(long seed) {
      this.seed = seed;
    }

    @Setup
    public void setup() {
      assigner = CellAssigner.create(seed);
    }

    @ProcessElement
    public void process(@Element GenericRecord o, OutputReceiver<KV<String, CubeContribution>> out) {
      Object taxonKey = o.get("taxonKey");
      if (taxonKey == null) {
        return;
      }
      Double uncertainty = (Double) o.get("coordinateUncertaintyInMeters");
      Assignment a = assigner.assign(o.get("occurrenceID").toString(),
          Coordinate.of((Double) o.get("decimalLatitude"), (Double) o.get("decimalLongitude")), uncertainty);
      String[] cells = {a.inpn10km().code(), a.eea10km().code(), a.eea1km().code()};
      int month = (Integer) o.get("month");
      String yearMonth = o.get("year") + (month < 10 ? "-0" : "-") + month;
      Object higher = o.get("class") != null ? o.get("class") : o.get("kingdom");
      Integer count = (Integer) o.get("individualCount");
      Object parent = o.get("parentEventID");
      Long temporal = (Long) o.get("temporalUncertaintyInSeconds");
      CubeContribution c = new CubeContribution(taxonKey.toString(), str(o.get("taxonID")),
          str(o.get("scientificName")), str(o.get("taxonRank")), str(o.get("recordedBy")),
          (parent != null ? parent : o.get("eventID")).toString(), count == null ? 0L : count.longValue(),
          a.uncertaintyMeters(), temporal == null ? Long.MAX_VALUE : temporal);
      String rest = SEP + (higher == null ? NO_HIGHER_TAXON : higher.toString()) + SEP + o.get("protocol") + SEP
          + yearMonth;
      for (int g = 0; g < GRIDS.length; g++) {
        out.output(KV.of(GRIDS[g] + SEP + cells[g] + rest, c));
      }
    }

    private static String str(Object o) {
      return o == null ? null : o.toString();
    }
  }

  /** Per taxon of a group: occurrences, individuals, minima, distinct observers and visits; the higher taxon's total. */
  static final class MeasureFn extends DoFn<KV<String, Iterable<CubeContribution>>, GenericRecord> {
    @ProcessElement
    public void process(@Element KV<String, Iterable<CubeContribution>> group, OutputReceiver<GenericRecord> out) {
      String[] k = group.getKey().split(String.valueOf(SEP), -1);
      // k: grid, cell, higher taxon, protocol, yearMonth
      Map<String, TaxonMeasures> byTaxon = new TreeMap<>();
      long higherOccurrences = 0;
      for (CubeContribution c : group.getValue()) {
        higherOccurrences++;
        byTaxon.computeIfAbsent(c.taxonKey(), t -> new TaxonMeasures(c)).add(c);
      }
      for (TaxonMeasures m : byTaxon.values()) {
        GenericData.Record r = new GenericData.Record(CubeSchemas.CUBE);
        r.put("grid", k[0]);
        r.put("cellCode", k[1]);
        r.put("taxonKey", m.first.taxonKey());
        r.put("taxonID", m.first.taxonID());
        r.put("scientificName", m.first.scientificName());
        r.put("taxonRank", m.first.taxonRank());
        r.put("protocol", k[3]);
        r.put("year", Integer.parseInt(k[4].substring(0, 4)));
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

  private static final class TaxonMeasures {
    final CubeContribution first;
    final Set<String> observers = new HashSet<>();
    final Set<String> visits = new HashSet<>();
    long occurrences;
    long individuals;
    double minUncertainty = Double.POSITIVE_INFINITY;
    long minTemporal = Long.MAX_VALUE;

    TaxonMeasures(CubeContribution first) {
      this.first = first;
    }

    void add(CubeContribution c) {
      occurrences++;
      individuals += c.individuals();
      minUncertainty = Math.min(minUncertainty, c.uncertaintyMeters());
      minTemporal = Math.min(minTemporal, c.temporalUncertaintySeconds());
      observers.add(String.valueOf(c.observer()));
      visits.add(c.visit());
    }
  }
}
