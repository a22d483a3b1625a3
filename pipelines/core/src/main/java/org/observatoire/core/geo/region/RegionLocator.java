package org.observatoire.core.geo.region;

import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;
import org.observatoire.core.geo.Coordinate;
import org.observatoire.core.geo.Projected;
import org.observatoire.core.geo.ProjectedCrs;
import org.observatoire.core.geo.Reprojector;

/**
 * Département and région of a point in metropolitan France, by point-in-polygon over the bundled
 * IGN Admin Express 2018 simplified polygons (see sample-data/reference/SOURCES.md), held in
 * Lambert-93 in a JTS STRtree of prepared geometries.
 *
 * <p>Each département's région is derived once from the data (the région polygon containing the
 * département's interior point), so the two answers can never contradict each other. A point
 * outside every polygon but within {@code toleranceMeters} of one (a shore point cut off by the
 * simplified coastline) gets the nearest département, flagged {@link LocationStatus#NEAREST_WITHIN_TOLERANCE};
 * anything else is {@link LocationStatus#OUTSIDE_FRANCE}. Never throws for a valid coordinate.
 *
 * <p>Immutable after construction and safe to share between threads.
 */
public final class RegionLocator {

  /** Default snapping distance: the order of the simplified coastline's error. */
  public static final double DEFAULT_TOLERANCE_METERS = 1_000.0;

  private static final String DEPARTEMENTS = "/observatoire/reference/departements-version-simplifiee.geojson";
  private static final String REGIONS = "/observatoire/reference/regions-version-simplifiee.geojson";

  private record Entry(AdminArea departement, AdminArea region, Geometry geometry, PreparedGeometry prepared) {}

  private final GeometryFactory factory = new GeometryFactory();
  private final STRtree index = new STRtree();
  private final Reprojector projector;
  private final double toleranceMeters;
  private final int departementCount;

  private RegionLocator(InputStream departements, InputStream regions, Reprojector projector, double toleranceMeters) {
    if (!Double.isFinite(toleranceMeters) || toleranceMeters < 0) {
      throw new IllegalArgumentException("tolerance must be a finite number of metres >= 0, got " + toleranceMeters);
    }
    this.projector = Objects.requireNonNull(projector, "projector");
    this.toleranceMeters = toleranceMeters;
    List<GeoJsonFeatures.Feature> regionFeatures = GeoJsonFeatures.read(regions, "régions", projector, factory);
    List<GeoJsonFeatures.Feature> depFeatures = GeoJsonFeatures.read(departements, "départements", projector, factory);
    Map<String, AdminArea> seen = new HashMap<>();
    for (GeoJsonFeatures.Feature d : depFeatures) {
      if (seen.put(d.area().code(), d.area()) != null) {
        throw new IllegalArgumentException("département " + d.area().code() + " appears twice");
      }
      AdminArea region = regionOf(d, regionFeatures);
      PreparedGeometry prepared = PreparedGeometryFactory.prepare(d.geometry());
      prepared.covers(d.geometry().getInteriorPoint()); // builds the lazy point-in-area index now, single-threaded
      index.insert(d.geometry().getEnvelopeInternal(), new Entry(d.area(), region, d.geometry(), prepared));
    }
    index.build();
    this.departementCount = depFeatures.size();
  }

  private static AdminArea regionOf(GeoJsonFeatures.Feature dep, List<GeoJsonFeatures.Feature> regions) {
    Point inside = dep.geometry().getInteriorPoint();
    for (GeoJsonFeatures.Feature r : regions) {
      if (r.geometry().covers(inside)) {
        return r.area();
      }
    }
    throw new IllegalArgumentException("département " + dep.area().code() + " lies in no région of the reference data");
  }

  private static final class Holder {
    static final RegionLocator FRANCE = france(DEFAULT_TOLERANCE_METERS, Reprojector.sis());
  }

  /** The shared locator over the bundled reference data, built on first use. */
  public static RegionLocator france() {
    return Holder.FRANCE;
  }

  public static RegionLocator france(double toleranceMeters, Reprojector projector) {
    return fromGeoJson(resource(DEPARTEMENTS), resource(REGIONS), toleranceMeters, projector);
  }

  /** A locator over other GeoJSON files of the same shape (properties {@code code}, {@code nom}). */
  public static RegionLocator fromGeoJson(InputStream departements, InputStream regions, double toleranceMeters,
      Reprojector projector) {
    return new RegionLocator(departements, regions, projector, toleranceMeters);
  }

  private static InputStream resource(String path) {
    InputStream in = RegionLocator.class.getResourceAsStream(path);
    if (in == null) {
      throw new IllegalStateException("reference data " + path + " is missing from the classpath");
    }
    return in;
  }

  public int departementCount() {
    return departementCount;
  }

  public double toleranceMeters() {
    return toleranceMeters;
  }

  public RegionLookup locate(Coordinate c) {
    return locate(projector.toLambert93(c));
  }

  /** Locates a point already in Lambert-93 (saves a projection where the caller has one). */
  public RegionLookup locate(Projected lambert93) {
    double x = lambert93.x(), y = lambert93.y();
    Point point = factory.createPoint(new org.locationtech.jts.geom.Coordinate(x, y));
    Entry best = null;
    for (Object o : index.query(new Envelope(x, x, y, y))) {
      Entry e = (Entry) o;
      // on a shared border two départements cover the point: the smaller code wins, whatever the index order
      if (e.prepared().covers(point) && (best == null || e.departement().code().compareTo(best.departement().code()) < 0)) {
        best = e;
      }
    }
    if (best != null) {
      return RegionLookup.inside(best.departement(), best.region());
    }
    return toleranceMeters > 0 ? nearest(point, x, y) : RegionLookup.outsideFrance();
  }

  private RegionLookup nearest(Point point, double x, double y) {
    Envelope around = new Envelope(x - toleranceMeters, x + toleranceMeters, y - toleranceMeters, y + toleranceMeters);
    Entry best = null;
    double bestDistance = Double.POSITIVE_INFINITY;
    for (Object o : index.query(around)) {
      Entry e = (Entry) o;
      if (!e.geometry().isWithinDistance(point, toleranceMeters)) {
        continue;
      }
      double d = e.geometry().distance(point);
      if (d < bestDistance || (d == bestDistance && e.departement().code().compareTo(best.departement().code()) < 0)) {
        best = e;
        bestDistance = d;
      }
    }
    return best == null ? RegionLookup.outsideFrance() : RegionLookup.nearest(best.departement(), best.region(), bestDistance);
  }

  /** The départements' projection, for callers that want to check a CRS. */
  public ProjectedCrs crs() {
    return ProjectedCrs.LAMBERT_93;
  }
}
