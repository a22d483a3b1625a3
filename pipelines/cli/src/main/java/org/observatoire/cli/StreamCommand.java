package org.observatoire.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.observatoire.beam.jobs.StreamingJob;
import org.observatoire.cli.stream.FlinkCheckpoints;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/** {@code observatoire stream}: the streaming job, on an embedded Flink runner (streaming mode) unless told otherwise. */
@Command(
    name = "stream",
    mixinStandardHelpOptions = true,
    description = {"Curate submissions as they arrive, from Kafka (--bootstrap-servers) or a watched folder (--watch);",
        "runs until stopped. Other --options are passed to Apache Beam."})
public final class StreamCommand implements Callable<Integer> {
  static final class Source {
    @Option(names = "--bootstrap-servers", required = true, description = "Kafka bootstrap servers.")
    String bootstrapServers;

    @Option(names = "--watch", required = true, description = "Folder watched for new *.jsonl files (no broker).")
    Path watch;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  @Option(names = "--pseudonym-key-file",
      description = "File with the observer pseudonym key, outside any repository (OBSERVATOIRE_PSEUDONYM_KEY wins).")
  java.nio.file.Path pseudonymKeyFile;

  @Option(names = "--sample-pseudonym-key", description = "Use the public sample key (sample/test data only).")
  boolean samplePseudonymKey;

  @Option(names = "--output", required = true, description = "Output folder.")
  Path output;

  @Option(names = "--runner", defaultValue = "FlinkRunner", description = "Beam runner. Default: ${DEFAULT-VALUE}.")
  String runner;

  @Option(names = "--group-id", defaultValue = "observatoire-stream",
      description = "Kafka consumer group (offsets committed there). Default: ${DEFAULT-VALUE}.")
  String groupId;

  @Option(names = "--window-seconds", defaultValue = "60", description = "Event-time window. Default: ${DEFAULT-VALUE}.")
  long windowSeconds;

  @Option(names = "--allowed-lateness-seconds", defaultValue = "3600",
      description = "Lateness still curated in its window. Default: ${DEFAULT-VALUE}.")
  long allowedLatenessSeconds;

  @Option(names = "--max-out-of-orderness-seconds", defaultValue = "30",
      description = "Watermark delay behind the latest submittedAt. Default: ${DEFAULT-VALUE}.")
  long maxOutOfOrdernessSeconds;

  @Option(names = "--checkpoint-dir",
      description = "Where the embedded Flink runner keeps checkpoints; a restart resumes from the latest one."
          + " Default: OUTPUT/.checkpoints.")
  Path checkpointDir;

  @Option(names = "--checkpoint-interval-ms", defaultValue = "10000",
      description = "How often Flink checkpoints (and commits Kafka offsets). Default: ${DEFAULT-VALUE}.")
  long checkpointIntervalMs;

  @picocli.CommandLine.Mixin
  BdqRowOptions bdq = new BdqRowOptions();

  @Unmatched
  List<String> beamArgs = new ArrayList<>();

  @Override
  public Integer call() {
    StreamingJob.Options options = PipelineOptionsFactory.fromArgs(beamArguments().toArray(String[]::new))
        .withValidation().as(StreamingJob.Options.class);
    System.out.println("streaming job started; outputs in " + output.toAbsolutePath() + " (Ctrl-C to stop)");
    StreamingJob.run(options).waitUntilFinish();
    return 0;
  }

  List<String> beamArguments() {
    List<String> args = new ArrayList<>();
    if (source.bootstrapServers != null) {
      args.add("--bootstrapServers=" + source.bootstrapServers);
    } else {
      args.add("--watch=" + source.watch.toAbsolutePath());
    }
    args.add("--output=" + output.toAbsolutePath());
    args.add("--runner=" + runner);
    args.add("--groupId=" + groupId);
    args.add("--windowSeconds=" + windowSeconds);
    args.add("--allowedLatenessSeconds=" + allowedLatenessSeconds);
    args.add("--maxOutOfOrdernessSeconds=" + maxOutOfOrdernessSeconds);
    args.add("--streaming=true");
    args.add("--samplePseudonymKey=" + samplePseudonymKey);
    if (pseudonymKeyFile != null) {
      args.add("--pseudonymKeyFile=" + pseudonymKeyFile.toAbsolutePath());
    }
    if (runner.toLowerCase(Locale.ROOT).contains("flink")) {
      if (beamArgs.stream().noneMatch(a -> a.startsWith("--flinkMaster"))) {
        args.add("--flinkMaster=[local]");
      }
      // a restart restores the latest completed checkpoint: Kafka positions and window state together
      // (FlinkCheckpoints says why committed offsets alone would lose data); offsets are committed there too
      if (beamArgs.stream().noneMatch(a -> a.startsWith("--checkpointingInterval"))) {
        args.add("--checkpointingInterval=" + checkpointIntervalMs);
      }
      if (beamArgs.stream().noneMatch(a -> a.startsWith("--stateBackend"))) {
        Path dir = (checkpointDir != null ? checkpointDir : output.resolve(".checkpoints")).toAbsolutePath();
        args.add("--stateBackend=filesystem");
        args.add("--stateBackendStoragePath=" + dir.toUri());
        args.add("--externalizedCheckpointsEnabled=true");
        args.add("--retainExternalizedCheckpointsOnCancellation=true");
        if (beamArgs.stream().noneMatch(a -> a.startsWith("--flinkConfDir"))) {
          FlinkCheckpoints.latest(dir).ifPresent(chk -> {
            System.out.println("resuming from checkpoint " + chk);
            args.add("--flinkConfDir=" + FlinkCheckpoints.restoreConf(dir, chk));
          });
        }
      }
      // without it Flink deep-copies (encode + decode) every element between chained operators: Avro records of
      // whole submissions, several times each; our DoFns do not mutate their inputs (the DirectRunner's
      // immutability enforcement in the tests checks that)
      if (beamArgs.stream().noneMatch(a -> a.startsWith("--objectReuse"))) {
        args.add("--objectReuse=true");
      }
      if (beamArgs.stream().noneMatch(a -> a.startsWith("--parallelism"))) {
        args.add("--parallelism=" + Runtime.getRuntime().availableProcessors());
      }
    }
    args.addAll(bdq.beamArguments());
    args.addAll(beamArgs);
    return args;
  }
}
