package org.observatoire.beam.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.kafka.KafkaIO;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.io.kafka.ProducerRecordCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Passes keyed records through a Kafka topic: publishes each (key, value encoded by the input's value coder, its
 * event time in the {@value #EVENT_TIME_HEADER} header) and reads the topic back, stamped with those event times.
 * The output holds the same elements, at least once.
 *
 * <p>Why: in one Flink job, an operator that is slow for a while (a window firing thousands of submissions into
 * Parquet files) back-pressures every operator upstream of it, up to the Kafka reading threads that also send the
 * verdicts. With the topic in between, the two halves of the graph are no longer connected: what the slow half has
 * not read yet waits in Kafka, and the fast half goes on.
 *
 * <p>Loss and duplicates: the writer flushes before each checkpoint, and the reader's offsets are part of the
 * checkpoint (and committed to {@code groupId} when it completes), so a restore re-reads everything written after
 * it; what the writing half replays after a restore is published again, and must be de-duplicated downstream.
 */
public final class RelayThroughKafka
    extends PTransform<PCollection<KV<String, GenericRecord>>, PCollection<KV<String, GenericRecord>>> {
  /** Header holding the element's event time, epoch milliseconds as 8 bytes big-endian. */
  public static final String EVENT_TIME_HEADER = "observatoire.eventTime";

  private final String bootstrapServers;
  private final String topic;
  private final String groupId;
  private final Duration maxOutOfOrderness;
  private final int maxRecordBytes;

  private RelayThroughKafka(String bootstrapServers, String topic, String groupId, Duration maxOutOfOrderness,
      int maxRecordBytes) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    this.groupId = groupId;
    this.maxOutOfOrderness = maxOutOfOrderness;
    this.maxRecordBytes = maxRecordBytes;
  }

  /**
   * @param groupId consumer group the reading half commits its offsets to
   * @param maxOutOfOrderness how far the reading half's watermark trails the latest event time read
   * @param maxRecordBytes largest record the writing half may publish (the topic must accept it too)
   */
  public static RelayThroughKafka of(String bootstrapServers, String topic, String groupId,
      Duration maxOutOfOrderness, int maxRecordBytes) {
    if (maxRecordBytes <= 0) {
      throw new IllegalArgumentException("the largest record must be a positive number of bytes, got "
          + maxRecordBytes);
    }
    return new RelayThroughKafka(bootstrapServers, topic, groupId, maxOutOfOrderness, maxRecordBytes);
  }

  @Override
  public PCollection<KV<String, GenericRecord>> expand(PCollection<KV<String, GenericRecord>> input) {
    KvCoder<String, GenericRecord> coder = (KvCoder<String, GenericRecord>) input.getCoder();
    input.apply("ToProducerRecords", ParDo.of(new ToProducerRecordFn(topic, coder.getValueCoder())))
        .setCoder(ProducerRecordCoder.of(StringUtf8Coder.of(), ByteArrayCoder.of()))
        .apply("Publish", KafkaIO.<String, byte[]>writeRecords()
            .withBootstrapServers(bootstrapServers)
            .withTopic(topic)
            .withKeySerializer(StringSerializer.class)
            .withValueSerializer(ByteArraySerializer.class)
            .withProducerConfigUpdates(producerConfig(maxRecordBytes)));
    return input.getPipeline()
        .apply("ReadBack", ReadKafkaSubmissions.committing(bootstrapServers, topic, groupId, maxOutOfOrderness,
            new HeaderEventTime()))
        .apply("FromKafkaRecords", ParDo.of(new FromKafkaRecordFn(coder.getValueCoder())))
        .setCoder(coder);
  }

  /**
   * Batched and compressed: a record is a few to tens of kilobytes, and with the client's defaults (16 KiB batches,
   * no lingering) each went in a produce request of its own, which cost the broker as much CPU as the rest of its
   * work. 20 ms of lingering delays the windows, not the verdicts.
   */
  static Map<String, Object> producerConfig(int maxRecordBytes) {
    return Map.of(
        ProducerConfig.MAX_REQUEST_SIZE_CONFIG, maxRecordBytes,
        ProducerConfig.BATCH_SIZE_CONFIG, Math.min(maxRecordBytes, 1 << 20),
        ProducerConfig.LINGER_MS_CONFIG, 20,
        ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
  }

  /**
   * The largest record to allow for an accepted submission of up to {@code maxLineBytes}: its occurrence rows carry
   * more than the submission's JSON (taxon, cells, flags and ids on every row).
   */
  public static int recordBytesFor(int maxLineBytes) {
    return (int) Math.min(Integer.MAX_VALUE / 2, 16L * maxLineBytes);
  }

  /** The record published for one element. */
  static ProducerRecord<String, byte[]> toProducerRecord(String topic, Coder<GenericRecord> valueCoder,
      KV<String, GenericRecord> e, Instant eventTime) throws IOException {
    List<Header> headers = List.of(new RecordHeader(EVENT_TIME_HEADER,
        ByteBuffer.allocate(Long.BYTES).putLong(eventTime.getMillis()).array()));
    // no record timestamp: the broker's retention then counts from publication, not from a late event time
    return new ProducerRecord<>(topic, null, null, e.getKey(), CoderUtils.encodeToByteArray(valueCoder, e.getValue()),
        headers);
  }

  /** The element a record read back holds; a clear error for a record this relay did not write. */
  static KV<String, GenericRecord> fromKafkaRecord(Coder<GenericRecord> valueCoder,
      KafkaRecord<String, byte[]> record) {
    try {
      return KV.of(record.getKV().getKey(), CoderUtils.decodeFromByteArray(valueCoder, record.getKV().getValue()));
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("record " + record.getTopic() + "/" + record.getPartition() + "@"
          + record.getOffset() + " was not written by this relay (cannot decode its value)", e);
    }
  }

  static final class ToProducerRecordFn extends DoFn<KV<String, GenericRecord>, ProducerRecord<String, byte[]>> {
    private final String topic;
    private final Coder<GenericRecord> valueCoder;

    ToProducerRecordFn(String topic, Coder<GenericRecord> valueCoder) {
      this.topic = topic;
      this.valueCoder = valueCoder;
    }

    @ProcessElement
    public void process(@Element KV<String, GenericRecord> e, @Timestamp Instant ts,
        OutputReceiver<ProducerRecord<String, byte[]>> out) throws IOException {
      out.output(toProducerRecord(topic, valueCoder, e, ts));
    }
  }

  /** The {@value #EVENT_TIME_HEADER} header, else the record's own timestamp. */
  static final class HeaderEventTime implements SerializableFunction<KafkaRecord<String, byte[]>, Instant> {
    @Override
    public Instant apply(KafkaRecord<String, byte[]> record) {
      Header h = record.getHeaders() == null ? null : record.getHeaders().lastHeader(EVENT_TIME_HEADER);
      if (h == null || h.value() == null || h.value().length != Long.BYTES) {
        return new Instant(record.getTimestamp());
      }
      return new Instant(ByteBuffer.wrap(h.value()).getLong());
    }
  }

  static final class FromKafkaRecordFn extends DoFn<KafkaRecord<String, byte[]>, KV<String, GenericRecord>> {
    private final Coder<GenericRecord> valueCoder;

    FromKafkaRecordFn(Coder<GenericRecord> valueCoder) {
      this.valueCoder = valueCoder;
    }

    @ProcessElement
    public void process(@Element KafkaRecord<String, byte[]> record,
        OutputReceiver<KV<String, GenericRecord>> out) {
      out.output(fromKafkaRecord(valueCoder, record));
    }
  }
}
