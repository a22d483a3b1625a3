package org.observatoire.core.quality.coordinates;

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
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/**
 * Metropolitan France (mainland and Corsica) as the union of the 13 régions of the bundled
 * simplified GeoJSON ({@code observatoire/reference/regions-version-simplifiee.geojson}, IGN Admin
 * Express 2018, Licence Ouverte), with an optional buffer in degrees for the simplification and the
 * coastline. Immutable and thread-safe; load it once ({@link #load()} parses ~220 kB).
 */
public final class MetropolitanFrance implements Territory {

    public static final String RESOURCE = "/observatoire/reference/regions-version-simplifiee.geojson";
    /** ~3 km at French latitudes: the BDQ default bdq:spatialBufferInMeters is 3000. */
    public static final double DEFAULT_BUFFER_DEGREES = 0.03;

    private static final GeometryFactory GEOMETRIES = new GeometryFactory(new PrecisionModel(), 4326);

    private final PreparedGeometry area;
    private final double bufferDegrees;

    private MetropolitanFrance(Geometry area, double bufferDegrees) {
        this.area = PreparedGeometryFactory.prepare(area);
        this.bufferDegrees = bufferDegrees;
    }

    /** The régions' union, buffered by {@link #DEFAULT_BUFFER_DEGREES}. */
    public static MetropolitanFrance load() {
        return load(DEFAULT_BUFFER_DEGREES);
    }

    public static MetropolitanFrance load(double bufferDegrees) {
        if (!(bufferDegrees >= 0 && bufferDegrees <= 1)) {
            throw new IllegalArgumentException("bufferDegrees must be in [0, 1], was " + bufferDegrees);
        }
        try (InputStream in = MetropolitanFrance.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + RESOURCE);
            }
            Geometry union = GEOMETRIES.buildGeometry(polygons(new ObjectMapper().readTree(in))).union();
            return new MetropolitanFrance(bufferDegrees > 0 ? union.buffer(bufferDegrees) : union, bufferDegrees);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    private static List<Polygon> polygons(JsonNode collection) {
        List<Polygon> out = new ArrayList<>();
        for (JsonNode feature : collection.path("features")) {
            JsonNode g = feature.path("geometry");
            switch (g.path("type").asText()) {
                case "Polygon" -> out.add(polygon(g.path("coordinates")));
                case "MultiPolygon" -> g.path("coordinates").forEach(p -> out.add(polygon(p)));
                default -> throw new IllegalStateException("unexpected geometry " + g.path("type").asText());
            }
        }
        return out;
    }

    private static Polygon polygon(JsonNode rings) {
        LinearRing shell = ring(rings.get(0));
        LinearRing[] holes = new LinearRing[rings.size() - 1];
        for (int i = 1; i < rings.size(); i++) {
            holes[i - 1] = ring(rings.get(i));
        }
        return GEOMETRIES.createPolygon(shell, holes);
    }

    private static LinearRing ring(JsonNode positions) {
        Coordinate[] cs = new Coordinate[positions.size()];
        for (int i = 0; i < cs.length; i++) {
            cs[i] = new Coordinate(positions.get(i).get(0).asDouble(), positions.get(i).get(1).asDouble());
        }
        return GEOMETRIES.createLinearRing(cs);
    }

    @Override
    public boolean contains(double latitude, double longitude) {
        return area.covers(GEOMETRIES.createPoint(new Coordinate(longitude, latitude)));
    }

    public double bufferDegrees() {
        return bufferDegrees;
    }
}
