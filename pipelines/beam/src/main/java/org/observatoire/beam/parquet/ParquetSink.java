package org.observatoire.beam.parquet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.beam.sdk.io.FileIO;
import org.apache.parquet.hadoop.ParquetWriter;

/**
 * FileIO's sink for datasets written from Avro records: one Parquet file (zstd, {@link ParquetFiles}) per writer, with
 * GeoParquet metadata when the schema has a point column, rows in arrival order. Each row is Avro-encoded once and
 * the Parquet writer decodes those bytes straight into its columns ({@link EncodedRowWriteSupport}). Datasets whose
 * files are sorted go through {@link BlockParquetSink} instead.
 */
final class ParquetSink implements FileIO.Sink<GenericRecord> {
  private static final long serialVersionUID = 1L;

  private final String schemaJson;
  private final long rowGroupBytes;

  private transient ParquetWriter<byte[]> writer;
  private transient GenericDatumWriter<GenericRecord> encoder;
  private transient BinaryEncoder binary;
  private transient ByteArrayOutputStream bytes;

  ParquetSink(Schema schema, long rowGroupBytes) {
    this.schemaJson = schema.toString();
    this.rowGroupBytes = rowGroupBytes;
  }

  @Override
  public void open(WritableByteChannel channel) throws IOException {
    Schema schema = new Schema.Parser().parse(schemaJson);
    encoder = new GenericDatumWriter<>(schema);
    bytes = new ByteArrayOutputStream(1024);
    writer = ParquetFiles.open(new ChannelOutputFile(channel), schema, GeoParquet.forSchema(schema), rowGroupBytes);
  }

  @Override
  public void write(GenericRecord element) throws IOException {
    bytes.reset();
    binary = EncoderFactory.get().directBinaryEncoder(bytes, binary);
    encoder.write(element, binary);
    binary.flush();
    writer.write(bytes.toByteArray());
  }

  @Override
  public void flush() throws IOException {
    writer.close();
  }
}
