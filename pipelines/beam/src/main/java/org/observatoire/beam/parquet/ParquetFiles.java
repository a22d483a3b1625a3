package org.observatoire.beam.parquet;

import java.io.IOException;
import java.util.Set;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;

/**
 * Opens the datasets' Parquet writers: rows Avro binary-encoded ({@link EncodedRowWriteSupport}), zstd, the given
 * row-group size, and, for a file with a point column, the GeoParquet {@code geo} footer key (added when the file
 * is closed, which is when its bbox is known; the builder's {@code withExtraMetaData} takes its values at opening).
 * Dictionary encoding stays on (most columns repeat a few values) except for the columns that hold a different
 * value on almost every row, and those whose schema field says {@code observatoire.parquet.dictionary: false}
 * ({@link #DICTIONARY_PROP}): a dictionary there costs a hash look-up per value and saves little.
 */
public final class ParquetFiles {
  /** Row groups of 64 MB (buffered, compressed): large enough for scans, small enough to skip by statistics. */
  public static final long ROW_GROUP_BYTES = 64L << 20;

  /**
   * A schema field property: {@code "false"} writes the column without a Parquet dictionary, {@code "true"} with one
   * even where the column name is usually near-unique.
   */
  public static final String DICTIONARY_PROP = "observatoire.parquet.dictionary";

  /** Columns that are (nearly) unique per row in our datasets, written without a dictionary. */
  static final Set<String> UNIQUE_COLUMNS = Set.of("occurrenceID", "geometry", "decimalLatitude",
      "decimalLongitude", "sourceLine", "rawBytes", "stackTrace");

  /**
   * parquet-java 1.15+ writes size statistics (level histograms, unencoded string bytes) by default, counted value by
   * value; no reader of ours uses them (DuckDB, Spark 3.5 and parquet-java's filters read min/max, null counts and
   * the column index), so our files leave them out, as parquet-java before 1.15 did.
   */
  static final boolean SIZE_STATISTICS = false;

  private ParquetFiles() {}

  /** A writer of rows encoded with {@code schema} (Avro binary, as {@code GenericDatumWriter} writes them). */
  public static ParquetWriter<byte[]> open(OutputFile file, Schema schema, GeoParquet geo, long rowGroupBytes)
      throws IOException {
    return open(file, schema, rowGroupBytes, conf -> new EncodedRowWriteSupport(schema, geo));
  }

  /**
   * A writer through {@code support}, with the datasets' settings for {@code schema}: zstd, the row-group size, the
   * columns without a dictionary, no size statistics, parquet-java's defaults for the rest.
   */
  static <T> ParquetWriter<T> open(OutputFile file, Schema schema, long rowGroupBytes,
      Function<Configuration, WriteSupport<T>> support) throws IOException {
    Builder<T> b = new Builder<>(file, support).withCompressionCodec(CompressionCodecName.ZSTD)
        .withRowGroupSize(rowGroupBytes).withConf(new Configuration(false))
        .withSizeStatisticsEnabled(SIZE_STATISTICS);
    for (Schema.Field f : schema.getFields()) {
      if (!dictionaryEncoded(f)) {
        b = b.withDictionaryEncoding(f.name(), false);
      }
    }
    return b.build();
  }

  /** Whether a field's column gets a dictionary: as its schema says, else not when nearly unique per row. */
  static boolean dictionaryEncoded(Schema.Field f) {
    String chosen = f.getProp(DICTIONARY_PROP);
    return chosen != null ? Boolean.parseBoolean(chosen) : !UNIQUE_COLUMNS.contains(f.name());
  }

  private static final class Builder<T> extends ParquetWriter.Builder<T, Builder<T>> {
    private final Function<Configuration, WriteSupport<T>> support;

    Builder(OutputFile file, Function<Configuration, WriteSupport<T>> support) {
      super(file);
      this.support = support;
    }

    @Override
    protected Builder<T> self() {
      return this;
    }

    @Override
    protected WriteSupport<T> getWriteSupport(Configuration conf) {
      return support.apply(conf);
    }
  }
}
