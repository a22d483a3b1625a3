package org.observatoire.beam.publish;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.observatoire.beam.avro.AvroSchemas;
import org.observatoire.beam.io.Folders;
import org.observatoire.beam.jobs.StreamingJob;

/**
 * The nightly compaction of the streaming job's output: every Parquet file of {@code occurrences/} and
 * {@code late/} of one or more streaming output folders (windowed files, written by panes that a restart may have
 * replayed) → one row per {@code occurrenceID} (ids are derived from the content, so a replayed row is the same row;
 * the first by submittedAt, sourceFile, sourceLine is kept) → {@code OUTPUT/occurrences/protocol=<p>/year=<y>/}, the
 * nightly layout, with the dataset's columns in the dataset's order, and {@code OUTPUT/compaction.json} with the
 * counts (rows in, duplicates removed, rows out). DuckDB does it in one sort, spilling to disk when it must.
 * Rejected submissions ({@code rejected/}) are compacted the same way into {@code OUTPUT/rejected/}: one row per
 * Kafka record (sourceFile = topic and partition, sourceLine = offset), which is what a replay repeats. The files
 * DuckDB writes keep the GeoParquet metadata: it reads our {@code geo} key as a GEOMETRY column and writes one back.
 *
 * <p>Superseded submissions (a correction sent under the same submission id) are the nightly job's business, not
 * this step's: only identical rows are removed here.
 */
public final class CompactStreamOutput {
  public static final String MANIFEST = "compaction.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private CompactStreamOutput() {}

  /** What a compaction read and wrote. */
  public record Result(int filesIn, long occurrenceRowsIn, long lateRowsIn, long duplicatesRemoved, long rowsOut,
      int filesOut, long rejectedRowsIn, long rejectedRowsOut) {
    public long rowsIn() {
      return occurrenceRowsIn + lateRowsIn;
    }

    public String toJson() {
      ObjectNode n = JSON.createObjectNode();
      n.put("filesIn", filesIn);
      n.put("rowsIn", rowsIn());
      n.put("occurrenceRowsIn", occurrenceRowsIn);
      n.put("lateRowsIn", lateRowsIn);
      n.put("duplicatesRemoved", duplicatesRemoved);
      n.put("rowsOut", rowsOut);
      n.put("filesOut", filesOut);
      n.put("rejectedRowsIn", rejectedRowsIn);
      n.put("rejectedDuplicatesRemoved", rejectedRowsIn - rejectedRowsOut);
      n.put("rejectedRowsOut", rejectedRowsOut);
      return n.toPrettyString();
    }
  }

  /**
   * Compacts {@code streamOutputs} into {@code output}, which must not hold an {@code occurrences/} folder yet;
   * the dataset appears there only once complete (written next to it, then renamed).
   */
  public static Result compact(List<Path> streamOutputs, Path output) {
    if (streamOutputs.isEmpty()) {
      throw new IllegalArgumentException("give at least one streaming output folder");
    }
    Path target = output.resolve(StreamingJob.OCCURRENCES);
    Path rejectedTarget = output.resolve(StreamingJob.REJECTED);
    for (Path t : List.of(target, rejectedTarget)) {
      if (Files.exists(t)) {
        throw new IllegalArgumentException(t + " already exists: compact into an empty folder");
      }
    }
    List<Path> occurrenceFiles = new ArrayList<>();
    List<Path> lateFiles = new ArrayList<>();
    List<Path> rejectedFiles = new ArrayList<>();
    for (Path in : streamOutputs) {
      if (!Files.isDirectory(in)) {
        throw new IllegalArgumentException("no such streaming output folder: " + in);
      }
      occurrenceFiles.addAll(Duck.parquetFiles(in.resolve(StreamingJob.OCCURRENCES)));
      lateFiles.addAll(Duck.parquetFiles(in.resolve(StreamingJob.LATE)));
      rejectedFiles.addAll(Duck.parquetFiles(in.resolve(StreamingJob.REJECTED)));
    }
    try {
      Files.createDirectories(output);
      Path staging = Files.createTempDirectory(output, ".compacting-");
      Result result;
      try (Connection c = Duck.open(); Statement s = c.createStatement()) {
        Result occurrences = compact(c, s, occurrenceFiles, lateFiles, staging);
        long[] rejected = compactRejected(c, s, rejectedFiles, staging);
        result = new Result(occurrences.filesIn() + rejectedFiles.size(), occurrences.occurrenceRowsIn(),
            occurrences.lateRowsIn(), occurrences.duplicatesRemoved(), occurrences.rowsOut(), occurrences.filesOut(),
            rejected[0], rejected[1]);
        Files.move(staging.resolve(StreamingJob.OCCURRENCES), target, StandardCopyOption.ATOMIC_MOVE);
        Files.move(staging.resolve(StreamingJob.REJECTED), rejectedTarget, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Folders.deleteTree(staging);
      }
      Files.writeString(output.resolve(MANIFEST), result.toJson() + "\n");
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot compact into " + output + ": " + e.getMessage(), e);
    } catch (SQLException e) {
      throw new IllegalStateException("compaction failed: " + e.getMessage(), e);
    }
  }

  private static Result compact(Connection c, Statement s, List<Path> occurrenceFiles, List<Path> lateFiles,
      Path staging) throws SQLException, IOException {
    Path dir = staging.resolve(StreamingJob.OCCURRENCES);
    Files.createDirectories(dir);
    String columns = AvroSchemas.OCCURRENCE_FILE.getFields().stream().map(Schema.Field::name).map(Duck::ident)
        .collect(Collectors.joining(", "));
    List<String> parts = new ArrayList<>();
    if (!occurrenceFiles.isEmpty()) {
      parts.add("SELECT " + columns + ", protocol, year FROM " + read(occurrenceFiles));
    }
    if (!lateFiles.isEmpty()) {
      parts.add("SELECT " + columns + ", protocol, year FROM " + read(lateFiles));
    }
    if (parts.isEmpty()) {
      return new Result(0, 0, 0, 0, 0, 0, 0, 0);
    }
    s.execute("CREATE TEMP TABLE stream_rows AS " + String.join(" UNION ALL ", parts));
    long occurrenceRows = occurrenceFiles.isEmpty() ? 0 : Duck.scalarLong(c, "SELECT count(*) FROM "
        + read(occurrenceFiles));
    long rowsIn = Duck.scalarLong(c, "SELECT count(*) FROM stream_rows");
    s.execute("COPY (SELECT DISTINCT ON (occurrenceID) " + columns + ", protocol, year FROM stream_rows"
        + " ORDER BY occurrenceID, submittedAt, sourceFile, sourceLine) TO " + Duck.literal(dir.toString())
        + " (FORMAT PARQUET, COMPRESSION ZSTD, PARTITION_BY (protocol, year), FILENAME_PATTERN 'part-{i}')");
    List<Path> written = Duck.parquetFiles(dir);
    long rowsOut = written.isEmpty() ? 0 : Duck.scalarLong(c, "SELECT count(*) FROM " + read(written));
    return new Result(occurrenceFiles.size() + lateFiles.size(), occurrenceRows, rowsIn - occurrenceRows,
        rowsIn - rowsOut, rowsOut, written.size(), 0, 0);
  }

  /** {rows in, rows out} of the rejected submissions, one row per Kafka record, to {@code staging/rejected/}. */
  private static long[] compactRejected(Connection c, Statement s, List<Path> rejectedFiles, Path staging)
      throws SQLException, IOException {
    Path dir = Files.createDirectories(staging.resolve(StreamingJob.REJECTED));
    if (rejectedFiles.isEmpty()) {
      return new long[] {0, 0};
    }
    String columns = AvroSchemas.REJECTED.getFields().stream().map(Schema.Field::name).map(Duck::ident)
        .collect(Collectors.joining(", "));
    String from = "read_parquet([" + rejectedFiles.stream().map(p -> Duck.literal(p.toAbsolutePath().toString()))
        .collect(Collectors.joining(", ")) + "], union_by_name = true)";
    long in = Duck.scalarLong(c, "SELECT count(*) FROM " + from);
    Path file = dir.resolve("rejected-0.parquet");
    s.execute("COPY (SELECT DISTINCT ON (sourceFile, sourceLine) " + columns + " FROM " + from
        + " ORDER BY sourceFile, sourceLine) TO " + Duck.literal(file.toString())
        + " (FORMAT PARQUET, COMPRESSION ZSTD)");
    return new long[] {in, Duck.scalarLong(c, "SELECT count(*) FROM read_parquet(" + Duck.literal(file.toString())
        + ")")};
  }

  /** {@code read_parquet([...])} over these files, with their Hive partitions as columns. */
  private static String read(List<Path> files) {
    return "read_parquet([" + files.stream().map(p -> Duck.literal(p.toAbsolutePath().toString()))
        .collect(Collectors.joining(", ")) + "], hive_partitioning = true, union_by_name = true)";
  }
}
