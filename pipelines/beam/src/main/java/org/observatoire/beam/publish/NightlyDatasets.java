package org.observatoire.beam.publish;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.observatoire.beam.avro.AvroSchemas;
import org.observatoire.beam.jobs.NightlyJob;

/** The nightly job's datasets as published: folder name → the columns its Parquet files declare. */
public final class NightlyDatasets {
  private NightlyDatasets() {}

  /** The datasets of a run without {@code --materialiseVisits} (the zero-filled visits are a view). */
  public static Map<String, List<String>> declaredColumns() {
    return declaredColumns(false);
  }

  /**
   * Read from the Avro schemas the job writes with, so columns added there are expected here too; {@code visits}
   * only when the run materialised them.
   */
  public static Map<String, List<String>> declaredColumns(boolean materialisedVisits) {
    Map<String, List<String>> d = new LinkedHashMap<>();
    d.put(NightlyJob.OCCURRENCES, names(AvroSchemas.OCCURRENCE_FILE));
    d.put(NightlyJob.EVENTS, names(AvroSchemas.EVENT_FILE));
    d.put(NightlyJob.CHECKLISTS, names(AvroSchemas.CHECKLIST));
    if (materialisedVisits) {
      d.put(NightlyJob.VISITS, names(AvroSchemas.VISIT_FILE));
    }
    d.put(NightlyJob.REJECTED, names(AvroSchemas.REJECTED));
    d.put(NightlyJob.DUPLICATES, names(AvroSchemas.DUPLICATE));
    d.put(NightlyJob.DEAD_LETTER, names(AvroSchemas.DEAD_LETTER));
    return Map.copyOf(d);
  }

  private static List<String> names(Schema schema) {
    return schema.getFields().stream().map(Schema.Field::name).toList();
  }
}
