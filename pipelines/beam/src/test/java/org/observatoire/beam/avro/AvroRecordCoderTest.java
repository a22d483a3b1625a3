package org.observatoire.beam.avro;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.KV;
import org.junit.jupiter.api.Test;

/**
 * {@link AvroRecordCoder} on the sample data's accepted submissions: what it writes is the record's Avro binary as
 * Beam's {@link ByteArrayCoder} writes a byte array (a length, then the bytes), whatever the record before it on the
 * same thread was, and it reads back the same records, alone and inside a key-value pair.
 */
class AvroRecordCoderTest {
  private static final AvroRecordCoder CODER = AvroRecordCoder.of(AvroSchemas.ACCEPTED);

  @Test
  void writesEachRecordAsALengthPrefixedAvroBlock() throws Exception {
    List<GenericRecord> records = accepted();
    assertThat(records.size(), greaterThan(10));
    for (GenericRecord r : records) {
      byte[] expected = CoderUtils.encodeToByteArray(ByteArrayCoder.of(), avro(r), Coder.Context.NESTED);
      assertThat(CoderUtils.encodeToByteArray(CODER, r, Coder.Context.NESTED), equalTo(expected));
    }
  }

  @Test
  void readsBackWhatItWrote() throws Exception {
    Coder<KV<String, GenericRecord>> kv = KvCoder.of(StringUtf8Coder.of(), CODER);
    for (GenericRecord r : accepted()) {
      CoderProperties.coderDecodeEncodeEqual(CODER, r);
      CoderProperties.coderDecodeEncodeEqual(kv, KV.of(r.get("submissionId").toString(), r));
    }
  }

  /**
   * A record larger than the buffer a thread keeps, then small ones, some written twice in a row as Flink does for
   * each consumer of a stage: each is written whole and alone.
   */
  @Test
  void aLargeRecordDoesNotLeakIntoTheNextOnes() throws Exception {
    List<GenericRecord> records = accepted();
    GenericRecord large = new GenericData.Record(AvroSchemas.ACCEPTED);
    GenericRecord first = records.get(0);
    for (int i = 0; i < AvroSchemas.ACCEPTED.getFields().size(); i++) {
      large.put(i, first.get(i));
    }
    byte[] filler = new byte[3 << 20];
    new Random(7).nextBytes(filler);
    large.put("occurrences", ByteBuffer.wrap(filler));
    List<GenericRecord> sequence = new ArrayList<>();
    sequence.add(large);
    sequence.add(large);
    sequence.addAll(records.subList(0, 5));
    sequence.add(records.get(4));
    sequence.add(large);
    sequence.add(records.get(1));
    sequence.add(records.get(1));
    sequence.add(records.get(2));
    for (GenericRecord r : sequence) {
      byte[] written = CoderUtils.encodeToByteArray(CODER, r, Coder.Context.NESTED);
      assertThat(written, equalTo(CoderUtils.encodeToByteArray(ByteArrayCoder.of(), avro(r), Coder.Context.NESTED)));
      assertThat(CoderUtils.decodeFromByteArray(CODER, written, Coder.Context.NESTED), equalTo(r));
    }
  }

  private static List<GenericRecord> accepted() throws IOException {
    List<GenericRecord> out = new ArrayList<>();
    for (SampleAccepted.Submission s : SampleAccepted.all()) {
      out.add(AvroRecords.accepted(s.accepted()));
    }
    return out;
  }

  private static byte[] avro(GenericRecord r) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    BinaryEncoder e = EncoderFactory.get().directBinaryEncoder(bytes, null);
    new GenericDatumWriter<GenericRecord>(AvroSchemas.ACCEPTED).write(r, e);
    e.flush();
    return bytes.toByteArray();
  }
}
