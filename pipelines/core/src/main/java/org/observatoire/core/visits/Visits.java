package org.observatoire.core.visits;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.observatoire.core.protocol.PackageMapping;
import org.observatoire.core.protocol.ProtocolPackage;
import org.observatoire.core.protocol.expr.CelValues;
import org.observatoire.core.protocol.expr.Expression;
import org.observatoire.core.protocol.expr.Expressions;
import org.observatoire.core.time.IsoTimes;

/**
 * The visit of a curated submission (one submission is one visit, a sampling event): where and when, and its effort
 * as the package's manifest computes it. Every package's submissions are visits; only those whose manifest says
 * {@code visit.completeList} are zero-filled against the package's list.
 */
public final class Visits {
  private static final ZoneId LOCAL_ZONE = ZoneId.of("Europe/Paris");

  private Visits() {}

  /** The visit of a submission that passed its schema and rules. */
  public static Visit describe(JsonNode doc, ProtocolPackage pkg, String submissionId) {
    return describe(doc, CelValues.of(doc), pkg, submissionId);
  }

  /** The same, given the submission also as CEL values ({@link CelValues#of}), converted once by the caller. */
  public static Visit describe(JsonNode doc, Object s, ProtocolPackage pkg, String submissionId) {
    PackageMapping.Visit v = pkg.mapping().visit();
    PackageMapping.Event e = pkg.mapping().event();
    JsonNode start = e.startDateTime() == null ? null : doc.at(e.startDateTime());
    LocalDate date;
    String startTime;
    if (start != null && start.isTextual()) {
      // a night's recording: the local date and time of its start, as its occurrences' eventDate
      ZonedDateTime local = IsoTimes.offsetDateTime(start.asText()).atZoneSameInstant(LOCAL_ZONE);
      date = local.toLocalDate();
      startTime = local.toLocalTime().toString();
    } else {
      date = IsoTimes.date(doc.at(e.date()).asText());
      JsonNode time = e.time() == null ? null : doc.at(e.time());
      startTime = time != null && time.isTextual() ? time.asText() : null;
    }
    return new Visit(pkg.id() + ":" + submissionId, pkg.id(), submissionId, text(doc, e.locationID()),
        date.toString(), date.getYear(), date.getMonthValue(), startTime,
        number(v.durationMinutes(), s), integer(v.pointCount(), s), integer(v.transectLengthMeters(), s),
        coordinate(doc, e.latitude()), coordinate(doc, e.longitude()), v.completeList(), e.samplingProtocol(),
        number(e.sampleSizeMinutes(), s), e.samplingEffort(s));
  }
  private static Double number(Expression e, Object s) {
    if (e == null) {
      return null;
    }
    Object v = e.eval(Expressions.vars(s));
    return v instanceof Number n ? n.doubleValue() : null;
  }

  private static Integer integer(Expression e, Object s) {
    Double d = number(e, s);
    return d == null ? null : (int) Math.round(d);
  }

  private static String text(JsonNode doc, String pointer) {
    JsonNode n = pointer == null ? null : doc.at(pointer);
    return n == null || n.isMissingNode() || n.isNull() ? null : n.asText();
  }

  /** A coordinate of the site, or null when the submission does not give it. */
  private static Double coordinate(JsonNode doc, String pointer) {
    JsonNode n = pointer == null ? null : doc.at(pointer);
    return n != null && n.isNumber() ? n.asDouble() : null;
  }
}
