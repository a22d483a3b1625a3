package org.observatoire.cli.stream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where the embedded Flink runner keeps the streaming job's checkpoints, and how a restart resumes from the latest.
 *
 * <p>Why restore a checkpoint rather than only the Kafka offsets committed to the consumer group: KafkaIO commits
 * offsets when a Flink checkpoint completes, but by then the submissions read so far may still sit in the job's
 * state (event-time windows waiting for the watermark, Parquet writes not yet finalized). A job restarted afresh
 * after a kill -9 would resume after them and they would be lost. A completed checkpoint holds both the Kafka read
 * positions and that state, consistently; restoring it replays exactly what came after it. What was written after
 * the checkpoint is written again (at least once): content-derived occurrence ids let {@code observatoire compact}
 * remove those rows. Without any completed checkpoint (first start, or killed before the first one) the job reads
 * from the offsets committed to its consumer group, or from the beginning of the topic: nothing is lost either.
 */
public final class FlinkCheckpoints {
  private FlinkCheckpoints() {}

  /**
   * The newest completed checkpoint under {@code dir} ({@code <job id>/chk-<n>/_metadata}, written last by Flink,
   * so a checkpoint cut short by a kill has none), if any.
   */
  public static Optional<Path> latest(Path dir) {
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    List<Path> done = new ArrayList<>();
    try (Stream<Path> jobs = Files.list(dir)) {
      for (Path job : jobs.filter(Files::isDirectory).toList()) {
        try (Stream<Path> chks = Files.list(job)) {
          chks.filter(c -> c.getFileName().toString().startsWith("chk-"))
              .filter(c -> Files.isRegularFile(c.resolve("_metadata")))
              .forEach(done::add);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list checkpoints in " + dir, e);
    }
    return done.stream().max(Comparator.comparingLong(FlinkCheckpoints::modified));
  }

  private static long modified(Path chk) {
    try {
      return Files.getLastModifiedTime(chk.resolve("_metadata")).toMillis();
    } catch (IOException e) {
      return Long.MIN_VALUE;
    }
  }

  /**
   * Writes a Flink configuration folder under {@code dir} that restores {@code checkpoint} (the embedded runner
   * reads {@code execution.savepoint.path} from it; the Beam option --savepointPath only reaches remote clusters).
   */
  public static Path restoreConf(Path dir, Path checkpoint) {
    Path conf = dir.resolve("flink-conf");
    try {
      Files.createDirectories(conf);
      Files.writeString(conf.resolve("flink-conf.yaml"),
          "execution.savepoint.path: " + checkpoint.toUri() + "\n"
          + "execution.savepoint.ignore-unclaimed-state: false\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the Flink configuration in " + conf, e);
    }
    return conf;
  }
}
