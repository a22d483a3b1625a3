package org.observatoire.beam.io;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.avro.AvroWriteSupport;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;

/**
 * Opens the datasets' Parquet writers: Avro records, zstd, the given row-group size, and, for a file with a point
 * column, the GeoParquet {@code geo} footer key. Parquet 1.13 (Beam 2.62's) has no {@code withExtraMetaData}, so
 * the key is added by the write support when the file is closed, which is also when its bbox is known.
 */
public final class ParquetFiles {
  /** Row groups of 64 MB (buffered, compressed): large enough for scans, small enough to skip by statistics. */
  public static final long ROW_GROUP_BYTES = 64L << 20;

  private ParquetFiles() {}

  public static ParquetWriter<GenericRecord> open(OutputFile file, Schema schema, GeoParquet geo, long rowGroupBytes)
      throws IOException {
    return new Builder(file, schema, geo).withCompressionCodec(CompressionCodecName.ZSTD)
        .withRowGroupSize(rowGroupBytes).withConf(new Configuration(false)).build();
  }

  private static final class Builder extends ParquetWriter.Builder<GenericRecord, Builder> {
    private final Schema schema;
    private final GeoParquet geo;

    Builder(OutputFile file, Schema schema, GeoParquet geo) {
      super(file);
      this.schema = schema;
      this.geo = geo;
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<GenericRecord> getWriteSupport(Configuration conf) {
      return new GeoWriteSupport(schema, geo);
    }
  }

  /** Avro's write support, plus the file's extent and its {@code geo} footer key. */
  private static final class GeoWriteSupport extends AvroWriteSupport<GenericRecord> {
    private final GeoParquet.Extent extent;

    GeoWriteSupport(Schema schema, GeoParquet geo) {
      super(new AvroSchemaConverter(new Configuration(false)).convert(schema), schema, GenericData.get());
      this.extent = geo == null ? null : geo.extent();
    }

    @Override
    public void write(GenericRecord record) {
      if (extent != null) {
        extent.add(record);
      }
      super.write(record);
    }

    @Override
    public FinalizedWriteContext finalizeWrite() {
      Map<String, String> meta = new HashMap<>(super.finalizeWrite().getExtraMetaData());
      if (extent != null) {
        meta.put(GeoParquet.KEY, extent.json());
      }
      return new FinalizedWriteContext(meta);
    }
  }
}
