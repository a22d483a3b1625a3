package org.observatoire.beam.transforms;

import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.observatoire.beam.avro.AvroRecordCoder;
import org.observatoire.beam.avro.AvroRecords;
import org.observatoire.beam.avro.AvroSchemas;
import org.observatoire.core.interpret.OccurrenceInterpreter;
import org.observatoire.core.interpret.RestrictedLocation;
import org.observatoire.core.occurrence.Occurrence;

/**
 * Generalises, for the whole release, every visit to a site where a sensitive species was recorded: a later (or
 * earlier) visit to the same STOC square, garden or point without the sensitive species must not show the site
 * precisely either. A site is named by its {@code siteKeys} (the protocol's {@code locationID}, and the submitted
 * points rounded to ~10 m). {@link FindSensitiveSites} collects the widest cell of each sensitive site (a small side
 * input: only sites with a sensitive record); this pass generalises the submissions at those sites whose event was not already
 * generalised to that cell, with release-scoped opaque ids, and emits the full-precision locations of the rows it
 * generalised (restricted). Submissions at other sites pass through untouched.
 */
public final class GeneraliseSensitiveSites extends PTransform<PCollection<GenericRecord>, PCollectionTuple> {
  private static final TupleTag<GenericRecord> CURATED = new TupleTag<>() {};
  private static final TupleTag<GenericRecord> RESTRICTED = new TupleTag<>() {};
  /** informationWithheld of rows generalised because their site had a sensitive species in the release. */
  public static final String SENSITIVE_SITE = "precise coordinates withheld: a sensitive species was recorded at"
      + " this site; full precision only in the restricted dataset";

  private final ProcessingConfig config;
  private final PCollectionView<Map<String, Integer>> sites;

  private GeneraliseSensitiveSites(ProcessingConfig config, PCollectionView<Map<String, Integer>> sites) {
    this.config = java.util.Objects.requireNonNull(config, "config");
    this.sites = sites;
  }

  /** Finds the sensitive sites of its input itself. */
  public static GeneraliseSensitiveSites with(ProcessingConfig config) {
    return new GeneraliseSensitiveSites(config, null);
  }

  /** Uses sites found by {@link FindSensitiveSites} over the same curated submissions (shared with other steps). */
  public static GeneraliseSensitiveSites with(ProcessingConfig config, PCollectionView<Map<String, Integer>> sites) {
    return new GeneraliseSensitiveSites(config, java.util.Objects.requireNonNull(sites, "sites"));
  }

  /** The curated submissions, generalised where their site is sensitive. */
  public TupleTag<GenericRecord> curatedTag() {
    return CURATED;
  }

  /** Restricted-location records of the rows this transform generalised. */
  public TupleTag<GenericRecord> restrictedTag() {
    return RESTRICTED;
  }

  @Override
  public PCollectionTuple expand(PCollection<GenericRecord> curated) {
    PCollectionView<Map<String, Integer>> sensitiveSites = sites != null ? sites
        : curated.apply("FindSensitiveSites", FindSensitiveSites.create());
    PCollectionTuple out = curated.apply("GeneraliseAtSensitiveSites",
        ParDo.of(new GeneraliseFn(config, sensitiveSites)).withSideInputs(sensitiveSites)
            .withOutputTags(CURATED, TupleTagList.of(RESTRICTED)));
    out.get(CURATED).setCoder(AvroRecordCoder.of(AvroSchemas.ACCEPTED));
    out.get(RESTRICTED).setCoder(AvroRecordCoder.of(AvroSchemas.RESTRICTED_LOCATION));
    return out;
  }

  /** Generalises a submission whose site is sensitive in the release to the site's widest cell. */
  static final class GeneraliseFn extends DoFn<GenericRecord, GenericRecord> {
    private final ProcessingConfig config;
    private final PCollectionView<Map<String, Integer>> sitesView;
    private final Counter generalisedEvents = Metrics.counter(GeneraliseSensitiveSites.class, "eventsAtSensitiveSites");
    private final Counter generalisedRows = Metrics.counter(GeneraliseSensitiveSites.class, "rowsAtSensitiveSites");
    private transient OccurrenceInterpreter interpreter;

    GeneraliseFn(ProcessingConfig config, PCollectionView<Map<String, Integer>> sitesView) {
      this.config = config;
      this.sitesView = sitesView;
    }

    @Setup
    public void setup() {
      interpreter = config.processor().interpreter();
    }

    @ProcessElement
    public void process(ProcessContext c) {
      GenericRecord accepted = c.element();
      Map<String, Integer> sites = c.sideInput(sitesView);
      int cell = 0;
      if (!sites.isEmpty()) {
        for (String key : AvroRecords.siteKeysOf(accepted)) {
          cell = Math.max(cell, sites.getOrDefault(key, 0));
        }
      }
      if (cell <= (Integer) accepted.get("generalisationMeters")) {
        c.output(accepted);
        return;
      }
      List<Occurrence> rows = AvroRecords.occurrencesOf(accepted).stream().map(AvroRecords::occurrenceOf).toList();
      List<RestrictedLocation> before = AvroRecords.restrictedOf(accepted);
      java.util.Set<String> alreadyRestricted = new java.util.HashSet<>();
      before.forEach(r -> alreadyRestricted.add(r.occurrenceID()));
      OccurrenceInterpreter.WithheldEvent w = interpreter.withhold(rows, before, AvroRecords.visitOf(accepted), cell,
          SENSITIVE_SITE);
      GenericRecord generalised = AvroRecords.withEvent(accepted, w.rows(), w.restricted(), w.visit(), cell);
      c.output(generalised);
      generalisedEvents.inc();
      generalisedRows.inc(rows.size());
      @SuppressWarnings("unchecked")
      List<GenericRecord> locations = (List<GenericRecord>) generalised.get("restricted");
      for (GenericRecord l : locations) {
        // rows generalised for their own event already went to the restricted output with their submission
        if (!alreadyRestricted.contains(l.get("occurrenceID").toString())) {
          c.output(RESTRICTED, l);
        }
      }
    }
  }
}
