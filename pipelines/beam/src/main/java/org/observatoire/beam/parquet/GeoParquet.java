package org.observatoire.beam.parquet;

import java.io.Serializable;
import java.util.Locale;
import org.apache.avro.Schema;

/**
 * GeoParquet 1.1 metadata of a file with one WKB point column: the {@code geo} key of the Parquet footer. The CRS is
 * omitted, which GeoParquet defines as OGC:CRS84 (WGS84 longitude, latitude), the coordinates the datasets publish;
 * {@code bbox} is the file's extent, accumulated while its rows are written.
 */
public final class GeoParquet implements Serializable {
  private static final long serialVersionUID = 1L;
  /** The footer key GeoParquet readers look for. */
  public static final String KEY = "geo";
  public static final String VERSION = "1.1.0";

  private final String column;
  private final String longitudeField;
  private final String latitudeField;

  private GeoParquet(String column, String longitudeField, String latitudeField) {
    this.column = column;
    this.longitudeField = longitudeField;
    this.latitudeField = latitudeField;
  }

  /**
   * A point column {@code column} whose coordinates are also in the given double fields. A row may have a null point
   * (both coordinates null, as GeoParquet 1.1 allows): the bbox covers the non-null points only.
   */
  public static GeoParquet points(String column, String longitudeField, String latitudeField) {
    return new GeoParquet(column, longitudeField, latitudeField);
  }

  /** The occurrence layout: {@code geometry} = (decimalLongitude, decimalLatitude), when {@code schema} has it. */
  public static GeoParquet forSchema(Schema schema) {
    Schema.Field g = schema.getField("geometry");
    if (g == null || !isBytes(g.schema()) || schema.getField("decimalLongitude") == null
        || schema.getField("decimalLatitude") == null) {
      return null;
    }
    return points("geometry", "decimalLongitude", "decimalLatitude");
  }

  /** Bytes, or a union of bytes with null. */
  private static boolean isBytes(Schema s) {
    if (s.getType() == Schema.Type.UNION) {
      return s.getTypes().size() == 2 && s.getTypes().stream().anyMatch(t -> t.getType() == Schema.Type.NULL)
          && s.getTypes().stream().anyMatch(t -> t.getType() == Schema.Type.BYTES);
    }
    return s.getType() == Schema.Type.BYTES;
  }

  public String column() {
    return column;
  }

  public String longitudeField() {
    return longitudeField;
  }

  public String latitudeField() {
    return latitudeField;
  }

  /** A new, empty extent. */
  public Extent extent() {
    return new Extent();
  }

  /** The bounding box of the rows written so far. */
  public final class Extent {
    private double minX = Double.POSITIVE_INFINITY;
    private double minY = Double.POSITIVE_INFINITY;
    private double maxX = Double.NEGATIVE_INFINITY;
    private double maxY = Double.NEGATIVE_INFINITY;

    private Extent() {}

    /** Adds a point; a null point (NaN: a coordinate was null) is not in the bbox. */
    public void add(double x, double y) {
      if (Double.isNaN(x) || Double.isNaN(y)) {
        return;
      }
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x);
      maxY = Math.max(maxY, y);
    }

    /** The {@code geo} footer value (a file without a non-null point gets no bbox). */
    public String json() {
      String bbox = minX > maxX ? "" : String.format(Locale.ROOT, ",\"bbox\":[%s,%s,%s,%s]",
          num(minX), num(minY), num(maxX), num(maxY));
      return "{\"version\":\"" + VERSION + "\",\"primary_column\":\"" + column + "\",\"columns\":{\"" + column
          + "\":{\"encoding\":\"WKB\",\"geometry_types\":[\"Point\"]" + bbox + "}}}";
    }

    private static String num(double d) {
      return Double.toString(d);
    }
  }
}
