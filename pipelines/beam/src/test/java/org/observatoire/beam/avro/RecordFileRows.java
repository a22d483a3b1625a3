package org.observatoire.beam.avro;

import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.observatoire.beam.parquet.PointWkb;

/**
 * The occurrence file row and partition of a full occurrence record, built field by field from records: the
 * reference that the byte-level route ({@link OccurrenceFileRows}) is checked against, and a way for tests to write
 * occurrence files of their own.
 */
public final class RecordFileRows {
  /** For each column of a stored row, its position in the full occurrence record (-1: computed, the geometry). */
  private static final int[] SOURCES = AvroSchemas.OCCURRENCE_FILE.getFields().stream()
      .mapToInt(f -> AvroSchemas.OCCURRENCE.getField(f.name()) == null ? -1
          : AvroSchemas.OCCURRENCE.getField(f.name()).pos()).toArray();

  private RecordFileRows() {}

  /** Drops the partition columns and adds the WKB point: the row as stored inside a partition's files. */
  public static GenericRecord fileRow(GenericRecord full) {
    GenericData.Record r = new GenericData.Record(AvroSchemas.OCCURRENCE_FILE);
    for (int i = 0; i < SOURCES.length; i++) {
      if (SOURCES[i] >= 0) {
        r.put(i, full.get(SOURCES[i]));
      }
    }
    Double lon = (Double) full.get("decimalLongitude");
    Double lat = (Double) full.get("decimalLatitude");
    r.put("geometry", lon == null || lat == null ? null : PointWkb.of(lon, lat)); // unknown place: null geometry
    return r;
  }

  /** The Hive partition path of a full occurrence record: {@code protocol=<p>/year=<y>}. */
  public static String partition(GenericRecord full) {
    return "protocol=" + full.get("protocol") + "/year=" + full.get("year");
  }
}
