package org.observatoire.benchmarks.harness;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rates and ratios computed from made-up measurements. */
class BenchReportTest {
  private static final ObjectNode NONE = JsonNodeFactory.instance.objectNode();

  private static BenchReport report(SystemResult... results) {
    Map<String, SystemResult> m = new LinkedHashMap<>();
    for (SystemResult r : results) {
      m.put(r.name(), r);
    }
    ObjectNode machine = JsonNodeFactory.instance.objectNode().put("cores", 2).put("memoryBytes", 8_000_000_000L);
    return new BenchReport(1000, 7, machine, m);
  }

  @Test
  void ratiosAreNightlyOverEachBaseline() {
    BenchReport r = report(
        new SystemResult("nightly", 0, 1000, 20_000, 10, 2_000_000, 18.5, 300, NONE),
        new SystemResult("plainJava", 0, 1000, 20_000, 5, 1_000_000, 5.2, 200, NONE),
        new SystemResult("duckdb", 0, 1000, -1, 1, 500_000, -1, 100, NONE));
    JsonNode json = r.json();
    assertThat(json.at("/systems/nightly/recordsPerSecond").asDouble(), closeTo(100, 1e-9));
    assertThat(json.at("/systems/nightly/occurrenceRowsPerSecond").asDouble(), closeTo(2000, 1e-9));
    assertThat(json.at("/systems/duckdb/occurrenceRows").isNull(), is(true));
    assertThat(json.at("/ratios/nightlyVsPlainJava/recordsPerSecond").asDouble(), closeTo(0.5, 1e-9));
    assertThat(json.at("/ratios/nightlyVsPlainJava/peakRssBytes").asDouble(), closeTo(2, 1e-9));
    assertThat(json.at("/ratios/nightlyVsDuckdb/wallSeconds").asDouble(), closeTo(10, 1e-9));
    assertThat(json.at("/ratios/nightlyVsDuckdb/occurrenceRowsPerSecond").isMissingNode(), is(true));
    assertThat(r.markdown(), containsString("| nightly | 1,000 | 100 | 20,000 | 2,000 | 10.0 | 18.5 | 2 |"));
    assertThat(r.markdown(), containsString("| duckdb | 1,000 | 1,000 | n/a | n/a | 1.0 | n/a | 0 |"));
    assertThat(json.at("/systems/nightly/cpuSeconds").asDouble(), closeTo(18.5, 1e-9));
    assertThat(json.at("/systems/duckdb/cpuSeconds").isNull(), is(true));
  }

  @Test
  void nightlyOverPlainJavaIsTheRatioOfWallTimesAndBothShowTheirDatasets() {
    ObjectNode details = JsonNodeFactory.instance.objectNode().put("rowsWritten", 30_000);
    details.putObject("rowsByDataset").put("occurrences", 20_000).put("cubes/eea1km", 10_000).put("duplicates", 0);
    details.putObject("bytesByDataset").put("occurrences", 2 * 1048576).put("cubes/eea1km", 1048576);
    BenchReport r = report(
        new SystemResult("nightly", 0, 1000, 20_000, 12, 2_000_000, 18.5, 300, details),
        new SystemResult("plainJava", 0, 1000, 20_000, 4, 1_000_000, 5.2, 200, details));
    assertThat(r.json().path("nightlyOverPlainJava").asDouble(), closeTo(3, 1e-9));
    String md = r.markdown();
    assertThat(md, containsString("nightly ÷ plainJava (wall time, the same outputs from the same code): 3.00"));
    assertThat(md, containsString("nightly: 30,000 rows written over all datasets (2,500 rows/s): occurrences 20,000"
        + " (2.0 MB); cubes/eea1km 10,000 (1.0 MB)\n"));
    assertThat(md, containsString("plainJava: 30,000 rows written over all datasets (7,500 rows/s):"));
  }

  @Test
  void theNightlysCpuIsShownByStageLargestFirstWithTheRestSummed() {
    ObjectNode cpu = JsonNodeFactory.instance.objectNode().put("sampledEveryMillis", 100)
        .put("processCpuSeconds", 200.0).put("outsideJavaThreadsCpuSeconds", 50.0);
    var stages = cpu.putArray("stages");
    for (int i = 0; i < BenchReport.CPU_STAGES_SHOWN + 2; i++) {
      stages.addObject().put("stage", "Stage" + i).put("cpuSeconds", 40.0 - 2 * i);
    }
    ObjectNode details = JsonNodeFactory.instance.objectNode();
    details.set("cpuByStage", cpu);
    String md = report(new SystemResult("nightly", 0, 1000, 20_000, 100, 2_000_000, 200, 300, details)).markdown();
    assertThat(md, containsString("nightly CPU by stage (200.0 CPU s in all, threads sampled every 100 ms)"));
    assertThat(md, containsString("| JIT compilers, garbage collector, VM (outside Java threads) | 50.0 | 25.0 % |"));
    assertThat(md, containsString("| Stage0 | 40.0 | 20.0 % |"));
    assertThat(md, containsString("| Stage9 | 22.0 | 11.0 % |"));
    assertThat(md, not(containsString("| Stage10 |")));
    assertThat(md, containsString("| the other 2 stages and threads | 38.0 | 19.0 % |"));
    assertThat(md.indexOf("| Stage0 |"), lessThan(md.indexOf("| Stage1 |")));
  }

  @Test
  void aFailedSystemIsShownAndLeftOutOfTheRatios() {
    BenchReport r = report(
        new SystemResult("nightly", 0, 1000, 20_000, 10, 2_000_000, 18.5, 300, NONE),
        new SystemResult("duckdb", 1, 0, -1, 1, 500_000, 0.4, 0, NONE));
    assertThat(r.json().path("ratios").isEmpty(), is(true));
    assertThat(r.json().has("nightlyOverPlainJava"), is(false));
    assertThat(r.markdown(), containsString("| duckdb | FAILED (exit 1)"));
  }
}
