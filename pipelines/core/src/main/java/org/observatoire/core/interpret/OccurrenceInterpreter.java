package org.observatoire.core.interpret;

import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.observatoire.core.geo.CellAssigner;
import org.observatoire.core.geo.Coordinate;
import org.observatoire.core.geo.Projected;
import org.observatoire.core.geo.ProjectedCrs;
import org.observatoire.core.geo.Reprojector;
import org.observatoire.core.geo.region.RegionLocator;
import org.observatoire.core.geo.region.RegionLookup;
import org.observatoire.core.occurrence.FlatOccurrence;
import org.observatoire.core.occurrence.Occurrence;
import org.observatoire.core.privacy.Generalizer;
import org.observatoire.core.privacy.GridProjection;
import org.observatoire.core.privacy.Pseudonymizer;
import org.observatoire.core.privacy.ReleaseIds;
import org.observatoire.core.privacy.SensitiveSpecies;
import org.observatoire.core.protocol.PackageChecklists;
import org.observatoire.core.quality.bdq.BdqParameters;
import org.observatoire.core.quality.bdq.BdqRegistry;
import org.observatoire.core.quality.bdq.ResponseTally;
import org.observatoire.core.quality.coordinates.CoordinateChecks;
import org.observatoire.core.quality.coordinates.LatLon;
import org.observatoire.core.quality.coordinates.MetropolitanFrance;
import org.observatoire.core.quality.counts.CountChecks;
import org.observatoire.core.visits.Visit;

/**
 * Turns a flattened row into a trustworthy public row through small steps, in this order: taxon (matched against
 * the checklist), temporal (dates in UTC), location (coordinate checks), quality (TDWG BDQ labels where a test
 * exists), privacy (observer pseudonymised, sensitive species generalised, full precision kept aside for the
 * restricted output), regions and cells (of the public point), counts. Flags, project codes otherwise, never drop a
 * row. Each step holds its own reference data; {@link #create} loads the bundled ones. Thread-safe; expensive to
 * build (checklist, boundaries, EPSG database): one per worker.
 */
public final class OccurrenceInterpreter {
  /** @see LocationStep#LOCATION_UNKNOWN */
  public static final String LOCATION_UNKNOWN = LocationStep.LOCATION_UNKNOWN;
  /** @see PrivacyStep#OBSERVER_UNKNOWN */
  public static final String OBSERVER_UNKNOWN = PrivacyStep.OBSERVER_UNKNOWN;
  private static final ZoneId LOCAL_ZONE = ZoneId.of("Europe/Paris");

  private final TaxonStep taxon;
  private final TemporalStep temporal;
  private final LocationStep location;
  private final QualityStep quality;
  private final PrivacyStep privacy;
  private final PlaceStep places;
  private final CountStep counts;
  private final EventWithholder withholder;

  private OccurrenceInterpreter(TaxonStep taxon, TemporalStep temporal, LocationStep location, QualityStep quality,
      PrivacyStep privacy, PlaceStep places, CountStep counts, ReleaseIds releaseIds) {
    this.taxon = Objects.requireNonNull(taxon, "taxon");
    this.temporal = Objects.requireNonNull(temporal, "temporal");
    this.location = Objects.requireNonNull(location, "location");
    this.quality = Objects.requireNonNull(quality, "quality");
    this.privacy = Objects.requireNonNull(privacy, "privacy");
    this.places = Objects.requireNonNull(places, "places");
    this.counts = Objects.requireNonNull(counts, "counts");
    this.withholder = EventWithholder.of(privacy.generalizer(), releaseIds, places);
  }

  /**
   * The interpreter of the bundled reference data: the protocol packages' checklists, metropolitan France's
   * boundary, départements and régions, the grids, the BDQ tests and the sensitive species list; keys, count
   * expectations, reference date (BDQ's latest valid date unless its parameters say otherwise) and the BDQ tests to
   * run from {@code settings}.
   */
  public static OccurrenceInterpreter create(InterpretationSettings settings) {
    MetropolitanFrance france = MetropolitanFrance.load();
    BdqRegistry registry = BdqRegistry.standard(BdqParameters.defaults(settings.referenceDate()), Map.of("FR", france));
    Generalizer generalizer = Generalizer.of(SensitiveSpecies.loadDefault(), lambert93Grid(Reprojector.sis()));
    return of(TaxonStep.of(PackageChecklists.bundled()),
        TemporalStep.in(LOCAL_ZONE),
        LocationStep.of(CoordinateChecks.within(france)),
        QualityStep.of(registry, settings.bdq()),
        PrivacyStep.of(Pseudonymizer.of(settings.pseudonymKey()), generalizer),
        PlaceStep.of(RegionLocator.france(), CellAssigner.create(0)),
        CountStep.of(CountChecks.of(settings.countExpectations())),
        ReleaseIds.of(settings.pseudonymKey(), settings.releaseScope()));
  }

  /**
   * An interpreter composed of the given steps; {@code releaseIds} make the opaque ids of withheld events.
   */
  public static OccurrenceInterpreter of(TaxonStep taxon, TemporalStep temporal, LocationStep location,
      QualityStep quality, PrivacyStep privacy, PlaceStep places, CountStep counts, ReleaseIds releaseIds) {
    return new OccurrenceInterpreter(taxon, temporal, location, quality, privacy, places, counts, releaseIds);
  }

  /** Generalisation cells on the Lambert-93 grid, projected with {@code sis}. */
  private static GridProjection lambert93Grid(Reprojector sis) {
    return GridProjection.of(
        (lat, lon) -> {
          Projected p = sis.toLambert93(Coordinate.of(lat, lon));
          return new double[] {p.x(), p.y()};
        },
        (x, y) -> {
          Coordinate c = sis.unproject(Projected.of(x, y), ProjectedCrs.LAMBERT_93);
          return new double[] {c.lat(), c.lon()};
        },
        "Lambert-93 (EPSG:2154) grid");
  }

  /** The observer pseudonymizer, shared with whatever else must pseudonymise (rejected submissions). */
  public Pseudonymizer pseudonymizer() {
    return privacy.pseudonymizer();
  }

  /**
   * @param row the flattened row and its submitted taxon
   * @param site the declared site's coordinate, for the far-from-site check; null when the submission gives none
   */
  public Interpreted interpret(FlatOccurrence row, LatLon site) {
    return interpret(row, site, true);
  }

  /**
   * The generalisation cell of a row's taxon (0: not sensitive), interpreting it without counting its BDQ responses
   * (for rows that are not published: a rejected submission's).
   */
  public int sensitiveCellMetres(FlatOccurrence row) {
    return interpret(row, null, false).sensitiveCellMetres();
  }

  /**
   * The BDQ responses of the rows interpreted since the last call, counted by {@link ResponseTally#key} (see
   * {@link QualityStep#drainTally}).
   */
  public Map<String, Long> drainBdqTally() {
    return quality.drainTally();
  }

  private Interpreted interpret(FlatOccurrence row, LatLon site, boolean counted) {
    Occurrence raw = row.occurrence();
    TaxonStep.Result matched = taxon.match(row);
    if (matched.nonTaxon()) {
      return Interpreted.nonTaxon(matched.match().taxonKey());
    }
    Set<String> flags = new LinkedHashSet<>(raw.flags());
    Occurrence.Builder b = raw.toBuilder();
    taxon.write(matched, raw, b, flags);
    temporal.interpret(raw, b);
    boolean located = location.interpret(raw, site, b, flags);
    if (matched.checked()) {
      // TDWG BDQ is for biodiversity records; civic packages (street reports) have no checklist and no BDQ
      if (counted) {
        quality.interpret(raw, matched.match(), flags);
      } else {
        flags.addAll(quality.failed(raw, matched.match()));
      }
    }
    privacy.pseudonymise(raw, b, flags);
    Optional<SensitiveSpecies.Entry> sensitive = privacy.sensitiveEntry(matched.match());
    RestrictedLocation restricted = null;
    RegionLookup region = null;
    if (located) {
      double lat = raw.decimalLatitude();
      double lon = raw.decimalLongitude();
      PrivacyStep.Generalised g = sensitive.isEmpty() ? null
          : privacy.generalise(sensitive.get(), raw, matched.match(), b);
      if (g != null) {
        restricted = g.restricted();
        lat = g.publicLatitude();
        lon = g.publicLongitude();
      }
      region = places.interpret(b, lat, lon, flags);
    }
    String regionCode = region == null || region.isOutsideFrance() ? null : region.region().code();
    counts.interpret(raw, matched.match().taxonKey(), regionCode, flags);
    b.flags(List.copyOf(flags));
    return new Interpreted(b.build(), restricted,
        sensitive.map(SensitiveSpecies.Entry::generalisationMetres).orElse(0));
  }

  /**
   * Generalises a whole event (a submission: its visit and every occurrence, sensitive or not) to the centre of its
   * {@code cellMetres} cell, and replaces the ids that would link it to the precise record (occurrence, event,
   * parent event, location and submission ids) by release-scoped opaque ids; localities are withheld and
   * place-like keys are removed from {@code dynamicProperties}. Precise coordinates come from {@code precise} (the
   * restricted locations of rows already generalised) or from the row itself; every located row gets a restricted
   * location. Applying it again (with the same or a wider cell) is safe: ids stay the same.
   *
   * @param why the {@code informationWithheld} of rows not generalised for their own taxon
   */
  public WithheldEvent withhold(List<Occurrence> rows, List<RestrictedLocation> precise, Visit visit,
      int cellMetres, String why) {
    return withholder.withhold(rows, precise, visit, cellMetres, why);
  }

  /** The public rows, restricted locations and visit of a generalised event. */
  public record WithheldEvent(List<Occurrence> rows, List<RestrictedLocation> restricted, Visit visit) {}

  /** The cell size the shipped list gives a checklist key, 0 when the key is not sensitive. */
  public int sensitiveCellMetres(String taxonKey) {
    return privacy.sensitiveCellMetres(taxonKey);
  }
}
