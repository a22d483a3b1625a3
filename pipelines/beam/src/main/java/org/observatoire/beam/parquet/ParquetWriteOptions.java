package org.observatoire.beam.parquet;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** The job option that chooses the Parquet writer of every dataset a pipeline writes ({@link ParquetWriterKind}). */
public interface ParquetWriteOptions extends PipelineOptions {
  @Description("Parquet writer: fast (the project's column writers) or stock (parquet-java's AvroWriteSupport)."
      + " Both write the same rows, schema, footer keys and statistics.")
  @Default.String("fast")
  String getParquetWriter();

  void setParquetWriter(String writer);

  /** The writer the pipeline's options choose ({@code fast} when the options do not know this one). */
  static ParquetWriterKind of(PipelineOptions options) {
    return ParquetWriterKind.parse(options.as(ParquetWriteOptions.class).getParquetWriter());
  }
}
