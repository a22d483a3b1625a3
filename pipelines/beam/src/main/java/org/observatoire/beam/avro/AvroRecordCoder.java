package org.observatoire.beam.avro;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.util.VarInt;

/**
 * Avro binary for {@link GenericRecord}s, written as one length-prefixed byte block. Beam's AvroCoder decodes
 * straight from the runner's stream byte by byte (it must not read ahead), which profiling showed to be the largest
 * cost of the nightly job's shuffles on Flink; reading the block in one call and decoding from memory avoids it.
 *
 * <p>A thread keeps the bytes of the last record it encoded: Flink serialises a record once per consumer (the
 * curated submissions go to four), handing the same instance to each, so the second and later consumers get a copy
 * of the bytes instead of another Avro encoding. This relies on Beam's rule that an element is never modified once
 * output: a record changed in place and written again right after would be written as it was.
 */
public final class AvroRecordCoder extends CustomCoder<GenericRecord> {
  private static final ByteArrayCoder BYTES = ByteArrayCoder.of();
  /** A thread's encoding buffer is kept for its next record unless it grew past this. */
  private static final int KEPT_BUFFER_BYTES = 1 << 20;

  private final String schemaJson;
  private transient Schema schema;
  private transient GenericDatumWriter<GenericRecord> writer;
  private transient GenericDatumReader<GenericRecord> reader;
  private transient ThreadLocal<BinaryEncoder> encoders;
  private transient ThreadLocal<LastEncoded> lastEncoded;
  private transient ThreadLocal<BinaryDecoder> decoders;

  private AvroRecordCoder(Schema schema) {
    this.schemaJson = schema.toString();
  }

  public static AvroRecordCoder of(Schema schema) {
    return new AvroRecordCoder(schema);
  }

  private void init() {
    if (schema == null) {
      synchronized (this) {
        if (schema == null) {
          Schema s = new Schema.Parser().parse(schemaJson);
          writer = new GenericDatumWriter<>(s);
          reader = new GenericDatumReader<>(s);
          encoders = new ThreadLocal<>();
          lastEncoded = ThreadLocal.withInitial(LastEncoded::new);
          decoders = new ThreadLocal<>();
          schema = s;
        }
      }
    }
  }

  @Override
  public void encode(GenericRecord value, OutputStream out) throws IOException {
    init();
    LastEncoded last = lastEncoded.get();
    if (last.record != value) {
      // the block as ByteArrayCoder writes it (length, bytes), from a buffer kept by the thread: a new one per
      // record grew by copies to the record's size (an accepted submission carries its occurrence rows)
      last.record = null;
      if (last.bytes.size() > KEPT_BUFFER_BYTES) {
        last.bytes = new ByteArrayOutputStream(8192);
      }
      last.bytes.reset();
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(last.bytes, encoders.get());
      encoders.set(encoder);
      writer.write(value, encoder);
      encoder.flush();
      last.record = value;
    }
    VarInt.encode(last.bytes.size(), out);
    last.bytes.writeTo(out);
  }

  /** A thread's last encoded record and its Avro bytes. */
  private static final class LastEncoded {
    private Object record;
    private ByteArrayOutputStream bytes = new ByteArrayOutputStream(8192);
  }

  @Override
  public GenericRecord decode(InputStream in) throws IOException {
    init();
    byte[] block = BYTES.decode(in);
    BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(block, decoders.get());
    decoders.set(decoder);
    return reader.read(null, decoder);
  }

  @Override
  public void verifyDeterministic() throws NonDeterministicException {
    throw new NonDeterministicException(this, "Avro records may hold maps and floating point values");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AvroRecordCoder c && c.schemaJson.equals(schemaJson);
  }

  @Override
  public int hashCode() {
    return schemaJson.hashCode();
  }
}
