package org.observatoire.beam.publish;

import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.observatoire.beam.avro.AvroSchemas;
import org.observatoire.beam.jobs.NightlyJob;

/** The nightly job's datasets as published: folder name → the columns its Parquet files declare. */
public final class NightlyDatasets {
  private NightlyDatasets() {}

  /** Read from the Avro schemas the job writes with, so columns added there are expected here too. */
  public static Map<String, List<String>> declaredColumns() {
    return Map.of(
        NightlyJob.OCCURRENCES, names(AvroSchemas.OCCURRENCE_FILE),
        NightlyJob.VISITS, names(AvroSchemas.VISIT_FILE),
        NightlyJob.REJECTED, names(AvroSchemas.REJECTED),
        NightlyJob.DUPLICATES, names(AvroSchemas.DUPLICATE),
        NightlyJob.DEAD_LETTER, names(AvroSchemas.DEAD_LETTER));
  }

  private static List<String> names(Schema schema) {
    return schema.getFields().stream().map(Schema.Field::name).toList();
  }
}
