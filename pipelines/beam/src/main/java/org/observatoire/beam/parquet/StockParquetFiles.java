package org.observatoire.beam.parquet;

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
import org.apache.parquet.hadoop.api.DelegatingWriteSupport;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.OutputFile;

/**
 * parquet-java's standard writer of Avro records ({@code AvroWriteSupport} through {@code ParquetWriter}, as
 * {@code AvroParquetWriter} builds it), configured as {@link ParquetFiles#open} configures the fast one: zstd, the
 * row-group size, the same columns without a dictionary, no size statistics, default pages. The only addition is
 * GeoParquet's {@code geo} footer key with the file's bbox, added when the file is closed.
 */
final class StockParquetFiles {
  private StockParquetFiles() {}

  static ParquetWriter<GenericRecord> open(OutputFile file, Schema schema, GeoParquet geo, long rowGroupBytes)
      throws IOException {
    return ParquetFiles.open(file, schema, rowGroupBytes, conf -> {
      WriteSupport<GenericRecord> avro =
          new AvroWriteSupport<>(new AvroSchemaConverter(conf).convert(schema), schema, GenericData.get());
      return geo == null ? avro : new WithGeoFooter(avro, geo);
    });
  }

  /** Keeps the bbox of the rows' points and adds the {@code geo} key to the footer. */
  private static final class WithGeoFooter extends DelegatingWriteSupport<GenericRecord> {
    private final GeoParquet geo;
    private final GeoParquet.Extent extent;

    WithGeoFooter(WriteSupport<GenericRecord> delegate, GeoParquet geo) {
      super(delegate);
      this.geo = geo;
      this.extent = geo.extent();
    }

    @Override
    public void write(GenericRecord record) {
      extent.add(coordinate(record.get(geo.longitudeField())), coordinate(record.get(geo.latitudeField())));
      super.write(record);
    }

    private static double coordinate(Object value) {
      return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    @Override
    public FinalizedWriteContext finalizeWrite() {
      Map<String, String> meta = new HashMap<>(super.finalizeWrite().getExtraMetaData());
      meta.put(GeoParquet.KEY, extent.json());
      return new FinalizedWriteContext(meta);
    }
  }
}
