package org.observatoire.beam.parquet;

import org.observatoire.beam.BackgroundPriority;
import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.util.Iterator;
import org.apache.avro.Schema;
import org.apache.beam.sdk.io.FileIO;

/**
 * FileIO's sink for {@link RowBlock}s: blocks are sorted by their keys in bounded memory ({@link SortBuffer}, spilled
 * to local temporary files past {@code sortBudgetBytes}) and expanded into rows only as the file is written, each
 * row's values going straight into the Parquet column writers ({@link ColumnRowWriter}). Same files as
 * {@link ParquetSink} writes (zstd, GeoParquet metadata when the schema has a point column).
 */
final class BlockParquetSink implements FileIO.Sink<RowBlock> {
  private static final long serialVersionUID = 1L;

  private final String schemaJson;
  private final long rowGroupBytes;
  private final long sortBudgetBytes;
  private final int niceness;

  private transient WritableByteChannel channel;
  private transient SortBuffer buffer;

  BlockParquetSink(Schema schema, long rowGroupBytes, long sortBudgetBytes) {
    this(schema, rowGroupBytes, sortBudgetBytes, 0);
  }

  /** @param niceness the nice value of the threads writing the files (0: unchanged; see BackgroundPriority) */
  BlockParquetSink(Schema schema, long rowGroupBytes, long sortBudgetBytes, int niceness) {
    if (!ColumnRowWriter.supports(schema)) {
      throw new IllegalArgumentException("row blocks are written for flat schemas only (primitive fields and arrays"
          + " of them), not " + schema.getFullName());
    }
    this.schemaJson = schema.toString();
    this.rowGroupBytes = rowGroupBytes;
    this.sortBudgetBytes = sortBudgetBytes;
    this.niceness = niceness;
  }

  @Override
  public void open(WritableByteChannel channel) {
    BackgroundPriority.lowerCurrentThread(niceness);
    this.channel = channel;
    buffer = new SortBuffer(sortBudgetBytes);
  }

  @Override
  public void write(RowBlock block) throws IOException {
    block.forEachGroup(buffer::add);
  }

  @Override
  public void flush() throws IOException {
    Schema schema = new Schema.Parser().parse(schemaJson);
    try (SortBuffer b = buffer; ColumnRowWriter w = ColumnRowWriter.open(new ChannelOutputFile(channel), schema,
        GeoParquet.forSchema(schema), rowGroupBytes)) {
      for (Iterator<byte[]> it = b.sorted(); it.hasNext(); ) {
        RowBlock.writeGroup(it.next(), w);
      }
    }
  }
}
