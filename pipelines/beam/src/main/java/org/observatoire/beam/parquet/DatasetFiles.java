package org.observatoire.beam.parquet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * A Parquet dataset written without a pipeline, as {@link WriteParquetBlocks} and {@link WriteParquetDataset} write
 * it: the same sinks ({@link BlockParquetSink}, {@link ParquetSink}: sort buffer, writer, zstd, GeoParquet footer),
 * one file per destination, named as the nightly names it ({@link WriteSortedFiles#fileName}:
 * {@code <destination>/part-00000-of-00001.parquet}, or {@code <name>-00000-of-00001.parquet} in a flat dataset).
 * {@link #write} may be called from several threads (a destination's file takes one element at a time); {@link
 * #files()} then gives one task per file that sorts and writes it, to run on any threads.
 */
public final class DatasetFiles<T> {
  private final Path directory;
  private final String name;
  private final Function<T, String> destination;
  private final Supplier<SortedRowsSink<T>> sinks;
  private final Map<String, Open<T>> open = new ConcurrentHashMap<>();

  private DatasetFiles(Path directory, String name, Function<T, String> destination,
      Supplier<SortedRowsSink<T>> sinks) {
    this.directory = directory;
    this.name = name;
    this.destination = destination;
    this.sinks = sinks;
  }

  /** Row blocks, each under its {@link RowBlock#destination()}, as {@link WriteParquetBlocks#to} writes them. */
  public static DatasetFiles<RowBlock> blocks(Path directory, Schema fileSchema, ParquetWriterKind kind) {
    return new DatasetFiles<>(directory, "part", RowBlock::destination, () -> new BlockParquetSink(fileSchema,
        ParquetFiles.ROW_GROUP_BYTES, WriteParquetBlocks.SORT_BUDGET_BYTES, 0, kind));
  }

  /** Records in one folder, as {@link WriteParquetDataset#flat} writes them. */
  public static DatasetFiles<GenericRecord> flat(Path directory, String name, Schema schema, ParquetWriterKind kind) {
    return new DatasetFiles<>(directory, name, r -> "", records(schema, kind));
  }

  /** Records in the folders {@code partition} gives, as {@link WriteParquetDataset#partitioned} writes them. */
  public static DatasetFiles<GenericRecord> partitioned(Path directory, Schema schema,
      Function<GenericRecord, String> partition, ParquetWriterKind kind) {
    return new DatasetFiles<>(directory, "part", partition, records(schema, kind));
  }

  private static Supplier<SortedRowsSink<GenericRecord>> records(Schema schema, ParquetWriterKind kind) {
    return () -> new ParquetSink(schema, ParquetFiles.ROW_GROUP_BYTES, WriteParquetBlocks.SORT_BUDGET_BYTES, kind);
  }

  /** Adds an element to its destination's file (written by the file's task). */
  public void write(T element) throws IOException {
    Open<T> file = open.computeIfAbsent(destination.apply(element), this::create);
    synchronized (file) {
      file.sink().write(element);
    }
  }

  /** One task per file: sorts its rows, writes and closes it. Call once every element is written. */
  public List<Callable<Void>> files() {
    List<Callable<Void>> tasks = new ArrayList<>();
    for (Open<T> file : open.values()) {
      tasks.add(() -> {
        synchronized (file) {
          try (FileChannel ch = file.channel()) {
            file.sink().flush();
          }
        }
        return null;
      });
    }
    return tasks;
  }

  private Open<T> create(String dest) {
    Path file = directory.resolve(WriteSortedFiles.fileName(dest, name));
    try {
      Files.createDirectories(file.getParent());
      FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      SortedRowsSink<T> sink = sinks.get();
      sink.open(ch);
      return new Open<>(ch, sink);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + file, e);
    }
  }

  private record Open<T>(FileChannel channel, SortedRowsSink<T> sink) {}
}
