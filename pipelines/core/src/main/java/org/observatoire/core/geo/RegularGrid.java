package org.observatoire.core.geo;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The regular grids the cubes use, with their published cell codes.
 *
 * <p>EEA reference grid (ETRS89-LAEA, EPSG:3035): the code is the cell size ({@code m} below 1000 m,
 * {@code km} from 1000 m), then {@code E} and the easting of the lower-left corner, {@code N} and its
 * northing, both divided by 10^n where n is the number of zeros of the cell size (= the size for 1 km
 * and 10 km), no padding: {@code 1kmE4283N2672}, {@code 10kmE428N267}. Sources: the INSPIRE / EEA
 * coding rule as restated in the AQuadtree R package documentation (rdocumentation.org,
 * spatialPointsCellCodes: "Easting (E) and Northing (N) values are divided by 10^n (n is the number
 * of zeros in the cell size value)", reference point = lower-left corner, per Wikipedia "European
 * grid" and the EEA reference grid data set), and EEA grid files such as {@code 100kmE28N26} with
 * EOFORIGIN 2800000 / NOFORIGIN 2600000.
 *
 * <p>INPN grid (Lambert-93, EPSG:2154): {@code 10kmL93E065N682}: size, {@code L93}, {@code E} and the
 * lower-left easting in units of 10 km zero-padded to 3 digits, {@code N} and the northing in 10 km.
 * Source: GeoNature's {@code ref_geo.cell_reference} SQL function (public GitHub code), whose
 * example maps the Lambert-93 point (749648, 6956485) to {@code 10kmL93E074N695} and notes that the
 * INPN / MNHN codes carry the leading zero; INPN codes such as {@code 10kmL93E069N633} and
 * {@code 10kmL93E070N693} appear in public clients of the INPN/OpenObs services. In France
 * Lambert-93 eastings are always 3 digits in 10 km units; a negative index (sea west of ~6.2 deg W)
 * is written with its sign before the padded absolute value, e.g. {@code E-001}.
 */
final class RegularGrid implements Grid {

  private static final Pattern INPN = Pattern.compile("(\\d+)kmL93E(-?\\d+)N(-?\\d+)");
  private static final Pattern EEA = Pattern.compile("(\\d+)(km|m)E(-?\\d+)N(-?\\d+)");

  private final String id;
  private final ProjectedCrs crs;
  private final int size;
  private final boolean inpn;
  private final String prefix;
  private final Reprojector projector;

  private RegularGrid(String id, ProjectedCrs crs, int size, boolean inpn, Reprojector projector) {
    this.id = id;
    this.crs = crs;
    this.size = size;
    this.inpn = inpn;
    this.prefix = sizeLabel(size) + (inpn ? "L93E" : "E");
    this.projector = Objects.requireNonNull(projector, "projector");
  }

  static RegularGrid inpn10km(Reprojector projector) {
    return new RegularGrid("inpn10km", ProjectedCrs.LAMBERT_93, 10_000, true, projector);
  }

  /** The EEA grid at a power-of-ten size, from 1 m to 100 km. */
  static RegularGrid eea(int sizeMeters, Reprojector projector) {
    if (sizeMeters < 1 || sizeMeters > 100_000 || !isPowerOfTen(sizeMeters)) {
      throw new IllegalArgumentException("EEA grid cell size must be a power of ten from 1 m to 100 km, got " + sizeMeters);
    }
    return new RegularGrid("eea" + sizeLabel(sizeMeters), ProjectedCrs.LAEA_EUROPE, sizeMeters, false, projector);
  }

  private static boolean isPowerOfTen(int n) {
    while (n % 10 == 0) {
      n /= 10;
    }
    return n == 1;
  }

  private static String sizeLabel(int size) {
    return size >= 1000 ? (size / 1000) + "km" : size + "m";
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public ProjectedCrs crs() {
    return crs;
  }

  @Override
  public int cellSizeMeters() {
    return size;
  }

  @Override
  public Reprojector projector() {
    return projector;
  }

  @Override
  public GridCell cellAt(double x, double y) {
    if (!Double.isFinite(x) || !Double.isFinite(y)) {
      throw new IllegalArgumentException("projected coordinates must be finite, got x=" + x + ", y=" + y);
    }
    long e = floorIndex(x, size);
    long n = floorIndex(y, size);
    return GridCell.of(id, code(e, n), e, n, size);
  }

  /**
   * floor(v / size), exact even where the division rounds: the candidate is corrected against the
   * exactly representable integer multiples of the size, so a point on an edge always lands in the
   * cell whose lower-left corner it is on.
   */
  static long floorIndex(double v, int size) {
    long i = (long) Math.floor(v / size);
    if ((double) i * size > v) {
      i--;
    } else if ((double) (i + 1) * size <= v) {
      i++;
    }
    return i;
  }

  String code(long e, long n) {
    StringBuilder sb = new StringBuilder(24).append(prefix);
    if (inpn) {
      if (e < 0) {
        sb.append('-');
      }
      long abs = Math.abs(e);
      if (abs < 100) {
        sb.append('0');
      }
      if (abs < 10) {
        sb.append('0');
      }
      sb.append(abs);
    } else {
      sb.append(e);
    }
    return sb.append('N').append(n).toString();
  }

  @Override
  public GridCell cellOf(Coordinate c) {
    double[] p = {c.lon(), c.lat()};
    projector.projectInPlace(crs, p, 0, 1);
    return cellAt(p[0], p[1]);
  }

  @Override
  public GridCell cellForCode(String code) {
    Objects.requireNonNull(code, "code");
    Matcher m = (inpn ? INPN : EEA).matcher(code);
    if (!m.matches() || !code.startsWith(prefix)) {
      throw new IllegalArgumentException("'" + code + "' is not a cell code of grid " + id + " (expected e.g. " + code(0, 0) + ")");
    }
    long e = Long.parseLong(m.group(inpn ? 2 : 3));
    long n = Long.parseLong(m.group(inpn ? 3 : 4));
    GridCell cell = GridCell.of(id, code(e, n), e, n, size);
    if (!cell.code().equals(code)) {
      throw new IllegalArgumentException("'" + code + "' is not in canonical form, expected " + cell.code());
    }
    return cell;
  }

  @Override
  public List<GridCell> cellsOverlapping(Projected centre, double radiusMeters) {
    if (!Double.isFinite(radiusMeters) || radiusMeters < 0) {
      throw new IllegalArgumentException("radius must be a finite number >= 0, got " + radiusMeters);
    }
    double cx = centre.x(), cy = centre.y(), r = radiusMeters;
    long e0 = floorIndex(cx - r, size), e1 = floorIndex(cx + r, size);
    long n0 = floorIndex(cy - r, size), n1 = floorIndex(cy + r, size);
    List<GridCell> cells = new ArrayList<>();
    for (long n = n0; n <= n1; n++) {
      for (long e = e0; e <= e1; e++) {
        double nearestX = Math.max((double) e * size, Math.min(cx, (double) (e + 1) * size));
        double nearestY = Math.max((double) n * size, Math.min(cy, (double) (n + 1) * size));
        double dx = nearestX - cx, dy = nearestY - cy;
        if (dx * dx + dy * dy <= r * r) {
          cells.add(GridCell.of(id, code(e, n), e, n, size));
        }
      }
    }
    return List.copyOf(cells);
  }

  @Override
  public String toString() {
    return "Grid[" + id + ", " + crs.epsgCode() + ", " + size + " m]";
  }
}
