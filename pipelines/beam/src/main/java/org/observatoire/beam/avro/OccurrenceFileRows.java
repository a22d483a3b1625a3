package org.observatoire.beam.avro;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.util.Utf8;
import org.observatoire.beam.parquet.AvroCursor;
import org.observatoire.beam.parquet.PointWkb;
import org.observatoire.beam.parquet.RowBlock;

/**
 * A curated submission's occurrence block ({@link AvroSchemas#OCCURRENCE_ARRAY}, Avro binary) turned into the rows
 * of the occurrence files ({@link AvroSchemas#OCCURRENCE_FILE}) byte for byte, without decoding a record: each
 * field's bytes are copied, the partition columns ({@code protocol}, {@code year}) become the row's destination
 * folder, the WKB point is appended (null when the row has no coordinates), and the sort columns give the row's key. The two schemas are built from the
 * same columns in the same order (checked when this class loads), so the copied fields are already the file row's.
 */
public final class OccurrenceFileRows {
  private static final OccurrenceLayout.Kind[] KINDS = OccurrenceLayout.KINDS;
  private static final boolean[] NULLABLE = OccurrenceLayout.NULLABLE;
  private static final int PROTOCOL = OccurrenceLayout.field("protocol", OccurrenceLayout.Kind.STRING);
  private static final int YEAR = OccurrenceLayout.field("year", OccurrenceLayout.Kind.INT);
  private static final int LATITUDE = OccurrenceLayout.field("decimalLatitude", OccurrenceLayout.Kind.DOUBLE);
  private static final int LONGITUDE = OccurrenceLayout.field("decimalLongitude", OccurrenceLayout.Kind.DOUBLE);

  static {
    List<String> kept = OccurrenceLayout.FULL.getFields().stream().map(Schema.Field::name)
        .filter(n -> !AvroSchemas.PARTITION_COLUMNS.contains(n)).toList();
    List<String> file = AvroSchemas.OCCURRENCE_FILE.getFields().stream().map(Schema.Field::name).toList();
    if (!file.subList(0, file.size() - 1).equals(kept) || !file.get(file.size() - 1).equals("geometry")) {
      throw new IllegalStateException("OCCURRENCE_FILE is no longer OCCURRENCE without " + AvroSchemas.PARTITION_COLUMNS
          + " plus geometry: " + file);
    }
    Schema geometry = AvroSchemas.OCCURRENCE_FILE.getField("geometry").schema();
    if (geometry.getType() != Schema.Type.UNION || geometry.getTypes().get(0).getType() != Schema.Type.NULL
        || geometry.getTypes().get(1).getType() != Schema.Type.BYTES) {
      throw new IllegalStateException("OCCURRENCE_FILE's geometry is written as [null, bytes], got " + geometry);
    }
  }

  private final int[] sortFields;
  private final RowBytes row = new RowBytes(1024);
  private final AvroCursor in = new AvroCursor();

  private OccurrenceFileRows(List<String> sortColumns) {
    sortFields = sortColumns.stream().mapToInt(n -> {
      if (AvroSchemas.PARTITION_COLUMNS.contains(n)) {
        throw new IllegalArgumentException("sort column " + n + " is a partition column, not in the files");
      }
      return OccurrenceLayout.field(n, OccurrenceLayout.Kind.STRING);
    }).toArray();
  }

  /** Rows keyed by these string columns (string order, nulls last; {@link RowBlock#key}). */
  public static OccurrenceFileRows sortedBy(List<String> sortColumns) {
    return new OccurrenceFileRows(sortColumns);
  }

  /** What to do with each row. */
  public interface RowConsumer {
    void accept(RowBlock row);
  }

  /**
   * The rows of an occurrence block, one {@link RowBlock} per destination ({@code protocol=…/year=…}; a
   * submission's rows nearly always share one), each row with its own sort key: the file row's Avro bytes.
   */
  public void rows(ByteBuffer block, RowConsumer out) {
    Map<String, Rows> byDestination = new LinkedHashMap<>(2);
    OccurrenceLayout.forEachRow(OccurrenceLayout.cursor(in, block), () -> row(byDestination));
    byDestination.forEach((destination, rows) -> out.accept(RowBlock.ofRows(destination, rows.keys, rows.rows)));
  }

  /** The rows of one destination and their keys, in block order. */
  private static final class Rows {
    final List<byte[]> keys = new ArrayList<>();
    final List<byte[]> rows = new ArrayList<>();
  }

  private void row(Map<String, Rows> byDestination) {
    row.reset();
    byte[] buf = in.array();
    String protocol = null;
    int year = 0;
    double latitude = Double.NaN;
    double longitude = Double.NaN;
    Object[] sortValues = new Object[sortFields.length];
    for (int f = 0; f < KINDS.length; f++) {
      int start = in.position();
      boolean present = !NULLABLE[f] || in.readLong() == 1;
      int valueStart = in.position();
      if (present) {
        OccurrenceLayout.skip(in, KINDS[f]);
      }
      int end = in.position();
      if (f == PROTOCOL) {
        int len = in.varintLength(valueStart);
        protocol = new String(buf, valueStart + len, end - valueStart - len, StandardCharsets.UTF_8);
        continue;
      }
      if (f == YEAR) {
        year = (int) in.longAt(valueStart);
        continue;
      }
      if (f == LATITUDE && present) {
        latitude = in.doubleAt(valueStart);
      } else if (f == LONGITUDE && present) {
        longitude = in.doubleAt(valueStart);
      }
      for (int k = 0; k < sortFields.length; k++) {
        if (sortFields[k] == f && present) {
          int len = in.varintLength(valueStart);
          byte[] s = new byte[end - valueStart - len];
          System.arraycopy(buf, valueStart + len, s, 0, s.length);
          sortValues[k] = new Utf8(s);
        }
      }
      row.write(buf, start, end - start);
    }
    if (Double.isNaN(latitude) || Double.isNaN(longitude)) {
      writeVarLong(row, 0); // geometry is [null, bytes]: the null branch, for an unknown location
    } else {
      ByteBuffer point = PointWkb.of(longitude, latitude);
      writeVarLong(row, 1);
      writeVarLong(row, point.remaining());
      row.write(point.array(), point.arrayOffset() + point.position(), point.remaining());
    }
    Rows rows = byDestination.computeIfAbsent("protocol=" + protocol + "/year=" + year, d -> new Rows());
    rows.keys.add(RowBlock.key(sortValues));
    rows.rows.add(row.toByteArray());
  }

  private static void writeVarLong(RowBytes out, long v) {
    long z = (v << 1) ^ (v >> 63);
    while ((z & ~0x7FL) != 0) {
      out.write((int) ((z & 0x7F) | 0x80));
      z >>>= 7;
    }
    out.write((int) z);
  }
}
