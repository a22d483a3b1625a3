package org.observatoire.beam.parquet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/** Counts the rows a folder's Parquet files hold, from their footers: an independent check of what was written. */
public final class ParquetFooters {
  private ParquetFooters() {}

  /** {files, rows} over every {@code *.parquet} below {@code dir} (0, 0 when it does not exist). */
  public static long[] count(Path dir) {
    if (!Files.isDirectory(dir)) {
      return new long[] {0, 0};
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      List<Path> files = walk.filter(p -> p.getFileName().toString().endsWith(".parquet"))
          .filter(p -> !p.toString().contains("/.temp")).sorted().toList();
      long rows = 0;
      Configuration conf = new Configuration(false);
      for (Path f : files) {
        try (ParquetFileReader r = ParquetFileReader.open(
            HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(f.toUri()), conf))) {
          rows += r.getRecordCount();
        }
      }
      return new long[] {files.size(), rows};
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Parquet footers under " + dir, e);
    }
  }
}
