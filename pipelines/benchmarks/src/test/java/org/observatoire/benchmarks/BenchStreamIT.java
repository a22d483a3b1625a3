package org.observatoire.benchmarks;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatoire.cli.intake.SubmissionShape;
import org.observatoire.cli.stream.CliProcess;

/**
 * {@code bench-stream} as documented (on the product jar and the harness jar), at a small load: its own broker,
 * intake (with an API key and limits) and streaming job on embedded Flink. Every posted submission must be accepted and answered by a verdict the bench
 * reads back under the id it posted, and the curated windows of the load must be written: the bench once posted
 * ids of one form and waited for verdicts under another, and failed after its first POST.
 */
class BenchStreamIT {
  private static final Path ROOT = Path.of(System.getProperty("observatoire.root", "../.."));
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path tmp;

  @Test
  void smallLoadGetsEveryVerdictAndItsCuratedWindows() throws Exception {
    Path result = tmp.resolve("bench-stream.json");
    Process bench = CliProcess.start(List.of(ROOT.resolve("pipelines/cli/target/observatoire.jar"),
            ROOT.resolve("pipelines/benchmarks/target/observatoire-benchmarks.jar")), Benchmarks.class.getName(),
        List.of("-Xmx512m"), List.of("bench-stream", "--rate", "50", "--duration", "6", "--warm-up", "0",
            "--connections", "4", "--work-dir", tmp.resolve("work").toString(), "--output", result.toString()),
        tmp.resolve("bench-stream.log"));
    try {
      assertThat("bench-stream exit code; see " + tmp.resolve("bench-stream.log"),
          bench.waitFor(8, TimeUnit.MINUTES) ? bench.exitValue() : -1, equalTo(0));
    } finally {
      bench.destroyForcibly().waitFor();
    }
    JsonNode r = JSON.readTree(Files.readString(result));
    assertThat(r.get("posted").asInt(), equalTo(300));
    assertThat(r.get("accepted202").asInt(), equalTo(300));
    assertThat(r.get("failed").asInt(), equalTo(0));
    assertThat(r.get("verdicts").asInt(), equalTo(300));
    assertThat(r.get("latencyMsP99").asDouble(), greaterThan(0.0));
    assertThat(r.get("curatedCaughtUp").asBoolean(), equalTo(true));
  }

  @Test
  void benchIdsFollowTheEnvelopesIdRule() {
    for (int n : new int[] {0, 1, 42, 999_999_999}) {
      assertThat(BenchStreamCommand.id(n), SubmissionShape.ID.matcher(BenchStreamCommand.id(n)).matches(),
          equalTo(true));
    }
    assertThat(BenchStreamCommand.id(7), equalTo("bench-000000007"));
  }
}
