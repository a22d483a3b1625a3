package org.observatoire.beam.parquet;

import java.io.IOException;
import org.apache.avro.Schema;

/**
 * FileIO's sink for {@link RowBlock}s: blocks are sorted by their keys in bounded memory ({@link SortBuffer}, spilled
 * to local temporary files past {@code sortBudgetBytes}) and expanded into rows only as the file is written; the fast
 * writer puts each row's values straight into the Parquet column writers ({@link ColumnRowWriter}). Same files as
 * {@link ParquetSink} writes (zstd, GeoParquet metadata when the schema has a point column).
 */
final class BlockParquetSink extends SortedRowsSink<RowBlock> {
  private static final long serialVersionUID = 1L;

  BlockParquetSink(Schema schema, long rowGroupBytes, long sortBudgetBytes) {
    this(schema, rowGroupBytes, sortBudgetBytes, 0, ParquetWriterKind.FAST);
  }

  /** @param niceness the nice value of the threads writing the files (0: unchanged; see BackgroundPriority) */
  BlockParquetSink(Schema schema, long rowGroupBytes, long sortBudgetBytes, int niceness, ParquetWriterKind kind) {
    super(checked(schema), rowGroupBytes, sortBudgetBytes, kind, true, niceness);
  }

  private static Schema checked(Schema schema) {
    if (!ColumnRowWriter.supports(schema)) {
      throw new IllegalArgumentException("row blocks are written for flat schemas only (primitive fields and arrays"
          + " of them), not " + schema.getFullName());
    }
    return schema;
  }

  @Override
  void add(RowBlock block, java.util.function.BiConsumer<byte[], byte[]> groups) {
    block.forEachGroup(groups);
  }
}
