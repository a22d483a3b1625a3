package org.observatoire.beam.transforms;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.values.KV;
import org.observatoire.beam.avro.AvroSchemas;
import org.observatoire.core.run.CountKey;

/**
 * The small records a stage emits beside its main output (rejected lines, dead letters, duplicates, restricted
 * locations, counters), as one stream of {@code kind → Avro bytes}.
 *
 * <p>Why one stream: the Flink batch runner ships a multi-output ParDo's outputs as one union stream to every
 * consumer, so each extra output made every main-output record (the large ones) serialized once more. Stages
 * therefore have two outputs, the main one and this side stream, and {@link RouteSideRecords} splits the side
 * stream (small) into typed datasets.
 */
public final class SideRecords {
  public static final String REJECTED = "rejected";
  public static final String RAW_REJECTED = "rejected-raw";
  public static final String DEAD_LETTER = "dead-letter";
  public static final String DUPLICATE = "duplicate";
  public static final String RESTRICTED_LOCATION = "restricted-location";
  public static final String COUNT = "count";
  /**
   * An accepted submission whose id may occur on another line ({@link ProcessSubmissions#keepingUnique}), on its
   * way to the duplicate check ({@link DeduplicateSubmissions#takeRepeated}); not routed to any dataset.
   */
  public static final String REPEATED = "repeated";

  static final Map<String, Schema> SCHEMAS = Map.of(
      REJECTED, AvroSchemas.REJECTED,
      RAW_REJECTED, AvroSchemas.RAW_LINE,
      DEAD_LETTER, AvroSchemas.DEAD_LETTER,
      DUPLICATE, AvroSchemas.DUPLICATE,
      RESTRICTED_LOCATION, AvroSchemas.RESTRICTED_LOCATION);

  private static final Map<String, GenericDatumWriter<GenericRecord>> WRITERS = Map.of(
      REJECTED, new GenericDatumWriter<>(AvroSchemas.REJECTED),
      RAW_REJECTED, new GenericDatumWriter<>(AvroSchemas.RAW_LINE),
      DEAD_LETTER, new GenericDatumWriter<>(AvroSchemas.DEAD_LETTER),
      DUPLICATE, new GenericDatumWriter<>(AvroSchemas.DUPLICATE),
      RESTRICTED_LOCATION, new GenericDatumWriter<>(AvroSchemas.RESTRICTED_LOCATION),
      REPEATED, new GenericDatumWriter<>(AvroSchemas.ACCEPTED));

  private SideRecords() {}

  /** The side stream's coder. */
  public static KvCoder<String, byte[]> coder() {
    return KvCoder.of(StringUtf8Coder.of(), ByteArrayCoder.of());
  }

  /** A record of one of the kinds above (not {@link #COUNT}). */
  public static KV<String, byte[]> of(String kind, GenericRecord record) {
    GenericDatumWriter<GenericRecord> writer = WRITERS.get(kind);
    if (writer == null) {
      throw new IllegalArgumentException("unknown side record kind '" + kind + "'; known: " + WRITERS.keySet());
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    try {
      writer.write(record, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode a " + kind + " record", e);
    }
    return KV.of(kind, out.toByteArray());
  }

  /** A counter increment. */
  public static KV<String, byte[]> count(CountKey key, long n) {
    return KV.of(COUNT, (key.encode() + "\t" + n).getBytes(StandardCharsets.UTF_8));
  }

  /** The schema of a record kind's bytes ({@link #REJECTED}, ...; not {@link #COUNT}). */
  public static Schema schema(String kind) {
    Schema s = kind.equals(REPEATED) ? AvroSchemas.ACCEPTED : SCHEMAS.get(kind);
    if (s == null) {
      throw new IllegalArgumentException("unknown side record kind '" + kind + "'; known: " + WRITERS.keySet());
    }
    return s;
  }

  /** A record of {@code kind} from its bytes, read with {@code reader} (of {@link #schema}). */
  public static GenericRecord decode(String kind, byte[] bytes, GenericDatumReader<GenericRecord> reader) {
    try {
      return reader.read(null, DecoderFactory.get().binaryDecoder(bytes, null));
    } catch (IOException e) {
      throw new UncheckedIOException("corrupt " + kind + " side record", e);
    }
  }

  /** A {@link #COUNT} record's counter key ({@code CountKey} encoded) and increment. */
  public static KV<String, Long> decodeCount(byte[] bytes) {
    String s = new String(bytes, StandardCharsets.UTF_8);
    int tab = s.lastIndexOf('\t');
    return KV.of(s.substring(0, tab), Long.parseLong(s.substring(tab + 1)));
  }
}
