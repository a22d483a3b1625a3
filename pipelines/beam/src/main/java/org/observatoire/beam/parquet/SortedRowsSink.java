package org.observatoire.beam.parquet;

import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.util.Iterator;
import org.apache.avro.Schema;
import org.apache.beam.sdk.io.FileIO;
import org.observatoire.beam.BackgroundPriority;

/**
 * FileIO's sink of the Parquet datasets: the rows of one file are gathered in a {@link SortBuffer} (bounded memory,
 * spilled to local temporary files past {@code sortBudgetBytes}) as group payloads under their sort keys, then
 * written in {@link SortBuffer#ORDER} by the writer {@link ParquetWriterKind} names ({@link RowFileWriter}). The
 * order is total, so a file's bytes do not depend on the order its rows arrived in.
 */
abstract class SortedRowsSink<T> implements FileIO.Sink<T> {
  private static final long serialVersionUID = 1L;

  private final String schemaJson;
  private final long rowGroupBytes;
  private final long sortBudgetBytes;
  private final ParquetWriterKind kind;
  private final boolean columnWriter;
  private final int niceness;

  private transient WritableByteChannel channel;
  private transient SortBuffer buffer;

  /**
   * @param columnWriter whether the fast writer is {@link ColumnRowWriter} (else {@link EncodedRowWriteSupport})
   * @param niceness the nice value of the threads writing the files (0: unchanged; see BackgroundPriority)
   */
  SortedRowsSink(Schema schema, long rowGroupBytes, long sortBudgetBytes, ParquetWriterKind kind,
      boolean columnWriter, int niceness) {
    this.schemaJson = schema.toString();
    this.rowGroupBytes = rowGroupBytes;
    this.sortBudgetBytes = sortBudgetBytes;
    this.kind = kind;
    this.columnWriter = columnWriter;
    this.niceness = niceness;
  }

  /** The file's schema. */
  Schema schema() {
    return new Schema.Parser().parse(schemaJson);
  }

  /** Gives an element's groups (sort key, payload) to {@code groups}. */
  abstract void add(T element, java.util.function.BiConsumer<byte[], byte[]> groups) throws IOException;

  /** The nice value of the threads writing the files (0: unchanged; see BackgroundPriority). */
  int niceness() {
    return niceness;
  }

  /** Writes group payloads, in the order given, as one Parquet file on {@code channel}, and closes it. */
  void writeFile(Iterator<byte[]> groups, WritableByteChannel channel) throws IOException {
    try (RowFileWriter w = RowFileWriter.open(kind, new ChannelOutputFile(channel), schema(), rowGroupBytes,
        columnWriter)) {
      while (groups.hasNext()) {
        w.writeGroup(groups.next());
      }
    }
  }

  @Override
  public void open(WritableByteChannel channel) {
    BackgroundPriority.lowerCurrentThread(niceness);
    this.channel = channel;
    buffer = new SortBuffer(sortBudgetBytes);
  }

  @Override
  public void write(T element) throws IOException {
    add(element, buffer::add);
  }

  @Override
  public void flush() throws IOException {
    try (SortBuffer b = buffer) {
      writeFile(b.sorted(), channel);
    }
  }
}
