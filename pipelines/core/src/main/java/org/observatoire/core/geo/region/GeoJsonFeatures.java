package org.observatoire.core.geo.region;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.observatoire.core.geo.ProjectedCrs;
import org.observatoire.core.geo.Reprojector;

/**
 * Reads a GeoJSON FeatureCollection of (Multi)Polygons with {@code code} and {@code nom} properties
 * into JTS geometries projected to Lambert-93 (so that distances are in metres).
 */
final class GeoJsonFeatures {

  record Feature(AdminArea area, Geometry geometry) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private GeoJsonFeatures() {}

  static List<Feature> read(InputStream in, String what, Reprojector projector, GeometryFactory factory) {
    JsonNode root;
    try (in) {
      root = JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the " + what + " GeoJSON", e);
    }
    if (root == null || !"FeatureCollection".equals(root.path("type").asText())) {
      throw new IllegalArgumentException(what + ": expected a GeoJSON FeatureCollection");
    }
    List<Feature> features = new ArrayList<>();
    for (JsonNode f : root.path("features")) {
      JsonNode props = f.path("properties");
      AdminArea area = AdminArea.of(props.path("code").asText(null), props.path("nom").asText(null));
      JsonNode g = f.path("geometry");
      String type = g.path("type").asText();
      Geometry geometry = switch (type) {
        case "Polygon" -> polygon(g.path("coordinates"), projector, factory);
        case "MultiPolygon" -> {
          List<Polygon> parts = new ArrayList<>();
          for (JsonNode p : g.path("coordinates")) {
            parts.add(polygon(p, projector, factory));
          }
          yield factory.createMultiPolygon(parts.toArray(Polygon[]::new));
        }
        default -> throw new IllegalArgumentException(what + " " + area.code() + ": unsupported geometry type '" + type + "'");
      };
      features.add(new Feature(area, geometry));
    }
    return List.copyOf(features);
  }

  private static Polygon polygon(JsonNode rings, Reprojector projector, GeometryFactory factory) {
    LinearRing shell = null;
    List<LinearRing> holes = new ArrayList<>();
    for (JsonNode ring : rings) {
      LinearRing r = factory.createLinearRing(ring(ring, projector));
      if (shell == null) {
        shell = r;
      } else {
        holes.add(r);
      }
    }
    return factory.createPolygon(shell, holes.toArray(LinearRing[]::new));
  }

  private static Coordinate[] ring(JsonNode positions, Reprojector projector) {
    int n = positions.size();
    double[] xy = new double[2 * n];
    for (int i = 0; i < n; i++) {
      xy[2 * i] = positions.get(i).get(0).asDouble(); // GeoJSON: longitude first
      xy[2 * i + 1] = positions.get(i).get(1).asDouble();
    }
    projector.projectInPlace(ProjectedCrs.LAMBERT_93, xy, 0, n);
    Coordinate[] coords = new Coordinate[n];
    for (int i = 0; i < n; i++) {
      coords[i] = new Coordinate(xy[2 * i], xy[2 * i + 1]);
    }
    coords[n - 1] = coords[0].copy(); // closed exactly, whatever the rounding did
    return coords;
  }
}
