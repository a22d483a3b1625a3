package org.observatoire.beam.jobs;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.observatoire.beam.parquet.ParquetWriteOptions;
import org.observatoire.beam.parquet.ParquetWriterKind;
import org.observatoire.beam.parquet.ReadParquet;
import org.observatoire.core.samples.SampleData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample's submissions through the nightly job (DirectRunner) twice, with {@code --parquetWriter=fast} and with
 * {@code --parquetWriter=stock} (parquet-java's standard Avro writer): every public and restricted Parquet file exists
 * in both runs under the same name, with the same Parquet schema, the same footer key/value metadata (Avro schema,
 * object model, GeoParquet bbox), the same row groups, the same rows in the same order, and the same column
 * statistics (min, max, null count) in every column chunk.
 */
class ParquetWritersAgreeTest {
  @TempDir static Path tmp;
  private static Path fast;
  private static Path stock;

  @BeforeAll
  static void runBothWays() {
    fast = run("fast");
    stock = run("stock");
  }

  private static Path run(String writer) {
    Path out = tmp.resolve(writer);
    NightlyJob.Options options = PipelineOptionsFactory.fromArgs(
        "--input=" + SampleData.root().resolve("submissions"), "--output=" + out.resolve("public"),
        "--restrictedOutput=" + out.resolve("restricted"), "--referenceTime=2026-11-23T00:00:00Z",
        "--samplePseudonymKey=true", "--runId=agree", "--parquetWriter=" + writer).as(NightlyJob.Options.class);
    options.setRunner(DirectRunner.class);
    NightlyJob.run(options);
    return out;
  }

  private static List<Path> parquetFiles(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(f -> f.toString().endsWith(".parquet")).map(root::relativize).sorted().toList();
    }
  }

  @Test
  void bothRunsWriteTheSameFiles() throws IOException {
    List<Path> files = parquetFiles(fast);
    assertThat(files, is(parquetFiles(stock)));
    List<String> datasets = files.stream().map(f -> f.getName(0) + "/" + f.getName(1)).distinct().toList();
    for (String d : List.of("public/occurrences", "public/events", "public/checklists", "public/cubes",
        "public/rejected", "restricted/locations")) {
      assertThat(datasets, hasItem(d));
    }
  }

  @Test
  void schemasFooterKeysRowGroupsAndStatisticsAgree() throws IOException {
    int chunks = 0;
    for (Path f : parquetFiles(fast)) {
      FileMetaData a = ReadParquet.footer(fast.resolve(f));
      FileMetaData b = ReadParquet.footer(stock.resolve(f));
      assertThat(f + ": schema", a.getSchema(), is(b.getSchema()));
      assertThat(f + ": footer keys", a.getKeyValueMetaData(), is(b.getKeyValueMetaData()));
      assertThat(f + ": created by", a.getCreatedBy(), is(b.getCreatedBy()));
      List<BlockMetaData> ga = ReadParquet.rowGroups(fast.resolve(f));
      List<BlockMetaData> gb = ReadParquet.rowGroups(stock.resolve(f));
      assertThat(f + ": row groups", ga.size(), is(gb.size()));
      for (int g = 0; g < ga.size(); g++) {
        assertThat(f + ": rows of group " + g, ga.get(g).getRowCount(), is(gb.get(g).getRowCount()));
        List<ColumnChunkMetaData> ca = ga.get(g).getColumns();
        List<ColumnChunkMetaData> cb = gb.get(g).getColumns();
        assertThat(ca.size(), is(cb.size()));
        for (int c = 0; c < ca.size(); c++) {
          String where = f + " group " + g + " column " + ca.get(c).getPath();
          assertThat(where, ca.get(c).getPath(), is(cb.get(c).getPath()));
          assertThat(where + ": values", ca.get(c).getValueCount(), is(cb.get(c).getValueCount()));
          assertThat(where + ": codec", ca.get(c).getCodec(), is(cb.get(c).getCodec()));
          assertThat(where + ": statistics", describe(ca.get(c).getStatistics()),
              is(describe(cb.get(c).getStatistics())));
          chunks++;
        }
      }
    }
    assertThat(chunks, greaterThan(100));
  }

  /** What a reader gets from a chunk's statistics: whether set, min, max and null count. */
  private static String describe(Statistics<?> s) {
    if (s == null || s.isEmpty()) {
      return "none";
    }
    return (s.hasNonNullValue() ? "min=" + s.minAsString() + " max=" + s.maxAsString() : "all null")
        + " nulls=" + (s.isNumNullsSet() ? s.getNumNulls() : "unset");
  }

  @Test
  void everyValueAgreesRowByRow() throws IOException {
    long rows = 0;
    for (Path f : parquetFiles(fast)) {
      List<GenericRecord> a = ReadParquet.rows(fast.resolve(f));
      List<GenericRecord> b = ReadParquet.rows(stock.resolve(f));
      assertThat(f + ": rows", a.size(), is(b.size()));
      for (int i = 0; i < a.size(); i++) {
        if (!a.get(i).equals(b.get(i))) {
          assertThat(f + " row " + i, a.get(i).toString(), is(b.get(i).toString()));
        }
      }
      rows += a.size();
    }
    assertThat(rows, greaterThan(1000L));
  }

  @Test
  void theJobOptionChoosesTheWriter() {
    assertThat(ParquetWriteOptions.of(PipelineOptionsFactory.fromArgs("--parquetWriter=stock")
        .as(NightlyJob.Options.class)), is(ParquetWriterKind.STOCK));
    assertThat(ParquetWriteOptions.of(PipelineOptionsFactory.fromArgs().as(NightlyJob.Options.class)),
        is(ParquetWriterKind.FAST));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ParquetWriterKind.parse("quick"));
    assertThat(e.getMessage(), is("--parquet-writer must be fast or stock, got 'quick'"));
  }

  @Test
  void theGeoParquetKeyIsWrittenByBoth() throws IOException {
    List<String> keys = new ArrayList<>();
    for (Path f : parquetFiles(stock)) {
      keys.addAll(ReadParquet.footer(stock.resolve(f)).getKeyValueMetaData().keySet());
    }
    assertThat(keys, hasItem("geo"));
    assertThat(keys, hasItem("parquet.avro.schema"));
  }
}
