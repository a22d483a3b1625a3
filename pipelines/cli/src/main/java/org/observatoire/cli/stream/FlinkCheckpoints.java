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
import org.observatoire.beam.io.Folders;

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

  /** The embedded runner's state backends. */
  public enum Backend {
    /**
     * Window state in RocksDB, off the heap, under {@code <checkpoint dir>/rocksdb}; each checkpoint uploads only the
     * files written since the last one. The default: a window holds every curated submission of its minute until the
     * watermark passes, and on the heap that state was both re-serialized whole by every checkpoint (484 MB per
     * checkpoint after a minute at 600/s) and what filled the heap when the job fell behind.
     */
    ROCKSDB("rocksdb"),
    /** Window state on the heap, each checkpoint a full copy (Beam's {@code filesystem} backend). */
    FILESYSTEM("filesystem");

    private final String beamName;

    Backend(String beamName) {
      this.beamName = beamName;
    }

    /** The value of Beam's {@code --stateBackend}. */
    public String beamName() {
      return beamName;
    }

    /** The backend called {@code name} (case ignored), or a clear error listing the choices. */
    public static Backend named(String name) {
      for (Backend b : values()) {
        if (b.beamName.equalsIgnoreCase(name)) {
          return b;
        }
      }
      throw new IllegalArgumentException("unknown state backend '" + name + "': use rocksdb or filesystem");
    }
  }

  /**
   * Writes the embedded runner's Flink configuration folder under {@code dir} and returns it (Beam's
   * {@code --flinkConfDir}). For {@link Backend#ROCKSDB}: incremental checkpoints, and RocksDB's working files in
   * {@code dir/rocksdb}, emptied first (a killed job leaves its working copy behind; the checkpoints hold what a
   * restart needs). With a checkpoint to resume from: {@code execution.savepoint.path}, which the embedded runner reads
   * from this file (the Beam option --savepointPath only reaches remote clusters).
   */
  public static Path writeConf(Path dir, Backend backend, Optional<Path> resume) {
    Path conf = dir.resolve("flink-conf");
    StringBuilder yaml = new StringBuilder();
    try {
      Files.createDirectories(conf);
      if (backend == Backend.ROCKSDB) {
        Path local = dir.resolve("rocksdb");
        Folders.deleteTree(local);
        Files.createDirectories(local);
        yaml.append("state.backend.incremental: true\n")
            .append("state.backend.rocksdb.localdir: ").append(local.toAbsolutePath()).append('\n');
      }
      resume.ifPresent(chk -> yaml.append("execution.savepoint.path: ").append(chk.toUri()).append('\n')
          .append("execution.savepoint.ignore-unclaimed-state: false\n"));
      Files.writeString(conf.resolve("flink-conf.yaml"), yaml.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the Flink configuration in " + conf, e);
    }
    return conf;
  }
}
