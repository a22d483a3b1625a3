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
 *
 * <p>Each thread keeps its buffer and encoder: a new buffer per submission grew by copies to the block's size (~16 KB
 * on the bench's input) with a new encoder and its own buffer each time, 80 KB allocated per submission; now 46 KB,
 * most of it the block itself and Avro's UTF-8 copy of each string. (Writing ASCII strings through a kept array
 * instead, char by char, saved that copy but was slower than the JDK's own encoding.)
 */
final class OccurrenceEncoding {
  private static final List<Column<Occurrence>> COLUMNS = OccurrenceColumns.ALL;
  /** A thread's buffer is kept for its next submission unless a block grew it past this. */
  private static final int KEPT_BUFFER_BYTES = 1 << 20;
  private static final ThreadLocal<Kept> KEPT = ThreadLocal.withInitial(Kept::new);

  private static final class Kept {
    final ByteArrayOutputStream out = new ByteArrayOutputStream(32 << 10);
    BinaryEncoder encoder;
  }

  private OccurrenceEncoding() {}

  static byte[] encode(List<Occurrence> rows) {
    Kept kept = KEPT.get();
    ByteArrayOutputStream out = kept.out;
    // the encoder first: configuring it flushes what an interrupted encoding left in its buffer, then the reset
    // drops that too
    BinaryEncoder e = EncoderFactory.get().binaryEncoder(out, kept.encoder);
    kept.encoder = e;
    out.reset();
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
    byte[] block = out.toByteArray();
    if (block.length > KEPT_BUFFER_BYTES) {
      KEPT.remove();
    }
    return block;
  }
}
