package org.observatoire.beam.parquet;

import org.apache.avro.Schema;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.observatoire.beam.BackgroundPriority;

/**
 * Writes {@link RowBlock}s as a partitioned Parquet dataset ({@code <destination>/part-*.parquet}, the layout of
 * {@link WriteParquetDataset#partitioned}): the blocks, not their rows, travel and are sorted, and each file holds
 * the rows of its blocks in block-key order. For datasets whose rows repeat most of their columns in groups (the
 * zero-filled visits: ~100 rows per visit that differ only in the taxon), this moves and sorts one element per group.
 *
 * <p>Unless {@link #withNumShards} says otherwise, bounded input gets one file per destination, sorted by block key
 * then by row bytes ({@link SortBuffer#ORDER}) and written from spilled runs ({@link WriteSortedFiles}): the rows
 * never cross the runner's shuffle, and the same blocks give the same bytes whatever the runner's bundles. With a
 * fixed number of shards (streaming, Spark) the blocks go through FileIO. The writer is the one the pipeline's
 * {@link ParquetWriteOptions} choose. The result is the names of the files written.
 */
public final class WriteParquetBlocks extends PTransform<PCollection<RowBlock>, PCollection<String>> {
  private final String directory;
  private final Schema fileSchema;
  private final int numShards;
  private final int niceness;

  /** Memory for sorting, per open file (blocks are held encoded; the rest is spilled to local disk). */
  public static final long SORT_BUDGET_BYTES = 4L << 20;

  private WriteParquetBlocks(String directory, Schema fileSchema, int numShards, int niceness) {
    this.directory = directory;
    this.fileSchema = fileSchema;
    this.numShards = numShards;
    this.niceness = niceness;
  }

  /** Blocks of rows of {@code fileSchema}, each under its {@link RowBlock#destination()} below {@code directory}. */
  public static WriteParquetBlocks to(String directory, Schema fileSchema) {
    return new WriteParquetBlocks(directory, fileSchema, 0, 0);
  }

  /** A fixed number of files per destination (see {@link WriteParquetDataset#withNumShards}). */
  public WriteParquetBlocks withNumShards(int shards) {
    if (shards < 1) {
      throw new IllegalArgumentException("numShards must be positive, got " + shards);
    }
    return new WriteParquetBlocks(directory, fileSchema, shards, niceness);
  }

  /**
   * Files written by threads at nice value {@code niceness} (0: unchanged; see {@link BackgroundPriority}), for
   * output that must yield the cores to more urgent work.
   */
  public WriteParquetBlocks atNiceness(int niceness) {
    return new WriteParquetBlocks(directory, fileSchema, numShards, BackgroundPriority.checkNiceness(niceness));
  }

  @Override
  public PCollection<String> expand(PCollection<RowBlock> blocks) {
    ParquetWriterKind kind = ParquetWriteOptions.of(blocks.getPipeline().getOptions());
    BlockParquetSink sink = new BlockParquetSink(fileSchema, ParquetFiles.ROW_GROUP_BYTES, SORT_BUDGET_BYTES, niceness,
        kind);
    if (numShards == 0 && blocks.isBounded() == PCollection.IsBounded.BOUNDED) {
      return blocks.apply("WriteParquet", WriteSortedFiles.<RowBlock>of(directory, "part", sink,
          (block, out) -> sink.add(block, (key, payload) -> out.add(block.destination(), key, payload))));
    }
    FileIO.Write<String, RowBlock> write = FileIO.<String, RowBlock>writeDynamic()
        .by(RowBlock::destination)
        .withDestinationCoder(StringUtf8Coder.of())
        .via(sink)
        .to(directory)
        .withNaming(dest -> FileIO.Write.defaultNaming(dest.isEmpty() ? "part" : dest + "/part", ".parquet"));
    return blocks.apply("WriteParquet", write.withNumShards(numShards > 0 ? numShards : 1))
        .getPerDestinationOutputFilenames().apply("FileNames", Values.create());
  }
}
