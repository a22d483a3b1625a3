package org.observatoire.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.observatoire.core.protocol.expr.Expression;
import org.observatoire.core.protocol.expr.Expressions;

/**
 * How a package's submissions map to Darwin Core events and occurrences, by JSON Pointer (fields copied as they are)
 * and CEL (values computed from several fields, such as effort). Read from the {@code event}, {@code occurrences}
 * and {@code visit} objects of {@code protocol.json}; see {@code protocols/README.md}.
 */
public final class PackageMapping {
  /** The event (the visit) of a submission. Pointers may be null when the protocol has no such field. */
  public record Event(String samplingProtocol, String date, String time, String startDateTime, String locationID,
      String latitude, String longitude, String coordinateUncertaintyInMeters, List<String> locality,
      Expression sampleSizeMinutes, Template samplingEffortTemplate) {
    /** The sampling effort's text for a submission (as CEL values), or null when the package gives none. */
    public String samplingEffort(Object s) {
      return samplingEffortTemplate == null ? null : samplingEffortTemplate.render(Expressions.vars(s));
    }
  }

  /** Where an occurrence's taxon is, and the identification status it stands for (null: not stated). */
  public record TaxonSource(String pointer, String verificationStatus) {}

  /** Sub-events (e.g. STOC point counts): each occurrence refers to one by {@code ref}, matched on {@code key}. */
  public record SubEvent(String path, String key, String ref, String name, String latitude, String longitude,
      String time) {}

  /**
   * The occurrences of a submission: one per element of the array at {@code path}. A civic package's reports name a
   * {@code category} (e.g. pothole) instead of a taxon.
   */
  public record Occurrences(String path, String basisOfRecord, List<TaxonSource> taxa, String category,
      String individualCount, String remarks, String dateTime, SubEvent subEvent) {}

  /** What a visit of a complete-list protocol is: its effort, computed by CEL. */
  public record Visit(boolean completeList, Expression durationMinutes, Expression pointCount,
      Expression transectLengthMeters) {}

  private final Event event;
  private final Occurrences occurrences;
  private final Visit visit;

  private PackageMapping(Event event, Occurrences occurrences, Visit visit) {
    this.event = event;
    this.occurrences = occurrences;
    this.visit = visit;
  }

  public Event event() {
    return event;
  }

  public Occurrences occurrences() {
    return occurrences;
  }

  /** The visit description; {@code completeList} false for presence-only protocols. */
  public Visit visit() {
    return visit;
  }

  static PackageMapping parse(JsonNode manifest, String where) {
    JsonNode e = manifest.path("event");
    if (!e.isObject()) {
      throw new PackageException(where + ": \"event\" (how a submission maps to a Darwin Core event) is required");
    }
    List<String> locality = new ArrayList<>();
    e.path("locality").forEach(p -> locality.add(p.asText()));
    Event event = new Event(
        required(e, "samplingProtocol", where + " event"),
        required(e, "date", where + " event"),
        optional(e, "time"), optional(e, "startDateTime"), optional(e, "locationID"),
        optional(e, "latitude"), optional(e, "longitude"), optional(e, "coordinateUncertaintyInMeters"),
        List.copyOf(locality),
        expression(e, "sampleSizeMinutes", where + " event"),
        e.hasNonNull("samplingEffort") ? Template.parse(e.get("samplingEffort").asText(), where + " samplingEffort")
            : null);
    JsonNode o = manifest.path("occurrences");
    if (!o.isObject()) {
      throw new PackageException(where + ": \"occurrences\" (where the observations are) is required");
    }
    List<TaxonSource> taxa = new ArrayList<>();
    for (JsonNode t : o.path("taxon")) {
      taxa.add(t.isTextual() ? new TaxonSource(t.asText(), null)
          : new TaxonSource(required(t, "pointer", where + " occurrences.taxon"), optional(t, "verificationStatus")));
    }
    JsonNode sub = o.path("subEvent");
    SubEvent subEvent = sub.isObject() ? new SubEvent(required(sub, "path", where + " subEvent"),
        required(sub, "key", where + " subEvent"), required(sub, "ref", where + " subEvent"),
        required(sub, "name", where + " subEvent"), optional(sub, "latitude"), optional(sub, "longitude"),
        optional(sub, "time")) : null;
    if (taxa.isEmpty() == !o.path("category").isTextual()) {
      throw new PackageException(where + ": occurrences need either \"taxon\" (biodiversity) or \"category\" (civic)");
    }
    Occurrences occurrences = new Occurrences(required(o, "path", where + " occurrences"),
        o.path("basisOfRecord").asText("HumanObservation"), List.copyOf(taxa), optional(o, "category"),
        optional(o, "individualCount"),
        optional(o, "remarks"), optional(o, "dateTime"), subEvent);
    JsonNode v = manifest.path("visit");
    Visit visit = new Visit(v.path("completeList").asBoolean(false),
        expression(v, "durationMinutes", where + " visit"), expression(v, "pointCount", where + " visit"),
        expression(v, "transectLengthMeters", where + " visit"));
    if (visit.completeList() && visit.durationMinutes() == null) {
      throw new PackageException(where + ": a complete-list visit needs \"durationMinutes\" (a CEL expression)");
    }
    return new PackageMapping(event, occurrences, visit);
  }

  private static String required(JsonNode n, String field, String where) {
    if (!n.path(field).isTextual()) {
      throw new PackageException(where + ": \"" + field + "\" is required");
    }
    return n.get(field).asText();
  }

  private static String optional(JsonNode n, String field) {
    return n.path(field).isTextual() ? n.get(field).asText() : null;
  }

  private static Expression expression(JsonNode n, String field, String where) {
    if (!n.path(field).isTextual()) {
      return null;
    }
    try {
      return Expressions.get().compile(n.get(field).asText());
    } catch (RuntimeException ex) {
      throw new PackageException(where + " " + field + ": " + ex.getMessage(), ex);
    }
  }
}
