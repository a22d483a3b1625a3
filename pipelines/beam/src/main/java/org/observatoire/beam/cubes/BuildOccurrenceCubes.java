package org.observatoire.beam.cubes;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.coders.CannotProvideCoderException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.observatoire.beam.avro.AvroRecordCoder;
import org.apache.beam.sdk.transforms.Combine;
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

  private final long seed;

  private BuildOccurrenceCubes(long seed) {
    this.seed = seed;
  }

  public static BuildOccurrenceCubes withSeed(long seed) {
    return new BuildOccurrenceCubes(seed);
  }

  @Override
  public PCollection<GenericRecord> expand(PCollection<GenericRecord> occurrences) {
    PCollection<KV<String, GenericRecord>> contributions = occurrences
        .apply("AssignCells", ParDo.of(new AssignCellsFn(seed)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), AvroRecordCoder.of(CubeSchemas.CUBE)));
    return contributions
        .apply("MeasureGroups", Combine.perKey(new MeasureFn()))
        .apply("KeyByHigherTaxon", ParDo.of(new KeyByHigherTaxonFn()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(),
            KvCoder.of(StringUtf8Coder.of(), AvroRecordCoder.of(CubeSchemas.CUBE))))
        .apply("GroupByHigherTaxon", GroupByKey.create())
        .apply("CountHigherTaxon", ParDo.of(new CountHigherTaxonFn()))
        .setCoder(AvroRecordCoder.of(CubeSchemas.CUBE));
  }

  /** One contribution per grid: a one-occurrence cube row keyed by its group. */
  static final class AssignCellsFn extends DoFn<GenericRecord, KV<String, GenericRecord>> {
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
    public void process(@Element GenericRecord o, OutputReceiver<KV<String, GenericRecord>> out) {
      Object taxonKey = o.get("taxonKey");
      if (taxonKey == null) {
        return;
      }
      Double uncertainty = (Double) o.get("coordinateUncertaintyInMeters");
      Assignment a = assigner.assign(o.get("occurrenceID").toString(),
          Coordinate.of((Double) o.get("decimalLatitude"), (Double) o.get("decimalLongitude")), uncertainty);
      String[] cells = {a.inpn10km().code(), a.eea10km().code(), a.eea1km().code()};
      int year = (Integer) o.get("year");
      String yearMonth = String.format("%04d-%02d", year, (Integer) o.get("month"));
      Object higher = o.get("class") != null ? o.get("class") : o.get("kingdom");
      Integer count = (Integer) o.get("individualCount");
      Object parent = o.get("parentEventID");
      String visit = (parent != null ? parent : o.get("eventID")).toString();
      for (int g = 0; g < GRIDS.length; g++) {
        GenericData.Record r = new GenericData.Record(CubeSchemas.CUBE);
        r.put("grid", GRIDS[g]);
        r.put("cellCode", cells[g]);
        r.put("taxonKey", taxonKey.toString());
        r.put("taxonID", str(o.get("taxonID")));
        r.put("scientificName", str(o.get("scientificName")));
        r.put("taxonRank", str(o.get("taxonRank")));
        r.put("protocol", o.get("protocol").toString());
        r.put("year", year);
        r.put("yearMonth", yearMonth);
        r.put("occurrences", 1L);
        r.put("individuals", count == null ? 0L : count.longValue());
        r.put("distinctObservers", 0L);
        r.put("distinctVisits", 0L);
        r.put("minCoordinateUncertaintyInMeters", a.uncertaintyMeters());
        r.put("minTemporalUncertaintyInSeconds", (Long) o.get("temporalUncertaintyInSeconds"));
        r.put("higherTaxon", str(higher));
        r.put("higherTaxonOccurrences", 0L);
        String key = GRIDS[g] + SEP + cells[g] + SEP + taxonKey + SEP + o.get("protocol") + SEP + yearMonth;
        out.output(KV.of(key + SEP + o.get("recordedBy") + SEP + visit, r));
      }
    }

    private static String str(Object o) {
      return o == null ? null : o.toString();
    }
  }

  /** Combines contributions: counts, sums, minima, distinct observers and visits. */
  static final class MeasureFn extends Combine.CombineFn<GenericRecord, CubeAccumulator, GenericRecord> {
    @Override
    public CubeAccumulator createAccumulator() {
      return new CubeAccumulator();
    }

    @Override
    public CubeAccumulator addInput(CubeAccumulator acc, GenericRecord r) {
      CubeAccumulator one = new CubeAccumulator();
      one.taxonID = (String) str(r.get("taxonID"));
      one.scientificName = (String) str(r.get("scientificName"));
      one.taxonRank = (String) str(r.get("taxonRank"));
      one.higherTaxon = (String) str(r.get("higherTaxon"));
      one.occurrences = (Long) r.get("occurrences");
      one.individuals = (Long) r.get("individuals");
      one.minUncertainty = (Double) r.get("minCoordinateUncertaintyInMeters");
      one.minTemporal = (Long) r.get("minTemporalUncertaintyInSeconds");
      acc.merge(one);
      return acc;
    }

    @Override
    public CubeAccumulator mergeAccumulators(Iterable<CubeAccumulator> accs) {
      CubeAccumulator all = new CubeAccumulator();
      for (CubeAccumulator a : accs) {
        all.merge(a);
      }
      return all;
    }

    @Override
    public GenericRecord extractOutput(CubeAccumulator acc) {
      GenericData.Record r = new GenericData.Record(CubeSchemas.CUBE);
      // the group's dimensions are in its key; KeyByHigherTaxonFn fills them in
      for (String dimension : new String[] {"grid", "cellCode", "taxonKey", "protocol", "yearMonth"}) {
        r.put(dimension, "");
      }
      r.put("year", 0);
      r.put("taxonID", acc.taxonID);
      r.put("scientificName", acc.scientificName);
      r.put("taxonRank", acc.taxonRank);
      r.put("higherTaxon", acc.higherTaxon);
      r.put("occurrences", acc.occurrences);
      r.put("individuals", acc.individuals);
      r.put("minCoordinateUncertaintyInMeters", acc.minUncertainty);
      r.put("minTemporalUncertaintyInSeconds", acc.minTemporal);
      r.put("distinctObservers", 0L);
      r.put("distinctVisits", 0L);
      r.put("higherTaxonOccurrences", 0L);
      return r;
    }

    @Override
    public Coder<CubeAccumulator> getAccumulatorCoder(CoderRegistry registry, Coder<GenericRecord> input)
        throws CannotProvideCoderException {
      return new CubeAccumulatorCoder();
    }

    private static Object str(Object o) {
      return o == null ? null : o.toString();
    }
  }

  /**
   * Combining was per (group, observer, visit); this re-keys each partial by (grid, cell, higher taxon, protocol,
   * month) so that one pass counts distinct observers and visits per taxon and the higher taxon's occurrences.
   */
  static final class KeyByHigherTaxonFn
      extends DoFn<KV<String, GenericRecord>, KV<String, KV<String, GenericRecord>>> {
    @ProcessElement
    public void process(@Element KV<String, GenericRecord> kv,
        OutputReceiver<KV<String, KV<String, GenericRecord>>> out) {
      String[] k = kv.getKey().split(String.valueOf(SEP), -1);
      // k: grid, cell, taxonKey, protocol, yearMonth, observer, visit
      GenericData.Record r = new GenericData.Record(CubeSchemas.CUBE);
      GenericRecord m = kv.getValue();
      for (Schema.Field f : CubeSchemas.CUBE.getFields()) {
        r.put(f.pos(), m.get(f.pos()));
      }
      r.put("grid", k[0]);
      r.put("cellCode", k[1]);
      r.put("taxonKey", k[2]);
      r.put("protocol", k[3]);
      r.put("yearMonth", k[4]);
      r.put("year", Integer.parseInt(k[4].substring(0, 4)));
      String group = k[0] + SEP + k[1] + SEP + m.get("higherTaxon") + SEP + k[3] + SEP + k[4];
      out.output(KV.of(group, KV.of(k[5] + SEP + k[6], r)));
    }
  }

  /** Final pass: per taxon of the group, distinct observers and visits; the higher taxon's occurrences. */
  static final class CountHigherTaxonFn
      extends DoFn<KV<String, Iterable<KV<String, GenericRecord>>>, GenericRecord> {
    @ProcessElement
    public void process(@Element KV<String, Iterable<KV<String, GenericRecord>>> group,
        OutputReceiver<GenericRecord> out) {
      Map<String, GenericData.Record> byTaxon = new TreeMap<>();
      Map<String, Set<String>> observers = new HashMap<>();
      Map<String, Set<String>> visits = new HashMap<>();
      long higherOccurrences = 0;
      for (KV<String, GenericRecord> kv : group.getValue()) {
        String[] observerVisit = kv.getKey().split(String.valueOf(SEP), -1);
        GenericRecord partial = kv.getValue();
        String taxon = partial.get("taxonKey").toString();
        long n = (Long) partial.get("occurrences");
        higherOccurrences += n;
        observers.computeIfAbsent(taxon, t -> new HashSet<>()).add(observerVisit[0]);
        visits.computeIfAbsent(taxon, t -> new HashSet<>()).add(observerVisit[1]);
        GenericData.Record row = byTaxon.get(taxon);
        if (row == null) {
          row = new GenericData.Record(CubeSchemas.CUBE);
          for (Schema.Field f : CubeSchemas.CUBE.getFields()) {
            row.put(f.pos(), partial.get(f.pos()));
          }
          byTaxon.put(taxon, row);
        } else {
          row.put("occurrences", (Long) row.get("occurrences") + n);
          row.put("individuals", (Long) row.get("individuals") + (Long) partial.get("individuals"));
          row.put("minCoordinateUncertaintyInMeters", Math.min((Double) row.get("minCoordinateUncertaintyInMeters"),
              (Double) partial.get("minCoordinateUncertaintyInMeters")));
          row.put("minTemporalUncertaintyInSeconds", Math.min((Long) row.get("minTemporalUncertaintyInSeconds"),
              (Long) partial.get("minTemporalUncertaintyInSeconds")));
        }
      }
      for (Map.Entry<String, GenericData.Record> e : byTaxon.entrySet()) {
        GenericData.Record r = e.getValue();
        r.put("distinctObservers", (long) observers.get(e.getKey()).size());
        r.put("distinctVisits", (long) visits.get(e.getKey()).size());
        r.put("higherTaxonOccurrences", higherOccurrences);
        out.output(r);
      }
    }
  }
}
