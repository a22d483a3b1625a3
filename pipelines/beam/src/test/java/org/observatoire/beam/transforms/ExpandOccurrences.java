package org.observatoire.beam.transforms;

import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.observatoire.beam.avro.AvroRecordCoder;
import org.observatoire.beam.avro.AvroRecords;
import org.observatoire.beam.avro.AvroSchemas;

/**
 * Curated submissions (each carrying its occurrence rows as one Avro block) → their occurrence rows, decoded whole
 * by Avro's own reader: for tests that check the rows a pipeline curated. The jobs themselves read the blocks' bytes
 * where they are consumed ({@code OccurrenceFileRows}, {@code OccurrencePicker}).
 */
public final class ExpandOccurrences extends PTransform<PCollection<GenericRecord>, PCollection<GenericRecord>> {
  private ExpandOccurrences() {}

  public static ExpandOccurrences create() {
    return new ExpandOccurrences();
  }

  @Override
  public PCollection<GenericRecord> expand(PCollection<GenericRecord> curated) {
    return curated.apply("Rows", ParDo.of(new RowsFn())).setCoder(AvroRecordCoder.of(AvroSchemas.OCCURRENCE));
  }

  static final class RowsFn extends DoFn<GenericRecord, GenericRecord> {
    @ProcessElement
    public void process(@Element GenericRecord submission, OutputReceiver<GenericRecord> out) {
      for (GenericRecord row : AvroRecords.occurrencesOf(submission)) {
        out.output(row);
      }
    }
  }
}
