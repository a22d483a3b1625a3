package org.observatoire.core.occurrence;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.observatoire.core.ingest.Hashing;
import org.observatoire.core.ingest.SourceRef;
import org.observatoire.core.taxon.TaxonQuery;
import org.observatoire.core.time.IsoTimes;

/**
 * Turns an accepted submission into raw occurrence rows: one row per element of {@code observations}, with the
 * envelope's event, site and observer columns and the protocol's own fields in {@code dynamicProperties}, each with
 * the taxon as submitted for the interpreter to match.
 */
public final class Flattener {
  /** Metropolitan France: local times in submissions are Europe/Paris wall-clock times. */
  static final ZoneId LOCAL_ZONE = ZoneId.of("Europe/Paris");

  private static final Set<String> COMMON_OBSERVATION_FIELDS = Set.of("taxon", "count", "remarks");
  private static final Map<String, String> PROTOCOL_NAMES = Map.of(
      "stoc-eps", "STOC-EPS point count (5 min), Vigie-Nature",
      "spipoll", "SPIPOLL flash collection (20 min on one flowering plant), Vigie-Nature",
      "vigie-chiro", "Vigie-Chiro acoustic bat survey, Vigie-Nature",
      "propage", "Propage butterfly transect (10 min), Vigie-Nature",
      "sauvages-de-ma-rue", "Sauvages de ma rue street flora survey, Vigie-Nature",
      "oiseaux-des-jardins", "Oiseaux des jardins garden bird count (1 h, maximum seen at once), Vigie-Nature");

  private Flattener() {}

  /**
   * The occurrence rows of a schema- and rule-valid submission.
   *
   * @param protocolVersion the version the submission was validated against
   */
  public static List<FlatOccurrence> flatten(
      JsonNode s, String protocol, int protocolVersion, SourceRef source) {
    JsonNode site = s.path("site");
    JsonNode visit = s.path("visit");
    String submissionId = s.path("submissionId").asText();
    LocalDate date = IsoTimes.date(visit.path("date").asText());
    Occurrence.Builder base = Occurrence.builder()
        .submissionId(submissionId)
        .protocol(protocol)
        .protocolVersion(protocolVersion)
        .samplingProtocol(PROTOCOL_NAMES.getOrDefault(protocol, protocol))
        .basisOfRecord("HumanObservation")
        .occurrenceStatus("present")
        .eventID(protocol + ":" + submissionId)
        .geodeticDatum("EPSG:4326")
        .countryCode("FR")
        .locationID(text(site, "id"))
        .locality(locality(site))
        .decimalLatitude(optionalDouble(site, "latitude"))
        .decimalLongitude(optionalDouble(site, "longitude"))
        .coordinateUncertaintyInMeters(optionalDouble(site, "coordinateUncertaintyInMeters"))
        .recordedBy(text(s.path("observer"), "id"))
        .submittedAt(s.path("submittedAt").asText())
        .sourceFile(source.file())
        .sourceLine(source.line());
    setDate(base, date, time(visit.path("startTime")));
    effort(base, protocol, s);

    Map<Integer, JsonNode> stocPoints = stocPoints(visit);
    Map<String, String> eventTimes = new HashMap<>();
    Map<String, Integer> seen = new HashMap<>();
    JsonNode observations = s.path("observations");
    List<FlatOccurrence> rows = new ArrayList<>(observations.size());
    for (JsonNode o : observations) {
      Occurrence.Builder b = base.copy();
      String canonical = Hashing.canonical(o);
      int repeat = seen.merge(canonical, 1, Integer::sum);
      b.occurrenceID(Hashing.id128(protocol, submissionId, canonical, Integer.toString(repeat)));
      JsonNode taxon = "vigie-chiro".equals(protocol) ? chosenChiroTaxon(o) : o.path("taxon");
      taxon(b, taxon);
      b.individualCount(o.path("count").canConvertToInt() ? o.path("count").intValue() : null);
      b.occurrenceRemarks(o.hasNonNull("remarks") ? o.get("remarks").asText() : null);
      b.dynamicProperties(dynamicProperties(o));
      switch (protocol) {
        case "stoc-eps" -> stocPoint(b, protocol, submissionId, date, o, stocPoints, eventTimes);
        case "vigie-chiro" -> chiroRecording(b, o);
        default -> { }
      }
      rows.add(new FlatOccurrence(b.build(), query(taxon)));
    }
    return rows;
  }

  private static void setDate(Occurrence.Builder b, LocalDate date, LocalTime time) {
    b.eventDate(date.toString()).year(date.getYear()).month(date.getMonthValue()).day(date.getDayOfMonth());
    b.eventTime(time == null ? null : localTimeWithOffset(date, time));
  }

  private static void stocPoint(Occurrence.Builder b, String protocol, String submissionId, LocalDate date,
      JsonNode o, Map<Integer, JsonNode> points, Map<String, String> eventTimes) {
    JsonNode point = points.get(o.path("pointNumber").asInt());
    if (point == null) {
      return;
    }
    String visitId = protocol + ":" + submissionId;
    b.parentEventID(visitId).eventID(visitId + "/point/" + point.path("pointNumber").asInt());
    b.decimalLatitude(point.path("latitude").asDouble()).decimalLongitude(point.path("longitude").asDouble());
    if (point.hasNonNull("startTime")) {
      b.eventTime(eventTimes.computeIfAbsent(point.get("startTime").asText(),
          t -> localTimeWithOffset(date, LocalTime.parse(t))));
    }
  }

  /** A local (France) date and time as {@code HH:mm:ss±HH:MM}, with the offset in force then. */
  private static String localTimeWithOffset(LocalDate date, LocalTime time) {
    ZonedDateTime at = date.atTime(time).atZone(LOCAL_ZONE);
    return IsoTimes.timeWithOffset(at.toLocalTime(), at.getOffset());
  }

  /** A validator's identification overrides the observer's, which overrides the automatic one. */
  private static JsonNode chosenChiroTaxon(JsonNode o) {
    return o.hasNonNull("validatorTaxon") ? o.get("validatorTaxon")
        : o.hasNonNull("observerTaxon") ? o.get("observerTaxon") : o.path("taxon");
  }

  private static void chiroRecording(Occurrence.Builder b, JsonNode o) {
    b.basisOfRecord("MachineObservation").individualCount(null);
    b.identificationVerificationStatus(o.hasNonNull("validatorTaxon") ? "validator"
        : o.hasNonNull("observerTaxon") ? "observer" : "automatic");
    if (o.hasNonNull("recordedAt")) {
      ZonedDateTime at = IsoTimes.offsetDateTime(o.get("recordedAt").asText()).atZoneSameInstant(LOCAL_ZONE);
      LocalDate local = at.toLocalDate();
      b.eventDate(local.toString()).month(local.getMonthValue()).day(local.getDayOfMonth());
      b.eventTime(IsoTimes.timeWithOffset(at.toLocalTime(), at.getOffset()));
    }
  }

  private static void taxon(Occurrence.Builder b, JsonNode t) {
    String verbatim = firstText(t, "code", "scientificName", "vernacularName", "taxrefId");
    b.verbatimIdentification(verbatim)
        .scientificName(text(t, "scientificName"))
        .vernacularName(text(t, "vernacularName"))
        .taxonID(text(t, "taxrefId"));
  }

  private static TaxonQuery query(JsonNode t) {
    Integer taxref = t.path("taxrefId").canConvertToInt() ? t.path("taxrefId").intValue() : null;
    return TaxonQuery.of(text(t, "code"), taxref, text(t, "scientificName"), text(t, "vernacularName"));
  }

  private static void effort(Occurrence.Builder b, String protocol, JsonNode s) {
    JsonNode visit = s.path("visit");
    JsonNode site = s.path("site");
    switch (protocol) {
      case "stoc-eps" -> {
        int n = visit.path("points").size();
        b.sampleSizeValue(5.0).sampleSizeUnit("minutes")
            .samplingEffort(n + " point count" + (n == 1 ? "" : "s") + " of 5 minutes");
      }
      case "spipoll" -> b.sampleSizeValue(20.0).sampleSizeUnit("minutes")
          .samplingEffort("20 minutes on one flowering plant, insects within 5 m");
      case "vigie-chiro" -> {
        OffsetDateTime start = IsoTimes.offsetDateTime(visit.path("start").asText());
        OffsetDateTime end = IsoTimes.offsetDateTime(visit.path("end").asText());
        double minutes = java.time.Duration.between(start, end).toSeconds() / 60.0;
        b.sampleSizeValue(minutes).sampleSizeUnit("minutes")
            .samplingEffort(site.path("variant").asText("acoustic") + " survey, " + Math.round(minutes) + " minutes");
        setDate(b, start.atZoneSameInstant(LOCAL_ZONE).toLocalDate(),
            start.atZoneSameInstant(LOCAL_ZONE).toLocalTime());
      }
      case "propage" -> b.sampleSizeValue(visit.path("durationMinutes").asDouble(10)).sampleSizeUnit("minutes")
          .samplingEffort("transect of " + site.path("transectLengthMeters").asInt() + " m walked in "
              + visit.path("durationMinutes").asInt(10) + " minutes, butterflies within 5 m");
      case "oiseaux-des-jardins" -> b.sampleSizeValue(visit.path("durationMinutes").asDouble(60))
          .sampleSizeUnit("minutes").samplingEffort("garden count of "
              + visit.path("durationMinutes").asInt(60) + " minutes, maximum seen at once");
      case "sauvages-de-ma-rue" -> b.samplingEffort("one side (" + site.path("side").asText("?")
          + ") of a street segment");
      default -> { }
    }
  }

  private static String locality(JsonNode site) {
    String street = text(site, "streetName");
    String commune = text(site, "commune");
    if (street == null && commune == null) {
      return null;
    }
    return street == null ? commune : commune == null ? street : street + ", " + commune;
  }

  private static String dynamicProperties(JsonNode o) {
    return Hashing.canonicalWithout(o, COMMON_OBSERVATION_FIELDS);
  }

  private static Map<Integer, JsonNode> stocPoints(JsonNode visit) {
    Map<Integer, JsonNode> points = new HashMap<>();
    for (JsonNode p : visit.path("points")) {
      points.putIfAbsent(p.path("pointNumber").asInt(), p);
    }
    return points;
  }

  private static LocalTime time(JsonNode node) {
    return node.isTextual() ? LocalTime.parse(node.asText()) : null;
  }

  private static Double optionalDouble(JsonNode node, String field) {
    return node.hasNonNull(field) ? node.get(field).asDouble() : null;
  }

  private static String text(JsonNode node, String field) {
    return node.hasNonNull(field) ? node.get(field).asText() : null;
  }

  private static String firstText(JsonNode node, String... fields) {
    for (String f : fields) {
      if (node.hasNonNull(f)) {
        return node.get(f).asText();
      }
    }
    return null;
  }
}
