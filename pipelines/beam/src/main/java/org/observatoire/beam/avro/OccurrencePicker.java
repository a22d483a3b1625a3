package org.observatoire.beam.avro;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.observatoire.beam.parquet.AvroCursor;

/**
 * A few columns of each row of an occurrence block ({@link AvroSchemas#OCCURRENCE_ARRAY}, Avro binary), read straight
 * from the bytes: the other columns are skipped, no record is built, and only the picked strings are decoded. For
 * consumers that use a handful of the ~50 columns (the cubes use 18, the streaming verdict only the flags).
 */
public final class OccurrencePicker {
  private final int[] slotOf; // per field of the row, its index among the picked columns, or -1
  private final int width;
  private final AvroCursor in = new AvroCursor();

  private OccurrencePicker(List<String> columns) {
    slotOf = new int[OccurrenceLayout.KINDS.length];
    java.util.Arrays.fill(slotOf, -1);
    for (int i = 0; i < columns.size(); i++) {
      int f = OccurrenceLayout.field(columns.get(i), OccurrenceLayout.Kind.values());
      if (slotOf[f] >= 0) {
        throw new IllegalArgumentException("column " + columns.get(i) + " picked twice");
      }
      slotOf[f] = i;
    }
    width = columns.size();
  }

  /** Picks these columns, in this order. */
  public static OccurrencePicker of(List<String> columns) {
    return new OccurrencePicker(columns);
  }

  /** What to do with each row's picked values. */
  public interface RowConsumer {
    /**
     * The picked values in column order: {@code String}, {@code Integer}, {@code Long}, {@code Double},
     * {@code Boolean} or {@code List<String>}, null where the row has none. The array is the consumer's to keep.
     */
    void accept(Object[] values);
  }

  public void rows(ByteBuffer block, RowConsumer out) {
    OccurrenceLayout.forEachRow(OccurrenceLayout.cursor(in, block), () -> out.accept(row()));
  }

  private Object[] row() {
    Object[] values = new Object[width];
    OccurrenceLayout.Kind[] kinds = OccurrenceLayout.KINDS;
    boolean[] nullable = OccurrenceLayout.NULLABLE;
    for (int f = 0; f < kinds.length; f++) {
      if (nullable[f] && in.readLong() == 0) {
        continue;
      }
      int slot = slotOf[f];
      if (slot < 0) {
        OccurrenceLayout.skip(in, kinds[f]);
        continue;
      }
      values[slot] = switch (kinds[f]) {
        case STRING -> string();
        case INT -> in.readInt();
        case LONG -> in.readLong();
        case DOUBLE -> in.readDouble();
        case BOOLEAN -> {
          boolean b = in.array()[in.position()] != 0;
          in.skip(1);
          yield b;
        }
        case STRING_ARRAY -> strings();
      };
    }
    return values;
  }

  private List<String> strings() {
    List<String> list = new ArrayList<>();
    for (long n = in.readBlockCount(); n != 0; n = in.readBlockCount()) {
      for (long i = 0; i < n; i++) {
        list.add(string());
      }
    }
    return list;
  }

  private String string() {
    int start = in.skipBytes();
    return new String(in.array(), start, in.position() - start, StandardCharsets.UTF_8);
  }
}
