package org.observatoire.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatoire.cli.stream.CliProcess;
import org.observatoire.core.ingest.Outcome;
import org.observatoire.core.ingest.RawLine;
import org.observatoire.core.ingest.SourceRef;
import org.observatoire.core.ingest.SubmissionProcessor;
import org.observatoire.core.occurrence.Occurrence;

/**
 * The stream command as shipped: shaded jar, embedded Flink (the default runner), a watched folder instead of a
 * broker. Sample submissions dropped in the folder must come out as verdicts in {@code verdicts/} and as curated
 * rows in their event-time windows ({@code occurrences/}; or {@code late/} had the watermark passed them already),
 * with the job still running (it once failed here on an empty on-time pane, which the DirectRunner never produced).
 */
class StreamWatchFlinkIT {
  private static final Path ROOT = Path.of(System.getProperty("observatoire.root", "../.."));
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path tmp;

  @Test
  void watchedFolderSubmissionsGetVerdictsAndCuratedRowsOnEmbeddedFlink() throws Exception {
    List<String> lines = Files.readAllLines(ROOT.resolve("sample-data/submissions/spipoll/valid.jsonl"),
        StandardCharsets.UTF_8);
    SubmissionProcessor core = SubmissionProcessor.create(Clock.systemUTC(), SubmissionProcessor.DEFAULT_MAX_LINE_BYTES);
    Set<String> expectedIds = new TreeSet<>();
    Set<String> expectedSubmissions = new TreeSet<>();
    for (String l : lines) {
      if (core.process(RawLine.of(SourceRef.of("x", 1), l.getBytes(StandardCharsets.UTF_8)))
          instanceof Outcome.Accepted a) {
        a.occurrences().stream().map(Occurrence::occurrenceID).forEach(expectedIds::add);
        expectedSubmissions.add(a.submissionId());
      }
    }
    Path watch = Files.createDirectories(tmp.resolve("in"));
    Path out = tmp.resolve("out");
    Process job = CliProcess.start(ROOT.resolve("pipelines/cli/target/observatoire.jar"), List.of("-Xmx1g"),
        List.of("stream", "--watch", watch.toString(), "--output", out.toString(), "--sample-pseudonym-key",
            "--flushSeconds=2", "--parallelism=1"), tmp.resolve("stream.log"));
    try {
      Path staging = tmp.resolve("batch.tmp");
      Files.write(staging, lines, StandardCharsets.UTF_8);
      Files.move(staging, watch.resolve("batch-1.jsonl"));
      Set<String> curated = Set.of();
      Set<String> verdicts = Set.of();
      long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      while (System.nanoTime() < deadline) {
        curated = ids(out.resolve("occurrences"));
        curated.addAll(ids(out.resolve("late")));
        verdicts = acceptedVerdicts(out.resolve("verdicts"));
        if (curated.containsAll(expectedIds) && verdicts.containsAll(expectedSubmissions)) {
          break;
        }
        Thread.sleep(500);
      }
      assertThat(curated, equalTo(expectedIds));
      assertThat("the job is still running", job.isAlive(), equalTo(true));
      assertThat(verdicts, equalTo(expectedSubmissions));
    } finally {
      job.destroyForcibly().waitFor();
    }
  }

  private static Set<String> acceptedVerdicts(Path dir) throws Exception {
    Set<String> ids = new HashSet<>();
    if (!Files.isDirectory(dir)) {
      return ids;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(f -> f.toString().endsWith(".jsonl") && !f.toString().contains(".temp")).toList()) {
        for (String l : Files.readAllLines(f, StandardCharsets.UTF_8)) {
          var v = JSON.readTree(l);
          if (v.get("status").asText().startsWith("accepted")) {
            ids.add(v.get("submissionId").asText());
          }
        }
      }
    }
    return ids;
  }

  private static Set<String> ids(Path dir) throws Exception {
    Set<String> ids = new TreeSet<>();
    if (!Files.isDirectory(dir)) {
      return ids;
    }
    List<String> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(f -> f.toString().endsWith(".parquet") && !dir.relativize(f).toString().contains(".temp"))
          .map(f -> "'" + f + "'").toList();
    }
    if (files.isEmpty()) {
      return ids;
    }
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT occurrenceID FROM read_parquet([" + String.join(", ", files) + "])")) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }
}
