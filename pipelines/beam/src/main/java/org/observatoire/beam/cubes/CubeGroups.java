package org.observatoire.beam.cubes;

import java.nio.ByteBuffer;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.observatoire.beam.avro.OccurrencePicker;
import org.observatoire.core.geo.Assignment;
import org.observatoire.core.geo.CellAssigner;
import org.observatoire.core.geo.Coordinate;

/**
 * The cubes' own logic, without a pipeline ({@link BuildOccurrenceCubes} runs it in Beam, the plain-Java benchmark
 * baseline on a thread pool): a curated submission's contributions, keyed by group (grid, cell, higher taxon,
 * protocol, month) and batched per group ({@link #contributions}); then, once a group's batches are gathered, its cube
 * rows ({@link #measure}). Not thread-safe: one instance per thread.
 */
public final class CubeGroups {
  static final String[] GRIDS = {"inpn10km", "eea10km", "eea1km"};
  static final char SEP = '\u001f';
  private static final String NO_HIGHER_TAXON = "\u0000";
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

  private final CellAssigner assigner;
  private final OccurrencePicker picker = OccurrencePicker.of(COLUMNS);
  /** The current submission's contributions by group key, in the order the groups were met. */
  private final Map<String, CubeContribution.Batch> batches = new LinkedHashMap<>();
  private Runnable withoutLocation;

  private CubeGroups(long seed) {
    this.assigner = CellAssigner.create(seed);
  }

  /** Cells assigned with the cubes' seed (recorded in the run manifest). */
  public static CubeGroups withSeed(long seed) {
    return new CubeGroups(seed);
  }

  /**
   * A curated submission's contributions: one per occurrence with a matched taxon and a location, and grid, handed
   * to {@code out} as one batch per group key, in the order the groups were met. {@code withoutLocation} runs once per
   * row with a matched taxon but no location (no cell to put it in). Throws when a row cannot be assigned; then
   * nothing of the submission was handed on.
   */
  public void contributions(GenericRecord submission, BiConsumer<String, byte[]> out, Runnable withoutLocation) {
    batches.clear();
    this.withoutLocation = withoutLocation;
    picker.rows((ByteBuffer) submission.get("occurrences"), this::contribute);
    batches.forEach((key, batch) -> out.accept(key, batch.toByteArray()));
  }

  private void contribute(Object[] o) {
    String taxonKey = (String) o[TAXON_KEY];
    if (taxonKey == null) {
      return;
    }
    if (o[LATITUDE] == null || o[LONGITUDE] == null) {
      withoutLocation.run(); // no place, so no cell: counted, not guessed
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

  /**
   * The cube rows ({@link CubeSchemas#CUBE}) of one group, from all its batches whatever their order: per taxon,
   * occurrences, individuals, minima, distinct observers and visits; the higher taxon's total.
   */
  public static void measure(String groupKey, Iterable<byte[]> batches, Consumer<GenericRecord> out) {
    String[] k = groupKey.split(String.valueOf(SEP), -1);
    // k: grid, cell, higher taxon, protocol, yearMonth
    Map<String, TaxonMeasures> byTaxon = new TreeMap<>();
    long higherOccurrences = 0;
    for (byte[] batch : batches) {
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
      out.accept(r);
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
