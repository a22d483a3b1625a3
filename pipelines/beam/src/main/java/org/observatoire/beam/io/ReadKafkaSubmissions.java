package org.observatoire.beam.io;

import java.util.Map;
import java.util.Optional;
import org.apache.beam.sdk.io.kafka.CustomTimestampPolicyWithLimitedDelay;
import org.apache.beam.sdk.io.kafka.KafkaIO;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.observatoire.core.ingest.RawLine;
import org.observatoire.core.ingest.SourceRef;
import org.observatoire.core.ingest.SubmittedAt;

/**
 * Reads submissions from a Kafka topic (values as bytes, keyed by submission id) as {@link RawLine}s whose source
 * is {@code kafka:<topic>/<partition>} and line the offset + 1. Event time is the submission's {@code submittedAt}
 * (the record's timestamp when it has none), with a watermark that trails the latest event time by
 * {@code maxOutOfOrderness} (and the wall clock by as much once the partition is caught up). Offsets are committed
 * to the consumer group when Beam finalizes a checkpoint, so a restart resumes where the last one left off.
 */
public final class ReadKafkaSubmissions extends PTransform<PBegin, PCollection<RawLine>> {
  private final String bootstrapServers;
  private final String topic;
  private final String groupId;
  private final Duration maxOutOfOrderness;

  private ReadKafkaSubmissions(String bootstrapServers, String topic, String groupId, Duration maxOutOfOrderness) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    this.groupId = groupId;
    this.maxOutOfOrderness = maxOutOfOrderness;
  }

  public static ReadKafkaSubmissions of(String bootstrapServers, String topic, String groupId,
      Duration maxOutOfOrderness) {
    return new ReadKafkaSubmissions(bootstrapServers, topic, groupId, maxOutOfOrderness);
  }

  @Override
  public PCollection<RawLine> expand(PBegin begin) {
    return begin
        .apply("ReadKafka", committing(bootstrapServers, topic, groupId, maxOutOfOrderness, new EventTime()))
        .apply("ToRawLines", ParDo.of(new ToRawLineFn()))
        .setCoder(RawLineCoder.of());
  }

  /**
   * A fetch is answered once it holds 64 KiB or has waited 10 ms, so that a busy reader's fetches carry many records
   * each (the client's default answers as soon as one byte is there).
   */
  static final int FETCH_MIN_BYTES = 64 << 10;
  static final int FETCH_MAX_WAIT_MS = 10;

  /**
   * Reads {@code topic}'s records as they are (keys as strings, values as bytes) from the earliest offset not yet
   * committed to {@code groupId}, committing offsets when Beam finalizes a checkpoint; each record is stamped with
   * {@code eventTime}, and the watermark trails the latest stamp by {@code maxOutOfOrderness}.
   */
  static KafkaIO.Read<String, byte[]> committing(String bootstrapServers, String topic, String groupId,
      Duration maxOutOfOrderness, SerializableFunction<KafkaRecord<String, byte[]>, Instant> eventTime) {
    return KafkaIO.<String, byte[]>read()
        .withBootstrapServers(bootstrapServers)
        .withTopic(topic)
        .withKeyDeserializer(StringDeserializer.class)
        .withValueDeserializer(ByteArrayDeserializer.class)
        .withConsumerConfigUpdates(Map.of(
            ConsumerConfig.GROUP_ID_CONFIG, groupId,
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
            ConsumerConfig.FETCH_MIN_BYTES_CONFIG, FETCH_MIN_BYTES,
            ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, FETCH_MAX_WAIT_MS))
        .commitOffsetsInFinalize()
        .withTimestampPolicyFactory((partition, previousWatermark) ->
            new CustomTimestampPolicyWithLimitedDelay<>(eventTime, maxOutOfOrderness, previousWatermark));
  }

  /** {@code submittedAt}, else the record's own timestamp. */
  static final class EventTime implements SerializableFunction<KafkaRecord<String, byte[]>, Instant> {
    @Override
    public Instant apply(KafkaRecord<String, byte[]> record) {
      Optional<java.time.Instant> t = SubmittedAt.peek(record.getKV().getValue());
      return t.map(i -> new Instant(i.toEpochMilli())).orElse(new Instant(record.getTimestamp()));
    }
  }

  static final class ToRawLineFn extends DoFn<KafkaRecord<String, byte[]>, RawLine> {
    @ProcessElement
    public void process(@Element KafkaRecord<String, byte[]> record, OutputReceiver<RawLine> out) {
      byte[] value = record.getKV().getValue() == null ? new byte[0] : record.getKV().getValue();
      SourceRef source = SourceRef.of("kafka:" + record.getTopic() + "/" + record.getPartition(),
          record.getOffset() + 1);
      out.output(RawLine.of(source, value));
    }
  }
}
