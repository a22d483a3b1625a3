package org.observatoire.beam.transforms;

import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.observatoire.beam.avro.AvroRecordCoder;
import org.observatoire.beam.avro.AvroSchemas;

/**
 * The full-precision locations of the generalised rows (restricted dataset), read from the curated submissions once
 * no later step can generalise them again: each submission's {@code restricted} list, whose entries name the rows'
 * final public ids. Taking them any earlier would keep, for a row generalised first for its own event and then for
 * its site ({@link GeneraliseSensitiveSites}), a public id that is no longer published.
 */
public final class CollectRestrictedLocations extends PTransform<PCollection<GenericRecord>, PCollection<GenericRecord>> {
  private CollectRestrictedLocations() {}

  public static CollectRestrictedLocations create() {
    return new CollectRestrictedLocations();
  }

  @Override
  public PCollection<GenericRecord> expand(PCollection<GenericRecord> curated) {
    return curated.apply("RestrictedOf", ParDo.of(new RestrictedOfFn()))
        .setCoder(AvroRecordCoder.of(AvroSchemas.RESTRICTED_LOCATION));
  }

  static final class RestrictedOfFn extends DoFn<GenericRecord, GenericRecord> {
    @ProcessElement
    public void process(@Element GenericRecord curated, OutputReceiver<GenericRecord> out) {
      locationsOf(curated).forEach(out::output);
    }
  }

  /** A curated submission's restricted locations (Avro records of {@link AvroSchemas#RESTRICTED_LOCATION}). */
  @SuppressWarnings("unchecked")
  public static List<GenericRecord> locationsOf(GenericRecord curated) {
    return (List<GenericRecord>) curated.get("restricted");
  }
}
