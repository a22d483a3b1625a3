package org.observatoire.beam.transforms;

import java.nio.ByteBuffer;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.observatoire.beam.avro.OccurrenceFileRows;
import org.observatoire.beam.parquet.RowBlock;

/**
 * Curated submissions → their occurrence rows as stored in the occurrence files: one {@link RowBlock} per
 * submission and partition folder, each row with its own sort key ({@link OccurrenceFileRows}). The rows go from the
 * submission's encoded block to the Parquet writer without being decoded into records and encoded again, and travel
 * as one element per submission rather than one per row.
 */
public final class EncodeOccurrenceRows extends PTransform<PCollection<GenericRecord>, PCollection<RowBlock>> {
  private final List<String> sortColumns;

  private EncodeOccurrenceRows(List<String> sortColumns) {
    this.sortColumns = List.copyOf(sortColumns);
  }

  /** Rows keyed to sort, in each file, by these string columns. */
  public static EncodeOccurrenceRows sortedBy(List<String> sortColumns) {
    OccurrenceFileRows.sortedBy(sortColumns); // fails now, not on a worker, on a wrong column
    return new EncodeOccurrenceRows(sortColumns);
  }

  @Override
  public PCollection<RowBlock> expand(PCollection<GenericRecord> curated) {
    return curated.apply("Rows", ParDo.of(new RowsFn(sortColumns))).setCoder(RowBlock.coder());
  }

  static final class RowsFn extends DoFn<GenericRecord, RowBlock> {
    private final List<String> sortColumns;
    private transient OccurrenceFileRows rows;

    RowsFn(List<String> sortColumns) {
      this.sortColumns = sortColumns;
    }

    @Setup
    public void setup() {
      rows = OccurrenceFileRows.sortedBy(sortColumns);
    }

    @ProcessElement
    public void process(@Element GenericRecord submission, OutputReceiver<RowBlock> out) {
      rows.rows((ByteBuffer) submission.get("occurrences"), out::output);
    }
  }
}
