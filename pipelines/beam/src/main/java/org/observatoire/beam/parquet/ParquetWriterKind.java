package org.observatoire.beam.parquet;

import java.util.Locale;

/**
 * Which engine turns rows into Parquet files. Both write the same files in the sense that matters to readers: the
 * same Parquet schema (parquet-avro's, from the Avro schema), rows in the same order, zstd, the same row-group size,
 * page settings and dictionary choices, the same footer keys (the Avro schema, {@code writer.model.name}, GeoParquet's
 * {@code geo}) and the same column statistics; {@code ParquetWritersAgreeTest} checks it on the sample's datasets.
 */
public enum ParquetWriterKind {
  /**
   * The project's own writers ({@link ColumnRowWriter} for row blocks, {@link EncodedRowWriteSupport} for records):
   * Avro-encoded rows decoded straight into parquet-java's column writers, without its record layer.
   */
  FAST,
  /** parquet-java's standard writer: {@code AvroWriteSupport} through {@code ParquetWriter}, one record per row. */
  STOCK;

  /** The kind named {@code fast} or {@code stock} (any case). */
  public static ParquetWriterKind parse(String name) {
    for (ParquetWriterKind k : values()) {
      if (k.name().equalsIgnoreCase(name)) {
        return k;
      }
    }
    throw new IllegalArgumentException("--parquet-writer must be fast or stock, got '" + name + "'");
  }

  /** The option's spelling: {@code fast} or {@code stock}. */
  public String optionValue() {
    return name().toLowerCase(Locale.ROOT);
  }
}
