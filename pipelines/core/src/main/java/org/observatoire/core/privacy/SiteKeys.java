package org.observatoire.core.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.observatoire.core.occurrence.Occurrence;
import org.observatoire.core.visits.Visit;

/**
 * The keys that identify the sites of a submission, so that a release can generalise every visit to a site where a
 * sensitive species was recorded: the protocol's site id ({@code locationID}, from the package's
 * {@code mapping.event.locationID}, e.g. a STOC square or a garden) and the submitted points rounded to 4 decimals
 * (about 10 m; catches a revisit that names no site id, or the same point under another protocol). Keys hold raw ids
 * and coordinates: they are restricted, never published.
 */
public final class SiteKeys {
  private SiteKeys() {}

  /** The site key of a protocol's location id. */
  public static String site(String protocol, String locationID) {
    return "site:" + protocol + '\u001f' + locationID;
  }

  /** The key of a point, rounded to 4 decimals. */
  public static String point(double latitude, double longitude) {
    return String.format(Locale.ROOT, "point:%.4f,%.4f", latitude, longitude);
  }

  /**
   * The keys of a submission as sent (a rejected one, whose rows were never built): its site id at the package's
   * {@code locationIDPointer} (null: none), and every object of it with numeric {@code latitude} and
   * {@code longitude}.
   */
  public static List<String> ofSubmission(JsonNode doc, String protocol, String locationIDPointer) {
    Set<String> keys = new LinkedHashSet<>();
    if (locationIDPointer != null) {
      JsonNode id = doc.at(locationIDPointer);
      if (id.isValueNode() && !id.isNull()) {
        keys.add(site(protocol, id.asText()));
      }
    }
    addPoints(doc, keys);
    return new ArrayList<>(keys);
  }

  private static void addPoints(JsonNode node, Set<String> keys) {
    if (node.isObject() && node.path("latitude").isNumber() && node.path("longitude").isNumber()) {
      keys.add(point(node.get("latitude").asDouble(), node.get("longitude").asDouble()));
    }
    if (node.isContainerNode()) {
      node.forEach(child -> addPoints(child, keys));
    }
  }

  /**
   * The distinct keys of a submission's precise rows and visit (before any generalisation).
   *
   * @param precisePoints the full-precision points of rows already generalised (their public rows hold cell centres)
   */
  public static List<String> of(String protocol, List<Occurrence> rows, List<double[]> precisePoints, Visit visit) {
    Set<String> keys = new LinkedHashSet<>();
    if (visit != null) {
      if (visit.locationID() != null) {
        keys.add(site(protocol, visit.locationID()));
      }
      if (visit.siteLatitude() != null && visit.siteLongitude() != null) {
        keys.add(point(visit.siteLatitude(), visit.siteLongitude()));
      }
    }
    for (Occurrence o : rows) {
      if (o.locationID() != null) {
        keys.add(site(protocol, o.locationID()));
      }
      if (o.decimalLatitude() != null && o.decimalLongitude() != null && o.dataGeneralizations() == null) {
        keys.add(point(o.decimalLatitude(), o.decimalLongitude()));
      }
    }
    for (double[] p : precisePoints) {
      keys.add(point(p[0], p[1]));
    }
    return new ArrayList<>(keys);
  }
}
