package org.observatoire.cli.stream;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlinkCheckpointsTest {
  @TempDir
  Path dir;

  @Test
  void rocksDbCheckpointsIncrementallyAndWorksUnderTheCheckpointFolder() throws Exception {
    Path conf = FlinkCheckpoints.writeConf(dir, FlinkCheckpoints.Backend.ROCKSDB, Optional.empty());
    String yaml = Files.readString(conf.resolve("flink-conf.yaml"));
    assertThat(yaml, containsString("state.backend.incremental: true\n"));
    assertThat(yaml, containsString("state.backend.rocksdb.localdir: " + dir.resolve("rocksdb").toAbsolutePath()
        + "\n"));
    assertThat(yaml, not(containsString("execution.savepoint.path")));
    assertThat(Files.isDirectory(dir.resolve("rocksdb")), equalTo(true));
  }

  @Test
  void aKilledJobsRocksDbWorkingCopyIsRemovedBeforeTheNextStart() throws Exception {
    Path stale = Files.createDirectories(dir.resolve("rocksdb/job_1_op_WindowDoFnOperator_x/db"));
    Files.writeString(stale.resolve("000042.sst"), "left by kill -9");
    FlinkCheckpoints.writeConf(dir, FlinkCheckpoints.Backend.ROCKSDB, Optional.empty());
    try (Stream<Path> left = Files.list(dir.resolve("rocksdb"))) {
      assertThat(left.toList(), equalTo(List.of()));
    }
  }

  @Test
  void aResumedJobRestoresTheLatestCompletedCheckpoint() throws Exception {
    Path older = Files.createDirectories(dir.resolve("job-a/chk-3"));
    Files.writeString(older.resolve("_metadata"), "m");
    Files.setLastModifiedTime(older.resolve("_metadata"), java.nio.file.attribute.FileTime.fromMillis(1_000));
    Path newer = Files.createDirectories(dir.resolve("job-b/chk-7"));
    Files.writeString(newer.resolve("_metadata"), "m");
    Files.createDirectories(dir.resolve("job-b/chk-8")); // cut short by a kill: no _metadata
    // the backend's own folders beside the jobs' are not checkpoints
    FlinkCheckpoints.writeConf(dir, FlinkCheckpoints.Backend.ROCKSDB, Optional.empty());

    Optional<Path> latest = FlinkCheckpoints.latest(dir);
    assertThat(latest, equalTo(Optional.of(newer)));
    String yaml = Files.readString(FlinkCheckpoints.writeConf(dir, FlinkCheckpoints.Backend.ROCKSDB, latest)
        .resolve("flink-conf.yaml"));
    assertThat(yaml, containsString("execution.savepoint.path: " + newer.toUri() + "\n"));
    assertThat(yaml, containsString("state.backend.incremental: true\n"));
  }

  @Test
  void theHeapBackendWritesOnlyTheRestorePath() throws Exception {
    Path chk = Files.createDirectories(dir.resolve("job/chk-1"));
    String yaml = Files.readString(FlinkCheckpoints.writeConf(dir, FlinkCheckpoints.Backend.FILESYSTEM,
        Optional.of(chk)).resolve("flink-conf.yaml"));
    assertThat(yaml, equalTo("execution.savepoint.path: " + chk.toUri() + "\n"
        + "execution.savepoint.ignore-unclaimed-state: false\n"));
    assertThat(Files.exists(dir.resolve("rocksdb")), equalTo(false));
  }

  @Test
  void backendsAreNamedAsBeamNamesThem() {
    assertThat(FlinkCheckpoints.Backend.named("RocksDB"), equalTo(FlinkCheckpoints.Backend.ROCKSDB));
    assertThat(FlinkCheckpoints.Backend.named("filesystem").beamName(), equalTo("filesystem"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FlinkCheckpoints.Backend.named("memory"));
    assertThat(e.getMessage(), equalTo("unknown state backend 'memory': use rocksdb or filesystem"));
  }
}
