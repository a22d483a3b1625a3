package org.observatoire.beam.parquet;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/** Tests read the files back with parquet-avro's reader, an implementation independent of our writer. */
public final class ReadParquet {
  private static final Configuration CONF = new Configuration(false);

  private ReadParquet() {}

  public static List<GenericRecord> rows(Path file) throws IOException {
    List<GenericRecord> rows = new ArrayList<>();
    try (ParquetReader<GenericRecord> r = AvroParquetReader.<GenericRecord>builder(
        HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), CONF)).withConf(CONF).build()) {
      for (GenericRecord g = r.read(); g != null; g = r.read()) {
        rows.add(g);
      }
    }
    return rows;
  }

  /** The row groups' metadata: column chunks with their encodings and statistics. */
  public static List<BlockMetaData> rowGroups(Path file) throws IOException {
    try (ParquetFileReader r = ParquetFileReader.open(
        HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), CONF))) {
      return r.getFooter().getBlocks();
    }
  }

  public static FileMetaData footer(Path file) throws IOException {
    try (ParquetFileReader r = ParquetFileReader.open(
        HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), CONF))) {
      return r.getFooter().getFileMetaData();
    }
  }
}
