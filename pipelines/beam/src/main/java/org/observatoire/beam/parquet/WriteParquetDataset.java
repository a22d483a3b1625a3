package org.observatoire.beam.parquet;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.transforms.Contextful;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.PCollection;

/**
 * Writes Avro records as a Parquet dataset (zstd, 64 MB row groups) under a folder, either flat
 * ({@code <name>-*.parquet}) or in Hive-style partitions computed per record ({@code protocol=…/year=…/part-*.parquet}).
 * A file schema with a WKB {@code geometry} column (and {@code decimalLongitude}/{@code decimalLatitude}) gets the
 * GeoParquet 1.1 {@code geo} footer key. Datasets whose files are sorted by columns are written from
 * {@link RowBlock}s by {@link WriteParquetBlocks}.
 *
 * <p>Unless {@link #withNumShards} says otherwise, bounded input gets one file per destination
 * ({@link WriteSortedFiles}), its rows stored in the order of their encoded bytes ({@link ParquetSink}): the same rows
 * give the same bytes whatever the runner's bundles, so a rerun can be checked by checksums. The writer is the one
 * the pipeline's {@link ParquetWriteOptions} choose. The result is the names of the files written.
 */
public final class WriteParquetDataset extends PTransform<PCollection<GenericRecord>, PCollection<String>> {
  private final String directory;
  private final String prefix;
  private final Schema fileSchema;
  private final SerializableFunction<GenericRecord, String> partition;
  private final SerializableFunction<GenericRecord, GenericRecord> toFileRow;
  private final int numShards;

  private WriteParquetDataset(String directory, String prefix, Schema fileSchema,
      SerializableFunction<GenericRecord, String> partition,
      SerializableFunction<GenericRecord, GenericRecord> toFileRow, int numShards) {
    this.directory = directory;
    this.prefix = prefix;
    this.fileSchema = fileSchema;
    this.partition = partition;
    this.toFileRow = toFileRow;
    this.numShards = numShards;
  }

  /** A dataset in one folder, files named {@code <prefix>-<shard>-of-<n>.parquet}. */
  public static WriteParquetDataset flat(String directory, String prefix, Schema schema) {
    return new WriteParquetDataset(directory, prefix, schema, r -> "", r -> r, 0);
  }

  /** A partitioned dataset: {@code partition} gives the relative folder, {@code toFileRow} the stored row. */
  public static WriteParquetDataset partitioned(String directory, Schema fileSchema,
      SerializableFunction<GenericRecord, String> partition,
      SerializableFunction<GenericRecord, GenericRecord> toFileRow) {
    return new WriteParquetDataset(directory, "part", fileSchema, partition, toFileRow, 0);
  }

  /**
   * A fixed number of files per destination and pane, as unbounded (streaming) input requires. File names then
   * carry the window and the pane: {@code part-<window start>-<window end>-<pane index>-<shard>-of-<n>.parquet}.
   */
  public WriteParquetDataset withNumShards(int shards) {
    if (shards < 1) {
      throw new IllegalArgumentException("numShards must be positive, got " + shards);
    }
    return new WriteParquetDataset(directory, prefix, fileSchema, partition, toFileRow, shards);
  }

  @Override
  public PCollection<String> expand(PCollection<GenericRecord> rows) {
    String name = prefix;
    ParquetWriterKind kind = ParquetWriteOptions.of(rows.getPipeline().getOptions());
    ParquetSink sink = new ParquetSink(fileSchema, ParquetFiles.ROW_GROUP_BYTES, WriteParquetBlocks.SORT_BUDGET_BYTES,
        kind);
    if (numShards == 0 && rows.isBounded() == PCollection.IsBounded.BOUNDED) {
      SerializableFunction<GenericRecord, String> to = partition;
      SerializableFunction<GenericRecord, GenericRecord> stored = toFileRow;
      return rows.apply("WriteParquet", WriteSortedFiles.<GenericRecord>of(directory, name, sink,
          (row, out) -> sink.add(stored.apply(row), (key, payload) -> out.add(to.apply(row), key, payload))));
    }
    FileIO.Write<String, GenericRecord> write = FileIO.<String, GenericRecord>writeDynamic()
        .by(partition)
        .withDestinationCoder(StringUtf8Coder.of())
        .via(Contextful.fn(toFileRow), sink)
        .to(directory)
        .withNaming(dest -> FileIO.Write.defaultNaming(dest.isEmpty() ? name : dest + "/" + name, ".parquet"));
    return rows.apply("WriteParquet", write.withNumShards(numShards > 0 ? numShards : 1))
        .getPerDestinationOutputFilenames().apply("FileNames", Values.create());
  }
}
