package org.observatoire.beam.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.util.Iterator;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.beam.sdk.io.FileIO;
import org.apache.parquet.hadoop.ParquetWriter;

/**
 * FileIO's sink for the datasets: one Parquet file (zstd, {@link ParquetFiles}) per writer, with GeoParquet metadata
 * when the schema has a point column, and, when sort fields are given, its rows sorted by them. Each row is
 * Avro-encoded once and the Parquet writer decodes those bytes straight into its columns
 * ({@link EncodedRowWriteSupport}). Sorting is an external sort in bounded memory ({@link SortBuffer}: encoded rows
 * kept up to {@code sortBudgetBytes} per writer, then spilled as sorted runs to local temporary files and merged
 * when the file is written), so a writer that receives a whole partition (a Flink batch bundle) never holds it in
 * memory and still writes one sorted file.
 */
final class ParquetSink implements FileIO.Sink<GenericRecord> {
  private static final long serialVersionUID = 1L;

  private final String schemaJson;
  private final List<String> sortFields;
  private final long rowGroupBytes;
  private final long sortBudgetBytes;

  private transient Schema schema;
  private transient int[] sortPositions;
  private transient WritableByteChannel channel;
  private transient ParquetWriter<byte[]> direct;
  private transient SortBuffer buffer;
  private transient GenericDatumWriter<GenericRecord> encoder;
  private transient BinaryEncoder binary;
  private transient ByteArrayOutputStream bytes;

  ParquetSink(Schema schema, List<String> sortFields, long rowGroupBytes, long sortBudgetBytes) {
    this.schemaJson = schema.toString();
    this.sortFields = List.copyOf(sortFields);
    this.rowGroupBytes = rowGroupBytes;
    this.sortBudgetBytes = sortBudgetBytes;
    for (String f : sortFields) {
      if (schema.getField(f) == null) {
        throw new IllegalArgumentException("sort field " + f + " is not a column of " + schema.getName());
      }
    }
  }

  @Override
  public void open(WritableByteChannel channel) throws IOException {
    this.schema = new Schema.Parser().parse(schemaJson);
    this.channel = channel;
    encoder = new GenericDatumWriter<>(schema);
    bytes = new ByteArrayOutputStream(1024);
    if (sortFields.isEmpty()) {
      direct = writer();
    } else {
      buffer = new SortBuffer(sortBudgetBytes);
      sortPositions = sortFields.stream().mapToInt(f -> schema.getField(f).pos()).toArray();
    }
  }

  private ParquetWriter<byte[]> writer() throws IOException {
    return ParquetFiles.open(new ChannelOutputFile(channel), schema, GeoParquet.forSchema(schema), rowGroupBytes);
  }

  @Override
  public void write(GenericRecord element) throws IOException {
    bytes.reset();
    binary = EncoderFactory.get().directBinaryEncoder(bytes, binary);
    encoder.write(element, binary);
    binary.flush();
    if (direct != null) {
      direct.write(bytes.toByteArray());
      return;
    }
    Object[] keys = new Object[sortPositions.length];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = element.get(sortPositions[i]);
    }
    buffer.add(SortBuffer.key(keys), bytes.toByteArray());
  }

  @Override
  public void flush() throws IOException {
    if (direct != null) {
      direct.close();
      return;
    }
    try (SortBuffer b = buffer; ParquetWriter<byte[]> w = writer()) {
      for (Iterator<byte[]> it = b.sorted(); it.hasNext(); ) {
        w.write(it.next());
      }
    }
  }
}
