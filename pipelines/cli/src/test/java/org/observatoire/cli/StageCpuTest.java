package org.observatoire.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StageCpuTest {
  @Test
  void aFlinkTaskIsCountedUnderTheTransformsChainedInIt() {
    assertThat(StageCpu.stageOf("FlatMap (FlatMap at ProcessSubmissions/ValidateAndInterpret) (1/2)#0"),
        equalTo("ProcessSubmissions/ValidateAndInterpret"));
    assertThat(StageCpu.stageOf("CHAIN FlatMap (FlatMap at EncodeOccurrenceRows/Rows/ParMultiDo(Rows)) -> FlatMap"
        + " (FlatMap at EncodeOccurrenceRows/Rows/ParMultiDo(Rows).output) -> FlatMap (FlatMap at WriteOccurrences/"
        + "WriteParquet/WriteFiles/WriteUnshardedBundlesToTempFiles/WriteUnshardedBundles) (2/2)#0"),
        equalTo("EncodeOccurrenceRows/Rows → WriteOccurrences/WriteParquet"));
    assertThat(StageCpu.stageOf("CHAIN FlatMap (FlatMap at ProcessSubmissions/ValidateAndInterpret.out0) -> FlatMap"
        + " (FlatMap at UniqueIds/Values/Map/ParMultiDo(Anonymous)) (1/2)#0"),
        equalTo("ProcessSubmissions/ValidateAndInterpret.out0 → UniqueIds/Values"));
    assertThat(StageCpu.stageOf("CHAIN GroupReduce (GroupReduce at translateNode(FlinkBatchTransformTranslators.java"
        + ":420)) -> FlatMap (FlatMap at ReadSubmissionLines/SpreadChunks/Values) (1/2)#0"),
        equalTo("ReadSubmissionLines/SpreadChunks"));
    assertThat(StageCpu.stageOf("CHAIN FlatMap (FlatMap at ZeroFillVisits/ListedTaxaReported/ParMultiDo(ListedTaxa))"
        + " -> FlatMap (FlatMap at ExplodeWindows: ZeroFillVisits/OnePerTaxon) -> Map (Key Extractor) -> GroupCombine"
        + " (GroupCombine at GroupCombine: ZeroFillVisits/OnePerTaxon) (1/2)#0"),
        equalTo("ZeroFillVisits/ListedTaxaReported → ZeroFillVisits/OnePerTaxon"));
    assertThat(StageCpu.stageOf("Filter (UnionFixFilter) (2/2)#0"), equalTo("UnionFixFilter"));
    assertThat(StageCpu.stageOf("flink-pekko.actor.default-dispatcher-7"), equalTo("flink-pekko.actor.default-dispatcher"));
    assertThat(StageCpu.stageOf("IOManager reader thread #1"), equalTo("IOManager reader thread"));
    assertThat(StageCpu.stageOf("main"), equalTo("main"));
  }

  @Test
  void aThreadsCpuTimeIsReportedUnderItsStageAndWithinTheProcesss() throws Exception {
    StageCpu cpu = StageCpu.start(20);
    CountDownLatch done = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    AtomicLong burnt = new AtomicLong();
    List<Thread> burners = new ArrayList<>();
    for (int i = 1; i <= 2; i++) {
      Thread t = new Thread(() -> {
        long x = 0;
        long until = System.nanoTime() + 150_000_000L;
        while (System.nanoTime() < until) {
          x += Long.numberOfTrailingZeros(x + System.nanoTime());
        }
        burnt.addAndGet(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() + (x & 0));
        done.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "FlatMap (FlatMap at Burn/Cpu) (" + i + "/2)#0");
      burners.add(t);
    }
    for (Thread t : burners) {
      t.start();
    }
    done.await(); // both have measured their own CPU time and stay alive until the last sample
    JsonNode report = cpu.stop();
    release.countDown();
    for (Thread t : burners) {
      t.join();
    }
    JsonNode burn = null;
    List<String> stages = new ArrayList<>();
    for (JsonNode s : report.path("stages")) {
      stages.add(s.path("stage").asText());
      if (s.path("stage").asText().equals("Burn/Cpu")) {
        burn = s;
      }
    }
    assertThat(stages, hasItem("Burn/Cpu"));
    assertThat(burn.path("threads").size(), equalTo(1)); // both subtasks under one name
    assertThat(burn.path("cpuSeconds").asDouble(), greaterThanOrEqualTo(Math.floor(burnt.get() / 1e7) / 100));
    assertThat(report.path("processCpuSeconds").asDouble(),
        greaterThanOrEqualTo(report.path("javaThreadsCpuSeconds").asDouble() - 0.01));
    assertThat(report.path("outsideJavaThreadsCpuSeconds").asDouble(), greaterThanOrEqualTo(0.0));
  }
}
