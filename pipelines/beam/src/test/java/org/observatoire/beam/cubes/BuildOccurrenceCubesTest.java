package org.observatoire.beam.cubes;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.testing.PAssert;
import org.junit.jupiter.api.Test;
import org.observatoire.beam.transforms.AcceptedSamples;
import org.observatoire.core.geo.Assignment;
import org.observatoire.core.geo.CellAssigner;
import org.observatoire.core.geo.Coordinate;
import org.observatoire.core.ingest.Outcome;
import org.observatoire.core.occurrence.Occurrence;

/**
 * The cubes of every accepted sample submission, each twice (the same observers and visits again) and twice more
 * under other scientific names, against the cube specification computed here occurrence by occurrence with the
 * core's cell assignment: every row, key, name and measure.
 */
class BuildOccurrenceCubesTest {
  private static final long SEED = 42L;
  /** Row key → measures, by the specification (see the class comment of BuildOccurrenceCubes). */
  private static Map<String, String> expected(List<Outcome.Accepted> submissions) {
    CellAssigner assigner = CellAssigner.create(SEED);
    Map<String, Measures> rows = new TreeMap<>();
    Map<String, Long> higherTotals = new TreeMap<>();
    for (Outcome.Accepted s : submissions) {
      for (Occurrence o : s.occurrences()) {
        if (o.taxonKey() == null || o.decimalLatitude() == null || o.decimalLongitude() == null) {
          continue; // no taxon, or no place (LOCATION_UNKNOWN): in no cube cell
        }
        Assignment a = assigner.assign(o.occurrenceID(), Coordinate.of(o.decimalLatitude(), o.decimalLongitude()),
            o.coordinateUncertaintyInMeters());
        String[] cells = {a.inpn10km().code(), a.eea10km().code(), a.eea1km().code()};
        String[] grids = {"inpn10km", "eea10km", "eea1km"};
        String higher = o.taxonClass() != null ? o.taxonClass() : o.kingdom();
        String yearMonth = String.format("%d-%02d", o.year(), o.month());
        for (int g = 0; g < 3; g++) {
          String group = grids[g] + "|" + cells[g] + "|" + higher + "|" + o.protocol() + "|" + yearMonth;
          higherTotals.merge(group, 1L, Long::sum);
          Measures m = rows.computeIfAbsent(group + "|" + o.taxonKey(), k -> new Measures());
          m.occurrences++;
          m.individuals += o.individualCount() == null ? 0 : o.individualCount();
          if (o.recordedBy() != null) {
            m.observers.add(o.recordedBy()); // an unknown observer (OBSERVER_UNKNOWN) is no distinct observer
          }
          m.visits.add(o.parentEventID() != null ? o.parentEventID() : o.eventID());
          m.minUncertainty = Math.min(m.minUncertainty, a.uncertaintyMeters());
          m.minTemporal = Math.min(m.minTemporal, o.temporalUncertaintyInSeconds() == null ? Long.MAX_VALUE
              : o.temporalUncertaintyInSeconds());
          if (m.names == null || BY_NAMES.compare(o, m.names) < 0) {
            m.names = o;
          }
        }
      }
    }
    Map<String, String> out = new TreeMap<>();
    rows.forEach((key, m) -> {
      String group = key.substring(0, key.lastIndexOf('|'));
      String taxon = m.names.taxonID() + "|" + m.names.scientificName() + "|" + m.names.taxonRank();
      out.put(key, taxon + "|" + m.occurrences + "|" + m.individuals + "|" + m.observers.size() + "|"
          + m.visits.size() + "|" + m.minUncertainty + "|" + m.minTemporal + "|" + higherTotals.get(group));
    });
    return out;
  }

  private static final class Measures {
    long occurrences;
    long individuals;
    final Set<String> observers = new HashSet<>();
    final Set<String> visits = new HashSet<>();
    double minUncertainty = Double.POSITIVE_INFINITY;
    long minTemporal = Long.MAX_VALUE;
    Occurrence names;
  }

  /** The spec's choice of a taxon's names in a group: the smallest by scientific name, then ID, then rank. */
  private static final Comparator<Occurrence> BY_NAMES =
      Comparator.comparing(Occurrence::scientificName, Comparator.nullsFirst(Comparator.<String>naturalOrder()))
          .thenComparing(Occurrence::taxonID, Comparator.nullsFirst(Comparator.<String>naturalOrder()))
          .thenComparing(Occurrence::taxonRank, Comparator.nullsFirst(Comparator.<String>naturalOrder()));

  private static Map<String, String> actual(Iterable<GenericRecord> cubes) {
    Map<String, String> out = new TreeMap<>();
    for (GenericRecord r : cubes) {
      String key = r.get("grid") + "|" + r.get("cellCode") + "|" + r.get("higherTaxon") + "|" + r.get("protocol")
          + "|" + r.get("yearMonth") + "|" + r.get("taxonKey");
      String measures = r.get("taxonID") + "|" + r.get("scientificName") + "|" + r.get("taxonRank") + "|"
          + r.get("occurrences") + "|" + r.get("individuals") + "|" + r.get("distinctObservers") + "|"
          + r.get("distinctVisits") + "|" + r.get("minCoordinateUncertaintyInMeters") + "|"
          + r.get("minTemporalUncertaintyInSeconds") + "|" + r.get("higherTaxonOccurrences");
      String previous = out.put(key, measures);
      if (previous != null) {
        throw new AssertionError("two cube rows for " + key);
      }
      assertThat(key, r.get("year"), equalTo(Integer.parseInt(r.get("yearMonth").toString().substring(0, 4))));
    }
    return out;
  }

  @Test
  void everyCubeRowIsTheSpecifications() throws IOException {
    List<Outcome.Accepted> once = AcceptedSamples.all();
    List<Outcome.Accepted> twice = new ArrayList<>(once);
    twice.addAll(once); // the same occurrences again: merged, but the same observers and visits
    // and again under a name that sorts first or last: a group takes its taxon's smallest names, in any order
    once.forEach(a -> twice.add(renamed(a, "A ")));
    once.forEach(a -> twice.add(renamed(a, "z ")));
    // and again from exports without a place (in no cell) or without an observer (no distinct observer)
    once.forEach(a -> twice.add(changed(a, "-unlocated", o -> o.decimalLatitude(null).decimalLongitude(null)
        .eea10km(null).inpn10km(null).eea1km(null).locationID(null).recordedBy(null))));
    once.forEach(a -> twice.add(changed(a, "-anonymous", o -> o.recordedBy(null))));
    long unlocated = once.stream().flatMap(a -> a.occurrences().stream()).filter(o -> o.taxonKey() != null).count();
    Map<String, String> expected = expected(twice);
    assertThat(expected.size(), greaterThan(100));

    Pipeline p = AcceptedSamples.directPipeline();
    BuildOccurrenceCubes build = BuildOccurrenceCubes.withSeed(SEED);
    PAssert.that(AcceptedSamples.curated(p, twice).apply(build).get(build.cubesTag())).satisfies(cubes -> {
          assertThat(actual(cubes), equalTo(expected));
          return null;
        });
    org.apache.beam.sdk.PipelineResult result = p.run();
    result.waitUntilFinish();
    long counted = 0;
    for (org.apache.beam.sdk.metrics.MetricResult<Long> c : result.metrics().queryMetrics(
        org.apache.beam.sdk.metrics.MetricsFilter.builder().addNameFilter(org.apache.beam.sdk.metrics.MetricNameFilter
            .named(BuildOccurrenceCubes.class, BuildOccurrenceCubes.NOT_CUBED_WITHOUT_LOCATION)).build())
        .getCounters()) {
      counted += c.getAttempted();
    }
    assertThat("the rows left out for want of a place are counted", counted, equalTo(unlocated));
  }

  /** The submission's occurrences changed (with new ids, so that they are other occurrences). */
  private static Outcome.Accepted changed(Outcome.Accepted a, String suffix,
      java.util.function.UnaryOperator<Occurrence.Builder> change) {
    List<Occurrence> changed = a.occurrences().stream()
        .map(o -> change.apply(o.toBuilder().occurrenceID(o.occurrenceID() + suffix)).build()).toList();
    return new Outcome.Accepted(a.source(), a.submissionId() + suffix, a.protocol(), a.protocolVersion(),
        a.submittedAt(), a.contentHash(), changed, List.of(), a.visit());
  }

  /** The submission with each occurrence's scientific name prefixed (same taxon key: a synonym, as it were). */
  private static Outcome.Accepted renamed(Outcome.Accepted a, String prefix) {
    List<Occurrence> changed = a.occurrences().stream().map(o -> o.toBuilder()
        .scientificName(o.scientificName() == null ? null : prefix + o.scientificName()).build()).toList();
    return new Outcome.Accepted(a.source(), a.submissionId(), a.protocol(), a.protocolVersion(), a.submittedAt(),
        a.contentHash(), changed, a.restricted(), a.visit());
  }

  /** A curated record the cells cannot read becomes a dead letter (stage cubes) and the others' cubes are built. */
  @Test
  void aRecordThatFailsInTheCubesIsDeadLetteredAndTheOthersAreCubed() throws IOException {
    List<Outcome.Accepted> all = AcceptedSamples.all().subList(0, 5);
    List<GenericRecord> records = new ArrayList<>(all.stream().map(org.observatoire.beam.avro.AvroRecords::accepted)
        .toList());
    GenericRecord broken = new org.apache.avro.generic.GenericData.Record(
        org.observatoire.beam.avro.AvroSchemas.ACCEPTED);
    for (org.apache.avro.Schema.Field f : broken.getSchema().getFields()) {
      broken.put(f.name(), records.get(0).get(f.name()));
    }
    broken.put("sourceLine", 999L);
    broken.put("occurrences", java.nio.ByteBuffer.wrap(new byte[] {(byte) 0xff, 1, 2, 3, (byte) 0x80, 0x7f}));
    records.add(broken);
    Pipeline p = AcceptedSamples.directPipeline();
    BuildOccurrenceCubes build = BuildOccurrenceCubes.withSeed(SEED);
    org.apache.beam.sdk.values.PCollectionTuple out = p.apply(org.apache.beam.sdk.transforms.Create.of(records)
        .withCoder(org.observatoire.beam.avro.AvroRecordCoder.of(org.observatoire.beam.avro.AvroSchemas.ACCEPTED)))
        .apply(build);
    Map<String, String> expected = expected(all);
    PAssert.that(out.get(build.cubesTag())).satisfies(cubes -> {
      assertThat(actual(cubes), equalTo(expected));
      return null;
    });
    String failureCount = org.observatoire.core.run.CountKey.of(broken.get("sourceFile").toString(),
        broken.get("protocol").toString(), org.observatoire.core.run.OutcomeKind.STAGE_FAILURES).encode() + "\t1";
    PAssert.that(out.get(build.sideTag())).satisfies(side -> {
      List<String> kinds = new ArrayList<>();
      side.forEach(r -> kinds.add(r.kind() == org.observatoire.beam.transforms.SideKind.COUNT
          ? new String(r.bytes(), java.nio.charset.StandardCharsets.UTF_8) : r.kind().name()));
      assertThat(kinds, org.hamcrest.Matchers.containsInAnyOrder("DEAD_LETTER", failureCount));
      return null;
    });
    p.run().waitUntilFinish();
  }
}
