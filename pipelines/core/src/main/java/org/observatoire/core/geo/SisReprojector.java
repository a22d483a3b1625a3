package org.observatoire.core.geo;

import java.util.EnumMap;
import java.util.Map;
import org.apache.sis.referencing.CRS;
import org.apache.sis.referencing.crs.AbstractCRS;
import org.apache.sis.referencing.cs.CoordinateSystems;
import org.apache.sis.referencing.operation.transform.MathTransforms;
import org.apache.sis.referencing.cs.AxesConvention;
import org.opengis.referencing.crs.ProjectedCRS;
import org.opengis.referencing.operation.MathTransform;
import org.opengis.referencing.operation.TransformException;
import org.opengis.util.FactoryException;

/**
 * {@link Reprojector} over Apache SIS with the EPSG database (sis-embedded-data).
 *
 * <p>Datum: input coordinates (WGS84, as GPS gives them) are taken as coordinates in each projected
 * CRS's own base datum (RGF93 v1 for Lambert-93, ETRS89 for LAEA). EPSG's own transformations
 * between these and WGS84 are null transformations (all parameters zero, accuracy 1 m: EPSG:1671
 * RGF93 to WGS 84, EPSG:1149 ETRS89 to WGS 84), which is what SIS would apply anyway, but through a
 * geocentric round trip that costs ~3x the time and changes the result by less than 1 mm.
 *
 * <p>Axis order: both the base geographic CRS and the projected CRS are normalised with
 * {@link AxesConvention#RIGHT_HANDED}, so the transforms take (lon, lat) and give (easting,
 * northing), even for EPSG:3035 whose EPSG axis order is northing first.
 *
 * <p>SIS {@link MathTransform}s are immutable and thread-safe.
 */
final class SisReprojector implements Reprojector {

  private final Map<ProjectedCrs, MathTransform> forward = new EnumMap<>(ProjectedCrs.class);
  private final Map<ProjectedCrs, MathTransform> inverse = new EnumMap<>(ProjectedCrs.class);

  private SisReprojector() {
    for (ProjectedCrs crs : ProjectedCrs.values()) {
      try {
        ProjectedCRS projected = (ProjectedCRS) CRS.forCode(crs.epsgCode());
        var target = AbstractCRS.castOrCopy(projected).forConvention(AxesConvention.RIGHT_HANDED);
        var source = AbstractCRS.castOrCopy(projected.getBaseCRS()).forConvention(AxesConvention.RIGHT_HANDED);
        // (lon, lat) -> EPSG base axis order -> the EPSG conversion -> (easting, northing). Built
        // directly rather than with CRS.findOperation, which queries the EPSG database again (~2 s).
        MathTransform mt = MathTransforms.concatenate(
            MathTransforms.linear(CoordinateSystems.swapAndScaleAxes(
                source.getCoordinateSystem(), projected.getBaseCRS().getCoordinateSystem())),
            projected.getConversionFromBase().getMathTransform(),
            MathTransforms.linear(CoordinateSystems.swapAndScaleAxes(
                projected.getCoordinateSystem(), target.getCoordinateSystem())));
        forward.put(crs, mt);
        inverse.put(crs, mt.inverse());
      } catch (FactoryException | IllegalArgumentException | javax.measure.IncommensurableException
          | org.opengis.referencing.operation.NoninvertibleTransformException e) {
        throw new ReprojectionException("cannot build the transform WGS84 -> " + crs.epsgCode(), e);
      }
    }
  }

  private static final class Holder {
    static final SisReprojector INSTANCE = new SisReprojector();
  }

  static SisReprojector instance() {
    return Holder.INSTANCE;
  }

  @Override
  public Projected project(Coordinate c, ProjectedCrs crs) {
    double[] p = {c.lon(), c.lat()};
    projectInPlace(crs, p, 0, 1);
    return Projected.of(p[0], p[1]);
  }

  @Override
  public Coordinate unproject(Projected p, ProjectedCrs crs) {
    double[] xy = {p.x(), p.y()};
    try {
      inverse.get(crs).transform(xy, 0, xy, 0, 1);
    } catch (TransformException e) {
      throw new ReprojectionException("cannot unproject " + p + " from " + crs.epsgCode(), e);
    }
    return Coordinate.of(xy[1], xy[0]);
  }

  @Override
  public void projectInPlace(ProjectedCrs crs, double[] lonLatToXy, int offset, int count) {
    try {
      forward.get(crs).transform(lonLatToXy, offset, lonLatToXy, offset, count);
    } catch (TransformException e) {
      throw new ReprojectionException("cannot project " + count + " point(s) to " + crs.epsgCode(), e);
    }
  }
}
