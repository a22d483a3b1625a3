package org.observatoire.core.occurrence;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.observatoire.core.protocol.PackageMapping;
import org.observatoire.core.protocol.ProtocolPackage;
import org.observatoire.core.protocol.expr.CelValues;
import org.observatoire.core.protocol.expr.Expressions;
import org.observatoire.core.ids.Hashing;
import org.observatoire.core.taxon.TaxonQuery;
import org.observatoire.core.time.IsoTimes;

/**
 * Turns an accepted submission into raw occurrence rows, as its package's manifest maps it: one row per element of
 * the occurrences array, with the event's date, place and effort, the observer, the taxon as submitted for the
 * interpreter to match (the first of the manifest's taxon sources that is present, e.g. a validator's
 * identification before the automatic one) and the element's other fields in {@code dynamicProperties}.
 */
public final class Flattener {
  /** Metropolitan France: local times in submissions are Europe/Paris wall-clock times. */
  static final ZoneId LOCAL_ZONE = ZoneId.of("Europe/Paris");

  private Flattener() {}

  /**
   * The occurrence rows of a schema- and rule-valid submission.
   *
   * @param protocolVersion the version the submission was validated against
   * @param sourceFile the input file as the run names it, and {@code sourceLine} the submission's 1-based line in it
   * @param ruleFlags codes of the package rules the submission breaks with severity {@code flag}: on every row
   */
  public static List<FlatOccurrence> flatten(JsonNode s, ProtocolPackage pkg, int protocolVersion, String sourceFile,
      long sourceLine, List<String> ruleFlags) {
    return flatten(s, CelValues.of(s), pkg, protocolVersion, sourceFile, sourceLine, ruleFlags);
  }

  /** The same, given the submission also as CEL values ({@link CelValues#of}), converted once by the caller. */
  public static List<FlatOccurrence> flatten(JsonNode s, Object cel, ProtocolPackage pkg, int protocolVersion,
      String sourceFile, long sourceLine, List<String> ruleFlags) {
    String protocol = pkg.id();
    PackageMapping.Event event = pkg.mapping().event();
    PackageMapping.Occurrences occ = pkg.mapping().occurrences();
    String submissionId = s.path("submissionId").asText();
    Occurrence.Builder base = Occurrence.builder()
        .submissionId(submissionId)
        .protocol(protocol)
        .protocolVersion(protocolVersion)
        .samplingProtocol(event.samplingProtocol())
        .basisOfRecord(occ.basisOfRecord())
        .occurrenceStatus("present")
        .eventID(protocol + ":" + submissionId)
        .geodeticDatum("EPSG:4326")
        .countryCode("FR")
        .locationID(text(s, event.locationID()))
        .locality(locality(s, event.locality()))
        .decimalLatitude(number(s, event.latitude()))
        .decimalLongitude(number(s, event.longitude()))
        .coordinateUncertaintyInMeters(number(s, event.coordinateUncertaintyInMeters()))
        .recordedBy(text(s, "/observer/id"))
        .submittedAt(s.path("submittedAt").asText())
        .sourceFile(sourceFile)
        .sourceLine(sourceLine)
        .flags(ruleFlags);
    if (event.startDateTime() != null && at(s, event.startDateTime()).isTextual()) {
      ZonedDateTime start = IsoTimes.offsetDateTime(at(s, event.startDateTime()).asText())
          .atZoneSameInstant(LOCAL_ZONE);
      setDate(base, start.toLocalDate(), start.toLocalTime());
    } else {
      setDate(base, IsoTimes.date(at(s, event.date()).asText()), time(s, event.time()));
    }
    if (event.sampleSizeMinutes() != null) {
      Object minutes = event.sampleSizeMinutes().eval(Expressions.vars(cel));
      base.sampleSizeValue(minutes instanceof Number n ? n.doubleValue() : null).sampleSizeUnit("minutes");
    }
    base.samplingEffort(event.samplingEffort(cel));
    LocalDate date = IsoTimes.date(at(s, event.date()).asText());

    Map<String, JsonNode> subEvents = subEvents(s, occ.subEvent());
    Map<String, String> eventTimes = new HashMap<>();
    Map<String, Integer> seen = new HashMap<>();
    Set<String> mapped = mappedFields(occ);
    JsonNode observations = at(s, occ.path());
    List<FlatOccurrence> rows = new ArrayList<>(observations.size());
    for (JsonNode o : observations) {
      Occurrence.Builder b = base.copy();
      String canonical = Hashing.canonical(o);
      int repeat = seen.merge(canonical, 1, Integer::sum);
      b.occurrenceID(Hashing.id128(protocol, submissionId, canonical, Integer.toString(repeat)));
      JsonNode taxon = MISSING;
      String status = null;
      for (PackageMapping.TaxonSource t : occ.taxa()) {
        if (at(o, t.pointer()).isObject()) {
          taxon = at(o, t.pointer());
          status = t.verificationStatus();
          break;
        }
      }
      if (occ.category() != null) {
        String category = text(o, occ.category());
        b.verbatimIdentification(category).vernacularName(category)
            .taxonKey(category == null ? null : CATEGORY_PREFIX + category);
      } else {
        taxon(b, taxon);
      }
      b.identificationVerificationStatus(status);
      JsonNode count = occ.individualCount() == null ? MISSING : at(o, occ.individualCount());
      b.individualCount(count.canConvertToInt() ? count.intValue() : null);
      b.occurrenceRemarks(text(o, occ.remarks()));
      b.dynamicProperties(Hashing.canonicalWithout(o, mapped));
      if (occ.dateTime() != null && at(o, occ.dateTime()).isTextual()) {
        ZonedDateTime at = IsoTimes.offsetDateTime(at(o, occ.dateTime()).asText()).atZoneSameInstant(LOCAL_ZONE);
        LocalDate local = at.toLocalDate();
        b.eventDate(local.toString()).month(local.getMonthValue()).day(local.getDayOfMonth());
        b.eventTime(IsoTimes.timeWithOffset(at.toLocalTime(), at.getOffset()));
      }
      if (occ.subEvent() != null) {
        subEvent(b, protocol + ":" + submissionId, date, o, occ.subEvent(), subEvents, eventTimes);
      }
      rows.add(new FlatOccurrence(b.build(), occ.category() != null ? null : query(taxon)));
    }
    return rows;
  }

  /** The taxonKey of a civic report: {@code category:<category>}, so that cubes count reports per category. */
  public static final String CATEGORY_PREFIX = "category:";

  /** Compiled JSON Pointers of the packages' mappings: a pointer is parsed once, not once per row. */
  private static final java.util.concurrent.ConcurrentHashMap<String, com.fasterxml.jackson.core.JsonPointer>
      POINTERS = new java.util.concurrent.ConcurrentHashMap<>();

  private static JsonNode at(JsonNode node, String pointer) {
    return node.at(POINTERS.computeIfAbsent(pointer, com.fasterxml.jackson.core.JsonPointer::compile));
  }

  private static final JsonNode MISSING = com.fasterxml.jackson.databind.node.MissingNode.getInstance();

  /**
   * The element fields that have columns of their own, left out of {@code dynamicProperties}: the count, the
   * remarks and the last taxon source (the automatic identification, in {@code verbatimIdentification}); other
   * identifications stay there, so that what each party said is kept.
   */
  private static Set<String> mappedFields(PackageMapping.Occurrences occ) {
    Set<String> fields = new java.util.HashSet<>();
    if (!occ.taxa().isEmpty()) {
      fields.add(firstSegment(occ.taxa().get(occ.taxa().size() - 1).pointer()));
    }
    if (occ.individualCount() != null) {
      fields.add(firstSegment(occ.individualCount()));
    }
    if (occ.remarks() != null) {
      fields.add(firstSegment(occ.remarks()));
    }
    if (occ.category() != null) {
      fields.add(firstSegment(occ.category()));
    }
    return Set.copyOf(fields);
  }

  private static String firstSegment(String pointer) {
    String p = pointer.startsWith("/") ? pointer.substring(1) : pointer;
    int slash = p.indexOf('/');
    return slash < 0 ? p : p.substring(0, slash);
  }

  private static void setDate(Occurrence.Builder b, LocalDate date, LocalTime time) {
    b.eventDate(date.toString()).year(date.getYear()).month(date.getMonthValue()).day(date.getDayOfMonth());
    b.eventTime(time == null ? null : localTimeWithOffset(date, time));
  }

  private static void subEvent(Occurrence.Builder b, String visitId, LocalDate date, JsonNode o,
      PackageMapping.SubEvent sub, Map<String, JsonNode> subEvents, Map<String, String> eventTimes) {
    JsonNode ref = at(o, sub.ref());
    JsonNode e = ref.isMissingNode() ? null : subEvents.get(ref.asText());
    if (e == null) {
      return;
    }
    b.parentEventID(visitId).eventID(visitId + "/" + sub.name() + "/" + at(e, sub.key()).asText());
    if (sub.latitude() != null && at(e, sub.latitude()).isNumber()) {
      b.decimalLatitude(at(e, sub.latitude()).asDouble()).decimalLongitude(at(e, sub.longitude()).asDouble());
    }
    if (sub.time() != null && at(e, sub.time()).isTextual()) {
      b.eventTime(eventTimes.computeIfAbsent(at(e, sub.time()).asText(),
          t -> localTimeWithOffset(date, LocalTime.parse(t))));
    }
  }

  /** A local (France) date and time as {@code HH:mm:ss±HH:MM}, with the offset in force then. */
  private static String localTimeWithOffset(LocalDate date, LocalTime time) {
    ZonedDateTime at = date.atTime(time).atZone(LOCAL_ZONE);
    return IsoTimes.timeWithOffset(at.toLocalTime(), at.getOffset());
  }

  private static void taxon(Occurrence.Builder b, JsonNode t) {
    String verbatim = firstText(t, "code", "scientificName", "vernacularName", "taxrefId");
    b.verbatimIdentification(verbatim)
        .scientificName(text(t, "/scientificName"))
        .vernacularName(text(t, "/vernacularName"))
        .taxonID(text(t, "/taxrefId"));
  }

  private static TaxonQuery query(JsonNode t) {
    Integer taxref = t.path("taxrefId").canConvertToInt() ? t.path("taxrefId").intValue() : null;
    return TaxonQuery.of(text(t, "/code"), taxref, text(t, "/scientificName"), text(t, "/vernacularName"));
  }

  private static String locality(JsonNode s, List<String> pointers) {
    List<String> parts = new ArrayList<>(pointers.size());
    for (String p : pointers) {
      String t = text(s, p);
      if (t != null) {
        parts.add(t);
      }
    }
    return parts.isEmpty() ? null : String.join(", ", parts);
  }

  /** The sub-events (e.g. STOC points) by key; the first of a repeated key wins. */
  private static Map<String, JsonNode> subEvents(JsonNode s, PackageMapping.SubEvent sub) {
    if (sub == null) {
      return Map.of();
    }
    Map<String, JsonNode> byKey = new HashMap<>();
    for (JsonNode e : at(s, sub.path())) {
      byKey.putIfAbsent(at(e, sub.key()).asText(), e);
    }
    return byKey;
  }

  private static LocalTime time(JsonNode s, String pointer) {
    if (pointer == null) {
      return null;
    }
    JsonNode n = at(s, pointer);
    return n.isTextual() ? LocalTime.parse(n.asText()) : null;
  }

  private static Double number(JsonNode s, String pointer) {
    if (pointer == null) {
      return null;
    }
    JsonNode n = at(s, pointer);
    return n.isNumber() ? n.asDouble() : null;
  }

  private static String text(JsonNode node, String pointer) {
    if (pointer == null) {
      return null;
    }
    JsonNode n = at(node, pointer);
    return n.isMissingNode() || n.isNull() ? null : n.asText();
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
