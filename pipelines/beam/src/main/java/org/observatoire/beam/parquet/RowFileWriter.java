package org.observatoire.beam.parquet;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.OutputFile;

/**
 * One Parquet file being written from Avro binary-encoded rows, by the engine a {@link ParquetWriterKind} names: the
 * single place where the sinks choose between the project's writers and parquet-java's stock one. Rows arrive as
 * {@link RowBlock} group payloads (one or more rows each), in the order they are to be stored.
 */
abstract class RowFileWriter implements Closeable {

  /** Writes the rows of one group payload, in order. */
  abstract void writeGroup(byte[] payload) throws IOException;

  /**
   * A writer of rows of {@code schema}: for {@link ParquetWriterKind#FAST}, {@link ColumnRowWriter} when
   * {@code columnWriter} (flat schemas, rows sharing most values) else {@link EncodedRowWriteSupport}.
   */
  static RowFileWriter open(ParquetWriterKind kind, OutputFile file, Schema schema, long rowGroupBytes,
      boolean columnWriter) throws IOException {
    GeoParquet geo = GeoParquet.forSchema(schema);
    if (kind == ParquetWriterKind.STOCK) {
      return new Stock(StockParquetFiles.open(file, schema, geo, rowGroupBytes), schema);
    }
    if (columnWriter) {
      return new Columns(ColumnRowWriter.open(file, schema, geo, rowGroupBytes));
    }
    return new Encoded(ParquetFiles.open(file, schema, geo, rowGroupBytes));
  }

  private static final class Columns extends RowFileWriter {
    private final ColumnRowWriter writer;

    Columns(ColumnRowWriter writer) {
      this.writer = writer;
    }

    @Override
    void writeGroup(byte[] payload) throws IOException {
      RowBlock.writeGroup(payload, writer);
    }

    @Override
    public void close() throws IOException {
      writer.close();
    }
  }

  /** Rows written one by one by a {@code ParquetWriter}, however it takes them. */
  private abstract static class PerRow<T> extends RowFileWriter {
    final ParquetWriter<T> writer;

    PerRow(ParquetWriter<T> writer) {
      this.writer = writer;
    }

    abstract T row(byte[] encoded) throws IOException;

    @Override
    void writeGroup(byte[] payload) throws IOException {
      try {
        RowBlock.forEachRow(payload, encoded -> {
          try {
            writer.write(row(encoded));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
    }

    @Override
    public void close() throws IOException {
      writer.close();
    }
  }

  private static final class Encoded extends PerRow<byte[]> {
    Encoded(ParquetWriter<byte[]> writer) {
      super(writer);
    }

    @Override
    byte[] row(byte[] encoded) {
      return encoded;
    }
  }

  /** Each row decoded into a record for parquet-java's {@code AvroWriteSupport}. */
  private static final class Stock extends PerRow<GenericRecord> {
    private final GenericDatumReader<GenericRecord> reader;
    private BinaryDecoder decoder;

    Stock(ParquetWriter<GenericRecord> writer, Schema schema) {
      super(writer);
      this.reader = new GenericDatumReader<>(schema);
    }

    @Override
    GenericRecord row(byte[] encoded) throws IOException {
      decoder = DecoderFactory.get().binaryDecoder(encoded, decoder);
      return reader.read(null, decoder);
    }
  }
}
