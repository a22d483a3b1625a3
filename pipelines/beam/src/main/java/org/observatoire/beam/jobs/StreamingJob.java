package org.observatoire.beam.jobs;

import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.io.kafka.KafkaIO;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.options.StreamingOptions;
import org.apache.beam.sdk.options.Validation;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.transforms.windowing.AfterProcessingTime;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Repeatedly;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.joda.time.Duration;
import org.observatoire.beam.avro.AvroSchemas;
import org.observatoire.beam.io.KafkaTopics;
import org.observatoire.beam.io.ReadKafkaSubmissions;
import org.observatoire.beam.io.RelayThroughKafka;
import org.observatoire.beam.io.WatchSubmissionFiles;
import org.observatoire.beam.parquet.WriteParquetBlocks;
import org.observatoire.beam.parquet.WriteParquetDataset;
import org.observatoire.beam.transforms.CurateSubmissionStream;
import org.observatoire.beam.transforms.EncodeOccurrenceRows;
import org.observatoire.beam.transforms.ProcessingConfig;
import org.observatoire.core.ingest.RawLine;

/**
 * The streaming job: submissions from a Kafka topic (or, without a broker, new files in a watched folder) →
 * validated and flattened by the same core as the nightly job → curated occurrences in one-minute event-time
 * windows ({@code occurrences/protocol=…/year=…/part-<window start>-<window end>-<pane index>-….parquet}, the
 * nightly layout and schema),
 * submissions too late for their window in {@code late/} (same layout, for the nightly reconciliation),
 * {@code rejected/}, {@code dead-letter/}, and one verdict per submission on the verdicts topic (or in
 * {@code verdicts/} when watching a folder).
 *
 * <p>With Kafka, the accepted submissions go from their verdicts to their windows through a topic of their own
 * ({@code --acceptedTopic}, see {@link RelayThroughKafka}): the job is two unconnected graphs, and a window's
 * firing no longer back-pressures the reading of submissions and the sending of verdicts. The windowing half's
 * threads run at a higher nice value ({@code --windowingNiceness}), so that a firing window does not take the
 * cores from the verdicts either.
 */
public final class StreamingJob {
  public static final String OCCURRENCES = NightlyJob.OCCURRENCES;
  public static final String LATE = "late";
  public static final String REJECTED = NightlyJob.REJECTED;
  public static final String DEAD_LETTER = NightlyJob.DEAD_LETTER;
  public static final String VERDICTS = "verdicts";
  /** Verdicts wait up to 5 ms to travel in one produce request (the client's default, 0, sends them one by one). */
  static final int VERDICT_LINGER_MS = 5;

  private StreamingJob() {}

  /** The job's options; any runner's options may be given too. */
  public interface Options extends StreamingOptions, BdqJobOptions {
    @Description("Kafka bootstrap servers (host:port,...); or use --watch")
    String getBootstrapServers();

    void setBootstrapServers(String value);

    @Description("Without a broker: a folder watched for new *.jsonl submission files")
    String getWatch();

    void setWatch(String value);

    @Description("Topic the submissions are read from")
    @Default.String("submissions")
    String getSubmissionsTopic();

    void setSubmissionsTopic(String value);

    @Description("Topic the verdicts are published to, keyed by submission id")
    @Default.String("verdicts")
    String getVerdictsTopic();

    void setVerdictsTopic(String value);

    @Description("Topic the accepted submissions pass through on their way to the windows, so that a window's"
        + " writing does not hold the verdicts back; created like the submissions topic when missing")
    @Default.String("accepted-submissions")
    String getAcceptedTopic();

    void setAcceptedTopic(String value);

    @Description("Nice value (0-19) of the threads that window and write the curated submissions read back from the"
        + " accepted topic: higher lets the verdicts take the cores first when a window fires (0: unchanged)")
    @Default.Integer(15)
    int getWindowingNiceness();

    void setWindowingNiceness(int value);

    @Description("Kafka consumer group: offsets are committed there and a restart resumes from them")
    @Default.String("observatoire-stream")
    String getGroupId();

    void setGroupId(String value);

    @Description("Output folder: occurrences/, late/, rejected/, dead-letter/ (and verdicts/ with --watch)")
    @Validation.Required
    String getOutput();

    void setOutput(String value);

    @Description("Length of the event-time windows, in seconds")
    @Default.Long(60)
    long getWindowSeconds();

    void setWindowSeconds(long value);

    @Description("How far behind the latest submittedAt seen the watermark stays, in seconds")
    @Default.Long(30)
    long getMaxOutOfOrdernessSeconds();

    void setMaxOutOfOrdernessSeconds(long value);

    @Description("How long after its window's end a late submission is still curated in it, in seconds")
    @Default.Long(3600)
    long getAllowedLatenessSeconds();

    void setAllowedLatenessSeconds(long value);

    @Description("How often rejected, dead-letter, late (and file verdict) outputs are flushed, in seconds")
    @Default.Long(10)
    long getFlushSeconds();

    void setFlushSeconds(long value);

    @Description("Files per partition and pane")
    @Default.Integer(1)
    int getNumShards();

    void setNumShards(int value);

    @Description("Longest submission accepted, in bytes")
    @Default.Integer(1 << 20)
    int getMaxLineBytes();

    void setMaxLineBytes(int value);

    @Description("File holding the observer pseudonym key, outside any repository; the environment variable"
        + " OBSERVATOIRE_PSEUDONYM_KEY takes precedence")
    String getPseudonymKeyFile();

    void setPseudonymKeyFile(String value);

    @Description("Use the public sample pseudonym key: for sample and test data only")
    @Default.Boolean(false)
    boolean getSamplePseudonymKey();

    void setSamplePseudonymKey(boolean value);
  }

  public static void main(String[] args) {
    Options options = PipelineOptionsFactory.fromArgs(args).withValidation().as(Options.class);
    run(options).waitUntilFinish();
  }

  public static Pipeline build(Options options) {
    boolean kafka = options.getBootstrapServers() != null;
    if (kafka == (options.getWatch() != null)) {
      throw new IllegalArgumentException("give exactly one source: --bootstrapServers or --watch");
    }
    options.setStreaming(true);
    // fail before any work when no pseudonym key is available
    ProcessingConfig.live(options.getMaxLineBytes(), options.getPseudonymKeyFile(), options.getSamplePseudonymKey(),
        null).pseudonymKey();
    Pipeline p = Pipeline.create(options);
    String out = options.getOutput();
    int shards = options.getNumShards();
    Duration flush = Duration.standardSeconds(options.getFlushSeconds());

    PCollection<RawLine> lines = kafka
        ? p.apply("ReadSubmissions", ReadKafkaSubmissions.of(options.getBootstrapServers(),
            options.getSubmissionsTopic(), options.getGroupId(),
            Duration.standardSeconds(options.getMaxOutOfOrdernessSeconds())))
        : p.apply("WatchSubmissions", WatchSubmissionFiles.of(options.getWatch(), Duration.standardSeconds(2),
            options.getMaxLineBytes()));

    CurateSubmissionStream curate = CurateSubmissionStream.of(Duration.standardSeconds(options.getWindowSeconds()),
        Duration.standardSeconds(options.getAllowedLatenessSeconds()), flush, ProcessingConfig.live(
            options.getMaxLineBytes(), options.getPseudonymKeyFile(), options.getSamplePseudonymKey(), null)
            .withBdq(BdqJobOptions.bdq(options)));
    if (kafka) {
      int maxRecordBytes = RelayThroughKafka.recordBytesFor(options.getMaxLineBytes());
      KafkaTopics.createLike(options.getBootstrapServers(), options.getAcceptedTopic(),
          options.getSubmissionsTopic(),
          Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(maxRecordBytes)));
      curate = curate.relayedThrough(RelayThroughKafka.of(options.getBootstrapServers(), options.getAcceptedTopic(),
          options.getGroupId() + "-accepted", Duration.standardSeconds(options.getMaxOutOfOrdernessSeconds()),
          maxRecordBytes), options.getWindowingNiceness());
    }
    // without the relay the windows are connected to the verdicts: slowing them would slow the verdicts too
    int niceness = kafka ? options.getWindowingNiceness() : 0;
    PCollectionTuple curated = lines.apply("CurateSubmissionStream", curate);

    // rows go from each submission's encoded block to the files byte for byte, and the shard shuffle moves bytes
    curated.get(curate.curatedTag())
        .apply("EncodeOccurrenceRows", EncodeOccurrenceRows.sortedBy(NightlyJob.OCCURRENCE_SORT))
        .apply("WriteOccurrences", WriteParquetBlocks.to(out + "/" + OCCURRENCES, AvroSchemas.OCCURRENCE_FILE)
            .withNumShards(shards).atNiceness(niceness));
    curated.get(curate.tooLateTag())
        .apply("EncodeLateRows", EncodeOccurrenceRows.sortedBy(NightlyJob.OCCURRENCE_SORT))
        .apply("WriteLate", WriteParquetBlocks.to(out + "/" + LATE, AvroSchemas.OCCURRENCE_FILE)
            .withNumShards(shards).atNiceness(niceness));
    curated.get(curate.rejectedTag()).apply("WriteRejected",
        WriteParquetDataset.flat(out + "/" + REJECTED, "rejected", AvroSchemas.REJECTED).withNumShards(shards));
    curated.get(curate.deadLettersTag()).apply("WriteDeadLetters",
        WriteParquetDataset.flat(out + "/" + DEAD_LETTER, "dead-letter", AvroSchemas.DEAD_LETTER)
            .withNumShards(shards));

    PCollection<KV<String, String>> verdicts = curated.get(curate.verdictsTag());
    if (kafka) {
      verdicts.apply("PublishVerdicts", KafkaIO.<String, String>write()
          .withBootstrapServers(options.getBootstrapServers())
          .withTopic(options.getVerdictsTopic())
          .withKeySerializer(StringSerializer.class)
          .withValueSerializer(StringSerializer.class)
          .withProducerConfigUpdates(Map.of(ProducerConfig.LINGER_MS_CONFIG, VERDICT_LINGER_MS,
              ProducerConfig.BATCH_SIZE_CONFIG, 64 << 10)));
    } else {
      verdicts.apply("VerdictJson", Values.create())
          .apply("FlushVerdicts", Window.<String>into(new GlobalWindows())
              .triggering(Repeatedly.forever(AfterProcessingTime.pastFirstElementInPane().plusDelayOf(flush)))
              .withAllowedLateness(Duration.ZERO)
              .discardingFiredPanes())
          .apply("WriteVerdicts", TextIO.write().to(out + "/" + VERDICTS + "/verdicts").withSuffix(".jsonl")
              .withWindowedWrites().withNumShards(1));
    }
    return p;
  }

  /** Starts the job; it runs until cancelled. */
  public static PipelineResult run(Options options) {
    return build(options).run();
  }
}
