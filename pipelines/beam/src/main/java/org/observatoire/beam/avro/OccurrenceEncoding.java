package org.observatoire.beam.avro;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.observatoire.core.occurrence.Column;
import org.observatoire.core.occurrence.Occurrence;
import org.observatoire.core.occurrence.OccurrenceColumns;

/**
 * A submission's occurrences as the Avro binary of {@link AvroSchemas#OCCURRENCE_ARRAY}, written straight from the
 * core's values column by column: the bytes {@code GenericDatumWriter} writes for the same rows, without building a
 * record per row or resolving a union per nullable value (that was a fifth of the validation chain's Avro work).
 * The schema is built from the same {@link OccurrenceColumns}, in the same order; nullable columns are the union
 * {@code [null, T]}.
 */
final class OccurrenceEncoding {
  private static final List<Column<Occurrence>> COLUMNS = OccurrenceColumns.ALL;

  private OccurrenceEncoding() {}

  static byte[] encode(List<Occurrence> rows) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512 * rows.size() + 16);
    BinaryEncoder e = EncoderFactory.get().binaryEncoder(out, null);
    try {
      e.writeArrayStart();
      e.setItemCount(rows.size());
      for (Occurrence o : rows) {
        e.startItem();
        for (Column<Occurrence> c : COLUMNS) {
          Object v = c.valueOf(o);
          if (c.nullable()) {
            e.writeIndex(v == null ? 0 : 1);
            if (v == null) {
              continue;
            }
          } else if (v == null) {
            throw new IllegalArgumentException("column " + c.name() + " is not nullable, got null in occurrence "
                + o.occurrenceID());
          }
          switch (c.type()) {
            case STRING -> e.writeString((String) v);
            case INT -> e.writeInt((Integer) v);
            case LONG -> e.writeLong(((Number) v).longValue());
            case DOUBLE -> e.writeDouble((Double) v);
            case BOOLEAN -> e.writeBoolean((Boolean) v);
            case STRING_LIST -> {
              Collection<?> items = (Collection<?>) v;
              e.writeArrayStart();
              e.setItemCount(items.size());
              for (Object item : items) {
                e.startItem();
                e.writeString(item.toString());
              }
              e.writeArrayEnd();
            }
          }
        }
      }
      e.writeArrayEnd();
      e.flush();
    } catch (IOException impossible) {
      throw new UncheckedIOException(impossible);
    }
    return out.toByteArray();
  }
}
