package org.observatoire.beam.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * An inline SVG map of metropolitan France (the bundled départements GeoJSON) with observation density drawn as
 * grid cells. Plate carrée scaled by cos(46.5°): plain, dependency-free and faithful enough at this scale.
 */
public final class FranceMap {
  public static final String DEPARTEMENTS = "observatoire/reference/departements-version-simplifiee.geojson";
  private static final double COS = Math.cos(Math.toRadians(46.5));
  private static final double MIN_LON = -5.5;
  private static final double MAX_LON = 10.0;
  private static final double MIN_LAT = 41.2;
  private static final double MAX_LAT = 51.3;
  private static final double SCALE = 60; // pixels per degree of latitude
  private static final JsonNode GEOJSON = load();

  /** A grid cell of {@code size} degrees with its lower-left corner and the occurrences in it. */
  public record Cell(double lat, double lon, double size, long count) {}

  private FranceMap() {}

  public static double width() {
    return (MAX_LON - MIN_LON) * COS * SCALE;
  }

  public static double height() {
    return (MAX_LAT - MIN_LAT) * SCALE;
  }

  /** Whether a point lies inside the drawn frame. */
  public static boolean inFrame(double lat, double lon) {
    return lat >= MIN_LAT && lat <= MAX_LAT && lon >= MIN_LON && lon <= MAX_LON;
  }

  /** The SVG element, with id {@code density-map}. */
  public static String svg(List<Cell> cells) {
    long max = cells.stream().mapToLong(Cell::count).max().orElse(1);
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "<svg id=\"density-map\" role=\"img\" viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\""
        + " height=\"%.0f\" aria-labelledby=\"map-title\">", width(), height() + 30, width(), height() + 30));
    b.append("<title id=\"map-title\">Occurrences per grid cell over the départements of metropolitan France</title>");
    b.append("<g class=\"departements\">");
    for (JsonNode f : GEOJSON.path("features")) {
      b.append("<path d=\"").append(path(f.path("geometry"))).append("\"><title>")
          .append(Html.esc(f.path("properties").path("nom").asText())).append(" (")
          .append(Html.esc(f.path("properties").path("code").asText())).append(")</title></path>");
    }
    b.append("</g><g class=\"cells\">");
    for (Cell c : cells) {
      if (!inFrame(c.lat(), c.lon())) {
        continue;
      }
      double x = x(c.lon());
      double y = y(c.lat() + c.size());
      double w = c.size() * COS * SCALE;
      double h = c.size() * SCALE;
      double level = Math.log1p(c.count()) / Math.log1p(max);
      b.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\""
          + " fill-opacity=\"%.2f\" data-count=\"%d\"><title>%d occurrence%s, cell %.2f°N %.2f°E</title></rect>",
          x, y, Math.max(w, 2), Math.max(h, 2), 0.25 + 0.75 * level, c.count(), c.count(),
          c.count() == 1 ? "" : "s", c.lat(), c.lon()));
    }
    b.append("</g>");
    b.append(String.format(Locale.ROOT, "<text x=\"8\" y=\"%.0f\" class=\"legend\">Cells of %s°; darker = more"
        + " occurrences (max %d per cell, log scale)</text>", height() + 20,
        cells.isEmpty() ? "0.1" : trim(cells.get(0).size()), max));
    b.append("</svg>");
    return b.toString();
  }

  private static String trim(double d) {
    return new java.math.BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
  }

  private static double x(double lon) {
    return (lon - MIN_LON) * COS * SCALE;
  }

  private static double y(double lat) {
    return (MAX_LAT - lat) * SCALE;
  }

  private static String path(JsonNode geometry) {
    StringBuilder d = new StringBuilder();
    JsonNode coords = geometry.path("coordinates");
    if ("Polygon".equals(geometry.path("type").asText())) {
      polygon(d, coords);
    } else if ("MultiPolygon".equals(geometry.path("type").asText())) {
      for (JsonNode poly : coords) {
        polygon(d, poly);
      }
    }
    return d.toString();
  }

  /** Rings as path commands, dropping vertices closer than half a pixel to the last one kept. */
  private static void polygon(StringBuilder d, JsonNode rings) {
    for (JsonNode ring : rings) {
      double lastX = Double.NaN;
      double lastY = Double.NaN;
      boolean first = true;
      for (JsonNode pt : ring) {
        double px = x(pt.get(0).asDouble());
        double py = y(pt.get(1).asDouble());
        if (!first && Math.hypot(px - lastX, py - lastY) < 0.5) {
          continue;
        }
        d.append(first ? 'M' : 'L').append(String.format(Locale.ROOT, "%.1f %.1f", px, py));
        lastX = px;
        lastY = py;
        first = false;
      }
      d.append('Z');
    }
  }

  private static JsonNode load() {
    try (InputStream in = FranceMap.class.getClassLoader().getResourceAsStream(DEPARTEMENTS)) {
      if (in == null) {
        throw new IllegalStateException("the départements GeoJSON is not on the classpath: " + DEPARTEMENTS);
      }
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + DEPARTEMENTS, e);
    }
  }
}
