package org.observatoire.beam.avro;

import org.apache.avro.Schema;
import org.observatoire.beam.parquet.AvroCursor;

/**
 * How an occurrence row ({@link AvroSchemas#OCCURRENCE}) lies in Avro binary: per field, its kind and whether it is
 * a {@code [null, T]} union. The byte-level readers of occurrence blocks ({@link OccurrenceFileRows},
 * {@link OccurrencePicker}) walk rows with it instead of decoding records.
 */
final class OccurrenceLayout {
  enum Kind { STRING, INT, LONG, DOUBLE, BOOLEAN, STRING_ARRAY }

  static final Schema FULL = AvroSchemas.OCCURRENCE;
  static final Kind[] KINDS = new Kind[FULL.getFields().size()];
  static final boolean[] NULLABLE = new boolean[KINDS.length];

  static {
    for (Schema.Field f : FULL.getFields()) {
      Schema s = f.schema();
      if (s.getType() == Schema.Type.UNION) {
        if (s.getTypes().size() != 2 || s.getTypes().get(0).getType() != Schema.Type.NULL) {
          throw new IllegalStateException("field " + f.name() + ": expected [null, T], got " + s);
        }
        NULLABLE[f.pos()] = true;
        s = s.getTypes().get(1);
      }
      KINDS[f.pos()] = switch (s.getType()) {
        case STRING -> Kind.STRING;
        case INT -> Kind.INT;
        case LONG -> Kind.LONG;
        case DOUBLE -> Kind.DOUBLE;
        case BOOLEAN -> Kind.BOOLEAN;
        case ARRAY -> Kind.STRING_ARRAY;
        default -> throw new IllegalStateException("field " + f.name() + ": unsupported type " + s);
      };
    }
  }

  private OccurrenceLayout() {}

  /** The position of a column, checked to be of one of the given kinds. */
  static int field(String name, Kind... kinds) {
    Schema.Field f = FULL.getField(name);
    if (f != null) {
      for (Kind k : kinds) {
        if (KINDS[f.pos()] == k) {
          return f.pos();
        }
      }
    }
    throw new IllegalArgumentException(name + " is not a column of the occurrences of kind "
        + java.util.Arrays.toString(kinds));
  }

  /**
   * Calls {@code row} once per row of an occurrence block (an Avro array of rows), with the cursor on the row's
   * first byte; {@code row} must leave it past the row's last byte.
   */
  static void forEachRow(AvroCursor in, Runnable row) {
    for (long n = in.readBlockCount(); n != 0; n = in.readBlockCount()) {
      for (long i = 0; i < n; i++) {
        row.run();
      }
    }
  }

  /** Moves the cursor past a present value of this kind. */
  static void skip(AvroCursor in, Kind kind) {
    switch (kind) {
      case STRING -> in.skipBytes();
      case INT, LONG -> in.readLong();
      case DOUBLE -> in.skip(8);
      case BOOLEAN -> in.skip(1);
      case STRING_ARRAY -> {
        for (long n = in.readLong(); n != 0; n = in.readLong()) {
          if (n < 0) {
            in.skipBytes(); // a block given with its byte size: skip it whole
            continue;
          }
          for (long i = 0; i < n; i++) {
            in.skipBytes();
          }
        }
      }
    }
  }

  /** A cursor on a block's bytes, copied only when the buffer has no accessible array. */
  static AvroCursor cursor(AvroCursor in, java.nio.ByteBuffer block) {
    java.nio.ByteBuffer b = block.duplicate();
    if (b.hasArray()) {
      return in.reset(b.array(), b.arrayOffset() + b.position());
    }
    byte[] copy = new byte[b.remaining()];
    b.get(copy);
    return in.reset(copy, 0);
  }
}
