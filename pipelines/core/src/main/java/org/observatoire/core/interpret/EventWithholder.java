package org.observatoire.core.interpret;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.observatoire.core.occurrence.Occurrence;
import org.observatoire.core.privacy.GeneralizationResult;
import org.observatoire.core.privacy.Generalizer;
import org.observatoire.core.privacy.PlaceFields;
import org.observatoire.core.privacy.ReleaseIds;
import org.observatoire.core.visits.Visit;

/**
 * Generalises a whole event once one of its occurrences is sensitive: see
 * {@link OccurrenceInterpreter#withhold(List, List, Visit, int, String)}. Immutable and thread-safe.
 */
final class EventWithholder {
  private final Generalizer generalizer;
  private final ReleaseIds releaseIds;
  private final PlaceStep places;

  private EventWithholder(Generalizer generalizer, ReleaseIds releaseIds, PlaceStep places) {
    this.generalizer = Objects.requireNonNull(generalizer, "generalizer");
    this.releaseIds = Objects.requireNonNull(releaseIds, "releaseIds");
    this.places = Objects.requireNonNull(places, "places");
  }

  static EventWithholder of(Generalizer generalizer, ReleaseIds releaseIds, PlaceStep places) {
    return new EventWithholder(generalizer, releaseIds, places);
  }

  OccurrenceInterpreter.WithheldEvent withhold(List<Occurrence> rows, List<RestrictedLocation> precise, Visit visit,
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
        places.locate(b, g.publicLatitude(), g.publicLongitude());
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
    return new OccurrenceInterpreter.WithheldEvent(out, restricted,
        visit == null ? null : withhold(visit, cellMetres));
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
}
