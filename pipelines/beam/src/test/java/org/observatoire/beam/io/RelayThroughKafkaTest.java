package org.observatoire.beam.io;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.io.kafka.KafkaTimestampType;
import org.apache.beam.sdk.values.KV;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;
import org.observatoire.beam.avro.AvroRecordCoder;
import org.observatoire.beam.avro.AvroRecords;
import org.observatoire.beam.avro.AvroSchemas;
import org.observatoire.beam.avro.SampleAccepted;

class RelayThroughKafkaTest {
  private static final AvroRecordCoder CODER = AvroRecordCoder.of(AvroSchemas.ACCEPTED);

  private static KafkaRecord<String, byte[]> asRead(ProducerRecord<String, byte[]> p, long offset) {
    return new KafkaRecord<>(p.topic(), 1, offset, 1_000L, KafkaTimestampType.CREATE_TIME,
        new RecordHeaders(p.headers().toArray()), p.key(), p.value());
  }

  @Test
  void everySampleSubmissionComesBackWhole_withItsEventTime() throws Exception {
    List<SampleAccepted.Submission> samples = SampleAccepted.all();
    assertThat(samples, not(empty()));
    List<String> tooBig = new ArrayList<>();
    long t = 1_795_000_000_000L;
    for (SampleAccepted.Submission s : samples) {
      GenericRecord accepted = AvroRecords.accepted(s.accepted());
      KV<String, GenericRecord> e = KV.of(accepted.get("submissionId").toString(), accepted);
      Instant eventTime = new Instant(t += 61_001);

      ProducerRecord<String, byte[]> p = RelayThroughKafka.toProducerRecord("accepted", CODER, e, eventTime);
      assertThat(p.topic(), equalTo("accepted"));
      assertThat(p.key(), equalTo(e.getKey()));
      assertThat("the broker stamps publication time", p.timestamp(), nullValue());
      if (p.value().length > RelayThroughKafka.recordBytesFor(s.lineBytes())) {
        tooBig.add(s.at() + ": " + p.value().length + " bytes from " + s.lineBytes());
      }

      KafkaRecord<String, byte[]> read = asRead(p, 42);
      assertThat(new RelayThroughKafka.HeaderEventTime().apply(read), equalTo(eventTime));
      assertThat(s.at(), RelayThroughKafka.fromKafkaRecord(CODER, read), equalTo(e));
    }
    assertThat("records over the size the relay topic is given", tooBig, empty());
  }

  @Test
  void aRecordWithoutTheHeaderTakesItsOwnTimestamp() {
    KafkaRecord<String, byte[]> r = new KafkaRecord<>("accepted", 0, 7, 1_234L, KafkaTimestampType.CREATE_TIME,
        new RecordHeaders(), "id", new byte[] {1});
    assertThat(new RelayThroughKafka.HeaderEventTime().apply(r), equalTo(new Instant(1_234L)));
  }

  @Test
  void aRecordItDidNotWriteFailsWithWhereItIs() {
    KafkaRecord<String, byte[]> r = new KafkaRecord<>("accepted", 3, 99, 1_234L, KafkaTimestampType.CREATE_TIME,
        new RecordHeaders(), "id", "{\"not\":\"avro\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> RelayThroughKafka.fromKafkaRecord(CODER, r));
    assertThat(e.getMessage(), containsString("accepted/3@99"));
  }

  @Test
  void theSizeLimitGrowsWithTheLongestSubmissionAndDoesNotOverflow() {
    assertThat(RelayThroughKafka.recordBytesFor(1 << 20), equalTo(16 << 20));
    assertThat(RelayThroughKafka.recordBytesFor(Integer.MAX_VALUE), is(Integer.MAX_VALUE / 2));
    assertThat(RelayThroughKafka.recordBytesFor(1), greaterThan(1));
    assertThat(RelayThroughKafka.recordBytesFor(1), lessThanOrEqualTo(16));
    assertThrows(IllegalArgumentException.class, () -> RelayThroughKafka.of("localhost:1", "t", "g",
        org.joda.time.Duration.ZERO, 0));
  }
}
