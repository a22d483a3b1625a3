package org.observatoire.benchmarks.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * When each event-time window's on-time files were written: the streaming job names its windowed Parquet files
 * {@code part-<window start>-<window end>-<pane index>-<shard>-of-<n>.parquet}; for every window with a file of its
 * first pane (index 0, the on-time pane) under a folder, the newest such file's modification time. How long after its end a window reached the
 * curated dataset is what an analyst querying the freshest data waits.
 */
public final class WindowFiles {
  private static final Pattern NAME = Pattern.compile(
      "part-(\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z)-(\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z)-0-\\d+-of-\\d+\\.parquet");

  private WindowFiles() {}

  /** Window end → when its last on-time file was written, for every window written under {@code dir}. */
  public static Map<Instant, Instant> onTimeWritten(Path dir) {
    Map<Instant, Instant> out = new TreeMap<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Matcher m = NAME.matcher(f.getFileName().toString());
        if (m.matches()) {
          Instant written = Files.getLastModifiedTime(f).toInstant();
          out.merge(Instant.parse(m.group(2)), written, (a, b) -> a.isAfter(b) ? a : b);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the window files under " + dir, e);
    }
    return out;
  }

  /** How long after its end each window's on-time files were all written. */
  public static Map<Instant, Duration> delays(Map<Instant, Instant> written) {
    Map<Instant, Duration> out = new TreeMap<>();
    written.forEach((end, at) -> out.put(end, Duration.between(end, at)));
    return out;
  }
}
