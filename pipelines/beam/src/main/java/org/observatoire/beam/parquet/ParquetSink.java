package org.observatoire.beam.parquet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * FileIO's sink for datasets written from Avro records: one Parquet file (zstd, {@link ParquetFiles}) per writer, with
 * GeoParquet metadata when the schema has a point column. Each row is Avro-encoded once; the rows are stored in the
 * order of their encoded bytes (they have no sort key), so that the file does not depend on their order of arrival.
 * The fast writer decodes those bytes straight into its columns ({@link EncodedRowWriteSupport}). Datasets whose
 * files are sorted by columns go through {@link BlockParquetSink} instead.
 */
final class ParquetSink extends SortedRowsSink<GenericRecord> {
  private static final long serialVersionUID = 1L;
  private static final byte[] NO_KEY = new byte[0];

  private transient GenericDatumWriter<GenericRecord> encoder;
  private transient BinaryEncoder binary;
  private transient ByteArrayOutputStream bytes;

  ParquetSink(Schema schema, long rowGroupBytes) {
    this(schema, rowGroupBytes, WriteParquetBlocks.SORT_BUDGET_BYTES, ParquetWriterKind.FAST);
  }

  ParquetSink(Schema schema, long rowGroupBytes, long sortBudgetBytes, ParquetWriterKind kind) {
    super(schema, rowGroupBytes, sortBudgetBytes, kind, false, 0);
  }

  @Override
  void add(GenericRecord element, java.util.function.BiConsumer<byte[], byte[]> groups) throws IOException {
    if (encoder == null) {
      encoder = new GenericDatumWriter<>(schema());
      bytes = new ByteArrayOutputStream(1024);
    }
    bytes.reset();
    binary = EncoderFactory.get().directBinaryEncoder(bytes, binary);
    encoder.write(element, binary);
    binary.flush();
    groups.accept(NO_KEY, RowBlock.rowPayload(bytes.toByteArray()));
  }
}
