package org.observatoire.beam.transforms;

import org.apache.avro.Schema;
import org.observatoire.beam.avro.AvroSchemas;

/** The kinds of {@link SideRecord}, each with the Avro schema of its bytes (none for counters). */
public enum SideKind {
  /** A rejected submission with its reasons (public dataset {@code rejected}). */
  REJECTED(AvroSchemas.REJECTED),
  /** A rejected submission's line as submitted (restricted). */
  RAW_REJECTED(AvroSchemas.RAW_LINE),
  /** A record a stage could not process, with the stage and its bytes (restricted). */
  DEAD_LETTER(AvroSchemas.DEAD_LETTER),
  /** A submission that lost the duplicate check, with the winner and the reason. */
  DUPLICATE(AvroSchemas.DUPLICATE),
  /**
   * An accepted submission whose id may occur on another line ({@link ProcessSubmissions#keepingUnique}), on its
   * way to the duplicate check ({@link DeduplicateSubmissions#takeRepeated}); not routed to any dataset.
   */
  REPEATED(AvroSchemas.ACCEPTED),
  /** A counter increment: a {@code CountKey} and a number ({@link SideRecords#decodeCount}). */
  COUNT(null);

  private final Schema schema;

  SideKind(Schema schema) {
    this.schema = schema;
  }

  /** The schema of this kind's bytes. */
  public Schema schema() {
    if (schema == null) {
      throw new IllegalStateException("a " + name() + " side record holds no Avro record");
    }
    return schema;
  }

  /** Whether {@link RouteSideRecords} gives this kind an output of its own (the Avro records bound for a dataset). */
  boolean routed() {
    return this != REPEATED && this != COUNT;
  }
}
