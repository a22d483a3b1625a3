package org.observatoire.beam.transforms;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.values.KV;
import org.observatoire.core.run.CountKey;

/**
 * The small records a stage emits beside its main output (rejected lines, dead letters, duplicates, restricted
 * locations, counters), as one stream of {@link SideRecord}s, each of a {@link SideKind}.
 *
 * <p>Why one stream: the Flink batch runner ships a multi-output ParDo's outputs as one union stream to every
 * consumer, so each extra output made every main-output record (the large ones) serialized once more. Stages
 * therefore have two outputs, the main one and this side stream, and {@link RouteSideRecords} splits the side
 * stream (small) into typed datasets.
 */
public final class SideRecords {
  private static final Map<SideKind, GenericDatumWriter<GenericRecord>> WRITERS = new EnumMap<>(SideKind.class);

  static {
    for (SideKind kind : SideKind.values()) {
      if (kind != SideKind.COUNT) {
        WRITERS.put(kind, new GenericDatumWriter<>(kind.schema()));
      }
    }
  }

  private SideRecords() {}

  /** The side stream's coder. */
  public static Coder<SideRecord> coder() {
    return SideRecord.coder();
  }

  /** A record of one of the kinds with a schema (not {@link SideKind#COUNT}). */
  public static SideRecord of(SideKind kind, GenericRecord record) {
    GenericDatumWriter<GenericRecord> writer = WRITERS.get(kind);
    if (writer == null) {
      throw new IllegalArgumentException("a " + kind + " side record is made by count(), not from a record");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    try {
      writer.write(record, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode a " + kind + " record", e);
    }
    return SideRecord.of(kind, out.toByteArray());
  }

  /** A counter increment. */
  public static SideRecord count(CountKey key, long n) {
    return SideRecord.of(SideKind.COUNT, (key.encode() + "\t" + n).getBytes(StandardCharsets.UTF_8));
  }

  /** A record of {@code kind} from its bytes, read with {@code reader} (of the kind's schema). */
  public static GenericRecord decode(SideKind kind, byte[] bytes, GenericDatumReader<GenericRecord> reader) {
    try {
      return reader.read(null, DecoderFactory.get().binaryDecoder(bytes, null));
    } catch (IOException e) {
      throw new UncheckedIOException("corrupt " + kind + " side record", e);
    }
  }

  /** A {@link SideKind#COUNT} record's counter key ({@code CountKey} encoded) and increment. */
  public static KV<String, Long> decodeCount(byte[] bytes) {
    String s = new String(bytes, StandardCharsets.UTF_8);
    int tab = s.lastIndexOf('\t');
    return KV.of(s.substring(0, tab), Long.parseLong(s.substring(tab + 1)));
  }
}
