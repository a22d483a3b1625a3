package org.observatoire.benchmarks.load;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WindowFilesTest {
  @TempDir
  Path dir;

  private void file(String folder, String name, String written) throws IOException {
    Path f = dir.resolve(folder).resolve(name);
    Files.createDirectories(f.getParent());
    Files.write(f, new byte[] {1});
    Files.setLastModifiedTime(f, FileTime.from(Instant.parse(written)));
  }

  @Test
  void eachWindowTakesItsNewestOnTimeFile_acrossPartitions() throws IOException {
    String w1 = "part-2026-11-30T14:01:00.000Z-2026-11-30T14:02:00.000Z";
    String w2 = "part-2026-11-30T14:02:00.000Z-2026-11-30T14:03:00.000Z";
    file("protocol=stoc-eps/year=2026", w1 + "-0-00000-of-00001.parquet", "2026-11-30T14:03:10Z");
    file("protocol=spipoll/year=2026", w1 + "-0-00000-of-00001.parquet", "2026-11-30T14:03:25Z");
    // a late pane of the same window, written much later, is not the on-time write
    file("protocol=spipoll/year=2026", w1 + "-1-00000-of-00001.parquet", "2026-11-30T14:20:00Z");
    file("protocol=spipoll/year=2026", w1 + "-12-00000-of-00001.parquet", "2026-11-30T14:30:00Z");
    file("protocol=propage/year=2026", w2 + "-0-00001-of-00002.parquet", "2026-11-30T14:04:01.500Z");
    // neither windowed nor Parquet: ignored
    file("protocol=propage/year=2026", "part-00000-of-00001.parquet", "2026-11-30T15:00:00Z");
    file("protocol=propage/year=2026", w2 + "-0-00000-of-00002.parquet.tmp", "2026-11-30T15:00:00Z");

    Map<Instant, Instant> written = WindowFiles.onTimeWritten(dir);
    assertThat(written, equalTo(Map.of(
        Instant.parse("2026-11-30T14:02:00Z"), Instant.parse("2026-11-30T14:03:25Z"),
        Instant.parse("2026-11-30T14:03:00Z"), Instant.parse("2026-11-30T14:04:01.500Z"))));
    assertThat(WindowFiles.delays(written), equalTo(Map.of(
        Instant.parse("2026-11-30T14:02:00Z"), Duration.ofSeconds(85),
        Instant.parse("2026-11-30T14:03:00Z"), Duration.ofMillis(61_500))));
  }

  @Test
  void noFolderYetMeansNoWindow() {
    assertThat(WindowFiles.onTimeWritten(dir.resolve("occurrences")), anEmptyMap());
  }
}
