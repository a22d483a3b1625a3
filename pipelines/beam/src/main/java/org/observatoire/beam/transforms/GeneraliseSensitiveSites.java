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
import org.apache.beam.sdk.values.PCollectionView;
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
 * generalised to that cell, with release-scoped opaque ids; their {@code restricted} list then holds every row's
 * full-precision location under its final public id ({@link CollectRestrictedLocations} reads them from there).
 * Submissions at other sites pass through untouched. A single output: on Flink a second output would send every
 * curated submission through one more serialisation to each output's filter.
 */
public final class GeneraliseSensitiveSites extends PTransform<PCollection<GenericRecord>, PCollection<GenericRecord>> {
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
  @Override
  public PCollection<GenericRecord> expand(PCollection<GenericRecord> curated) {
    PCollectionView<Map<String, Integer>> sensitiveSites = sites != null ? sites
        : curated.apply("FindSensitiveSites", FindSensitiveSites.create());
    return curated.apply("GeneraliseAtSensitiveSites",
            ParDo.of(new GeneraliseFn(config, sensitiveSites)).withSideInputs(sensitiveSites))
        .setCoder(AvroRecordCoder.of(AvroSchemas.ACCEPTED));
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
      c.output(generalise(accepted, cell, interpreter));
      generalisedEvents.inc();
      generalisedRows.inc((Integer) accepted.get("occurrenceCount"));
    }
  }

  /**
   * A curated submission generalised to {@code cellMetres}: public rows and visit with release-scoped ids, and its
   * {@code restricted} list rebuilt, one full-precision location per located row under the row's new public id
   * (rows generalised before for their own event keep their precise place and their reason).
   */
  public static GenericRecord generalise(GenericRecord accepted, int cellMetres, OccurrenceInterpreter interpreter) {
    List<Occurrence> rows = AvroRecords.occurrencesOf(accepted).stream().map(AvroRecords::occurrenceOf).toList();
    List<RestrictedLocation> before = AvroRecords.restrictedOf(accepted);
    OccurrenceInterpreter.WithheldEvent w = interpreter.withhold(rows, before, AvroRecords.visitOf(accepted),
        cellMetres, SENSITIVE_SITE);
    return AvroRecords.withEvent(accepted, w.rows(), w.restricted(), w.visit(), cellMetres);
  }
}
