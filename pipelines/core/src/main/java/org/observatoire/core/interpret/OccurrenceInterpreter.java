package org.observatoire.core.interpret;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.observatoire.core.flags.Flag;
import org.observatoire.core.geo.Assignment;
import org.observatoire.core.geo.CellAssigner;
import org.observatoire.core.geo.Coordinate;
import org.observatoire.core.geo.Projected;
import org.observatoire.core.geo.ProjectedCrs;
import org.observatoire.core.geo.Reprojector;
import org.observatoire.core.geo.region.RegionLocator;
import org.observatoire.core.geo.region.RegionLookup;
import org.observatoire.core.occurrence.FlatOccurrence;
import org.observatoire.core.occurrence.Occurrence;
import org.observatoire.core.privacy.GeneralizationResult;
import org.observatoire.core.privacy.Generalizer;
import org.observatoire.core.privacy.GridProjection;
import org.observatoire.core.privacy.PlaceFields;
import org.observatoire.core.privacy.Pseudonymizer;
import org.observatoire.core.privacy.ReleaseIds;
import org.observatoire.core.privacy.SensitiveSpecies;
import org.observatoire.core.quality.bdq.BdqParameters;
import org.observatoire.core.quality.bdq.BdqRegistry;
import org.observatoire.core.quality.bdq.BdqTest;
import org.observatoire.core.quality.bdq.Response;
import org.observatoire.core.quality.bdq.Terms;
import org.observatoire.core.quality.coordinates.CoordinateCheck;
import org.observatoire.core.quality.coordinates.CoordinateChecks;
import org.observatoire.core.quality.coordinates.CoordinateFlag;
import org.observatoire.core.quality.coordinates.LatLon;
import org.observatoire.core.quality.coordinates.MetropolitanFrance;
import org.observatoire.core.quality.counts.CountChecks;
import org.observatoire.core.protocol.PackageChecklists;
import org.observatoire.core.taxon.ProtocolChecklist;
import org.observatoire.core.taxon.TaxonMatch;
import org.observatoire.core.time.IsoTimes;
import org.observatoire.core.visits.Visit;

/**
 * Turns a flattened row into a trustworthy public row: taxon matched against the checklist, dates in UTC, quality
 * flags (TDWG BDQ labels where a test exists, project codes otherwise), département/région and grid cells, observer
 * pseudonymised, sensitive species generalised (full precision kept aside for the restricted output). Flags never
 * drop a row. Thread-safe; expensive to build (checklist, boundaries, EPSG database): one per worker.
 */
public final class OccurrenceInterpreter {
  /**
   * BDQ validations run on every row; a NOT_COMPLIANT response becomes a flag named after the test. The coordinate
   * tests are not here: {@link CoordinateChecks} runs them once (same boundary and buffer) and its flags carry the BDQ
   * names (VALIDATION_COORDINATES_NOTZERO; COORDINATE_OUTSIDE_TERRITORY is reported as
   * VALIDATION_COORDINATES_COUNTRYCODE_CONSISTENT, countryCode being FR).
   */
  static final List<String> ROW_VALIDATIONS = List.of(
      "VALIDATION_EVENTDATE_INRANGE",
      "VALIDATION_COUNTRYCODE_STANDARD",
      "VALIDATION_BASISOFRECORD_STANDARD",
      "VALIDATION_OCCURRENCESTATUS_STANDARD");
  /** The taxon "match" of a protocol without checklist (a civic package): no taxon at all. */
  private static final TaxonMatch NOT_MATCHED =
      new TaxonMatch(org.observatoire.core.taxon.MatchType.NONE, null, null, List.of(), List.of());
  /**
   * Project flag: the submission gives no coordinates (some exports, e.g. Propage visits not linked to a transect).
   * The row is published with null coordinates, geometry, région, département and cells; no coordinate check runs,
   * nothing is generalised (no location is published), and the row is in no cube cell.
   */
  public static final String LOCATION_UNKNOWN = "LOCATION_UNKNOWN";
  /** Project flag: the submission names no observer (some exports); {@code recordedBy} is null, no pseudonym. */
  public static final String OBSERVER_UNKNOWN = "OBSERVER_UNKNOWN";
  private static final ZoneId LOCAL_ZONE = ZoneId.of("Europe/Paris");
  private static final long DAY_SECONDS = 86_400;

  private final PackageChecklists checklists;
  private final CoordinateChecks coordinates;
  private final List<BdqTest> validations;
  private final CountChecks counts;
  private final RegionLocator regions;
  private final CellAssigner cells;
  private final Pseudonymizer pseudonymizer;
  private final Generalizer generalizer;
  private final SensitiveSpecies sensitive;
  private final ReleaseIds releaseIds;
  private static final int MEMO_LIMIT = 50_000;
  private final java.util.concurrent.ConcurrentHashMap<String, List<String>> bdqMemo =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final java.util.concurrent.ConcurrentHashMap<Coordinate, Place> placeMemo =
      new java.util.concurrent.ConcurrentHashMap<>();

  private OccurrenceInterpreter(InterpretationSettings settings) {
    MetropolitanFrance france = MetropolitanFrance.load();
    this.checklists = PackageChecklists.bundled();
    this.coordinates = CoordinateChecks.within(france);
    BdqRegistry registry = BdqRegistry.standard(BdqParameters.defaults(settings.referenceDate()), Map.of("FR", france));
    this.validations = ROW_VALIDATIONS.stream()
        .map(label -> registry.byLabel(label)
            .orElseThrow(() -> new IllegalStateException("the BDQ registry has no test " + label)))
        .toList();
    this.counts = CountChecks.of(settings.countExpectations());
    this.regions = RegionLocator.france();
    this.cells = CellAssigner.create(0);
    this.pseudonymizer = Pseudonymizer.of(settings.pseudonymKey());
    Reprojector sis = Reprojector.sis();
    this.sensitive = SensitiveSpecies.loadDefault();
    this.releaseIds = ReleaseIds.of(settings.pseudonymKey(), settings.releaseScope());
    this.generalizer = Generalizer.of(sensitive, GridProjection.of(
        (lat, lon) -> {
          Projected p = sis.toLambert93(Coordinate.of(lat, lon));
          return new double[] {p.x(), p.y()};
        },
        (x, y) -> {
          Coordinate c = sis.unproject(Projected.of(x, y), ProjectedCrs.LAMBERT_93);
          return new double[] {c.lat(), c.lon()};
        },
        "Lambert-93 (EPSG:2154) grid"));
  }

  public static OccurrenceInterpreter create(InterpretationSettings settings) {
    return new OccurrenceInterpreter(settings);
  }

  /** The observer pseudonymizer, shared with whatever else must pseudonymise (rejected submissions). */
  public Pseudonymizer pseudonymizer() {
    return pseudonymizer;
  }

  /**
   * @param row the flattened row and its submitted taxon
   * @param site the declared site's coordinate, for the far-from-site check; null when the submission gives none
   */
  public Interpreted interpret(FlatOccurrence row, LatLon site) {
    Occurrence raw = row.occurrence();
    Set<String> flags = new LinkedHashSet<>(raw.flags());
    Occurrence.Builder b = raw.toBuilder();

    ProtocolChecklist checklist = checklists.of(raw.protocol()).orElse(null);
    TaxonMatch match = checklist == null || row.taxon() == null ? NOT_MATCHED : checklist.match(row.taxon());
    if (checklist != null && match.isMatched() && checklist.isNonTaxon(match.taxonKey())) {
      return Interpreted.nonTaxon(match.taxonKey());
    }
    match.flags().forEach(f -> flags.add(f.code()));
    b.taxonMatchType(checklist == null ? null : match.matchType().name());
    if (match.isMatched()) {
      b.taxonID(match.taxonID())
          .acceptedNameUsageID(match.acceptedNameUsageID())
          .scientificName(match.scientificName())
          .taxonRank(match.taxonRank())
          .vernacularName(match.vernacularName() != null ? match.vernacularName() : raw.vernacularName())
          .kingdom(match.kingdom())
          .taxonClass(match.taxonClass())
          .family(match.family())
          .taxonKey(match.taxonKey());
    }

    dates(raw, b);
    boolean located = raw.decimalLatitude() != null && raw.decimalLongitude() != null;
    if (located) {
      CoordinateCheck check = coordinates.check(raw.decimalLatitude(), raw.decimalLongitude(),
          raw.coordinateUncertaintyInMeters(), site);
      for (CoordinateFlag f : check.flags()) {
        flags.add(f == CoordinateFlag.COORDINATE_OUTSIDE_TERRITORY ? "VALIDATION_COORDINATES_COUNTRYCODE_CONSISTENT"
            : f.name());
      }
    } else {
      // an export without a place: nothing to check, locate, grid or generalise; said once, not invented
      flags.add(LOCATION_UNKNOWN);
      b.decimalLatitude(null).decimalLongitude(null);
    }
    if (checklist != null) {
      // TDWG BDQ is for biodiversity records; civic packages (street reports) have no checklist and no BDQ
      flags.addAll(bdqFlags(raw));
    }

    if (raw.recordedBy() == null || raw.recordedBy().isEmpty()) {
      flags.add(OBSERVER_UNKNOWN);
      b.recordedBy(null);
    } else {
      b.recordedBy(pseudonymizer.pseudonym(raw.recordedBy()));
    }

    RestrictedLocation restricted = null;
    RegionLookup region = null;
    // the matcher decides: synonyms, codes and current names reach the listed taxon; a conflict (a code naming one
    // taxon, a name another) is sensitive when either side is
    var entry = sensitive.lookup(match);
    if (located) {
      double lat = raw.decimalLatitude();
      double lon = raw.decimalLongitude();
      if (entry.isPresent()) {
        GeneralizationResult g = generalizer.generaliseFor(entry.get(), lat, lon, raw.coordinateUncertaintyInMeters());
        if (g.generalised()) {
          restricted = new RestrictedLocation(raw.occurrenceID(), match.taxonKey(), match.scientificName(), lat, lon,
              raw.coordinateUncertaintyInMeters(), g.cellSizeMetres(), raw.occurrenceID(), raw.eventID(),
              raw.locationID());
          lat = g.publicLatitude();
          lon = g.publicLongitude();
          b.decimalLatitude(lat).decimalLongitude(lon)
              .coordinateUncertaintyInMeters(g.publicUncertaintyMetres())
              .dataGeneralizations(g.dataGeneralizations())
              .informationWithheld(g.informationWithheld());
        }
      }

      region = locate(b, lat, lon);
      if (region.isOutsideFrance()) {
        flags.add("LOCATION_OUTSIDE_FRANCE");
      } else if (region.distanceMeters() > 0) {
        flags.add("LOCATION_NEAREST_DEPARTEMENT");
      }
    }

    String regionCode = region == null || region.isOutsideFrance() ? null : region.region().code();
    for (Flag f : counts.check(raw.protocol(),
        raw.individualCount() == null ? null : raw.individualCount().doubleValue(),
        match.taxonKey(), regionCode, raw.month())) {
      flags.add(f.code());
    }
    b.flags(List.copyOf(flags));
    return new Interpreted(b.build(), restricted, entry.map(SensitiveSpecies.Entry::generalisationMetres).orElse(0));
  }

  /** Sets the région, département and cells of a public point; returns the lookup. */
  private RegionLookup locate(Occurrence.Builder b, double lat, double lon) {
    Place place = place(Coordinate.of(lat, lon));
    RegionLookup region = place.region();
    if (region.isOutsideFrance()) {
      b.county(null).departementCode(null).stateProvince(null).regionCode(null);
    } else {
      b.county(region.departement().name()).departementCode(region.departement().code())
          .stateProvince(region.region().name()).regionCode(region.region().code());
    }
    Assignment own = place.cells();
    b.inpn10km(own.inpn10km().code()).eea10km(own.eea10km().code()).eea1km(own.eea1km().code());
    return region;
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
    Map<String, RestrictedLocation> byPublishedId = new HashMap<>();
    for (RestrictedLocation r : precise) {
      byPublishedId.put(r.publishedOccurrenceID(), r);
    }
    List<Occurrence> out = new ArrayList<>(rows.size());
    List<RestrictedLocation> restricted = new ArrayList<>(rows.size());
    for (Occurrence row : rows) {
      RestrictedLocation p = byPublishedId.get(row.occurrenceID());
      Occurrence.Builder b = row.toBuilder()
          .occurrenceID(releaseIds.opaque("occurrence", row.occurrenceID()))
          .eventID(releaseIds.opaque("event", row.eventID()))
          .parentEventID(releaseIds.opaque("event", row.parentEventID()))
          .locationID(releaseIds.opaque("location", row.locationID()))
          .submissionId(releaseIds.opaque("submission", row.submissionId()))
          .locality(null)
          .dynamicProperties(PlaceFields.without(row.dynamicProperties()));
      Double lat = p != null ? Double.valueOf(p.decimalLatitude()) : row.decimalLatitude();
      Double lon = p != null ? Double.valueOf(p.decimalLongitude()) : row.decimalLongitude();
      if (lat != null && lon != null) {
        Double uncertainty = p != null ? p.coordinateUncertaintyInMeters() : row.coordinateUncertaintyInMeters();
        String withheld = p != null && row.informationWithheld() != null ? row.informationWithheld() : why;
        GeneralizationResult g = generalizer.generaliseTo(cellMetres, lat, lon, uncertainty, withheld);
        b.decimalLatitude(g.publicLatitude()).decimalLongitude(g.publicLongitude())
            .coordinateUncertaintyInMeters(g.publicUncertaintyMetres())
            .dataGeneralizations(g.dataGeneralizations())
            .informationWithheld(g.informationWithheld());
        locate(b, g.publicLatitude(), g.publicLongitude());
      }
      Occurrence withheldRow = b.build();
      out.add(withheldRow);
      if (lat != null && lon != null) {
        restricted.add(new RestrictedLocation(p != null ? p.occurrenceID() : row.occurrenceID(), row.taxonKey(),
            row.scientificName(), lat, lon, p != null ? p.coordinateUncertaintyInMeters()
                : row.coordinateUncertaintyInMeters(), cellMetres, withheldRow.occurrenceID(),
            p != null && p.eventID() != null ? p.eventID() : row.eventID(),
            p != null && p.locationID() != null ? p.locationID() : row.locationID()));
      }
    }
    return new WithheldEvent(out, restricted, visit == null ? null : withhold(visit, cellMetres));
  }

  private Visit withhold(Visit v, int cellMetres) {
    Double lat = null;
    Double lon = null;
    if (v.siteLatitude() != null && v.siteLongitude() != null) {
      GeneralizationResult g = generalizer.generaliseTo(cellMetres, v.siteLatitude(), v.siteLongitude(), null, "");
      lat = g.publicLatitude();
      lon = g.publicLongitude();
    }
    return new Visit(releaseIds.opaque("event", v.eventID()), v.protocol(),
        releaseIds.opaque("submission", v.submissionId()), releaseIds.opaque("location", v.locationID()),
        v.eventDate(), v.year(), v.month(), v.startTime(), v.durationMinutes(), v.pointCount(),
        v.transectLengthMeters(), lat, lon, v.completeList(), v.samplingProtocol(), v.sampleSizeMinutes(),
        v.samplingEffort());
  }

  /** The public rows, restricted locations and visit of a generalised event. */
  public record WithheldEvent(List<Occurrence> rows, List<RestrictedLocation> restricted, Visit visit) {}

  /** The cell size the shipped list gives a checklist key, 0 when the key is not sensitive. */
  public int sensitiveCellMetres(String taxonKey) {
    return sensitive.lookupKey(taxonKey).map(SensitiveSpecies.Entry::generalisationMetres).orElse(0);
  }

  private void dates(Occurrence raw, Occurrence.Builder b) {
    String time = raw.eventTime();
    if (time == null) {
      b.eventDateUtc(eventDateUtc(raw.eventDate(), null))
          .verbatimEventDate(raw.eventDate())
          .temporalUncertaintyInSeconds(DAY_SECONDS);
      return;
    }
    b.eventDateUtc(eventDateUtc(raw.eventDate(), time))
        .verbatimEventDate(raw.eventDate() + "T" + time)
        .temporalUncertaintyInSeconds(raw.sampleSizeValue() == null ? 60L
            : Math.max(1L, Math.round(raw.sampleSizeValue() * 60)));
  }

  /** The last date and time turned into UTC, with the result: immutable, so threads may share the field. */
  private record UtcDate(String date, String time, String utc) {}

  private volatile UtcDate lastUtcDate;

  /**
   * The UTC instant of a local date (its start, in France's zone) or of a date and an offset time. The rows of a
   * submission share their date and time, so the last answer is kept: java.time's parsing and formatting were a
   * twentieth of the streaming job's CPU.
   */
  private String eventDateUtc(String eventDate, String time) {
    UtcDate last = lastUtcDate;
    if (last != null && last.date().equals(eventDate) && java.util.Objects.equals(last.time(), time)) {
      return last.utc();
    }
    String utc = time == null ? IsoTimes.date(eventDate).atStartOfDay(LOCAL_ZONE).toInstant().toString()
        : IsoTimes.utcText(eventDate, time);
    lastUtcDate = new UtcDate(eventDate, time, utc);
    return utc;
  }

  /**
   * The labels of the row-level BDQ validations the row fails. They depend only on four terms, which the rows of a
   * submission nearly always share, so results are memoised (bounded; deterministic, so sharing across threads is
   * safe).
   */
  private List<String> bdqFlags(Occurrence raw) {
    String key = raw.eventDate() + '\u001f' + raw.countryCode() + '\u001f' + raw.basisOfRecord() + '\u001f'
        + raw.occurrenceStatus();
    List<String> known = bdqMemo.get(key);
    if (known != null) {
      return known;
    }
    Terms terms = Terms.of(terms(raw));
    List<String> failed = new ArrayList<>(2);
    for (BdqTest test : validations) {
      if (Response.NOT_COMPLIANT.equals(test.run(terms).result())) {
        failed.add(test.label());
      }
    }
    List<String> result = List.copyOf(failed);
    if (bdqMemo.size() >= MEMO_LIMIT) {
      bdqMemo.clear();
    }
    bdqMemo.put(key, result);
    return result;
  }

  /** Région, département and cells of a point; the rows of a submission share a few points, so memoised. */
  private Place place(Coordinate where) {
    Place known = placeMemo.get(where);
    if (known != null) {
      return known;
    }
    Place p = new Place(regions.locate(where), cells.cellsOf(where));
    if (placeMemo.size() >= MEMO_LIMIT) {
      placeMemo.clear();
    }
    placeMemo.put(where, p);
    return p;
  }

  private record Place(RegionLookup region, Assignment cells) {}

  private static Map<String, String> terms(Occurrence o) {
    Map<String, String> t = new HashMap<>(16);
    t.put("dwc:eventDate", o.eventDate());
    t.put("dwc:countryCode", o.countryCode());
    t.put("dwc:basisOfRecord", o.basisOfRecord());
    t.put("dwc:occurrenceStatus", o.occurrenceStatus());
    return t;
  }
}
