package org.observatoire.beam.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * A Parquet {@link OutputFile} on a local path through java.nio, without Hadoop's FileSystem (no .crc side files):
 * the baseline writes the way Beam's ParquetIO sink does, to a plain byte channel.
 */
final class NioOutputFile implements OutputFile {
  private final Path path;

  NioOutputFile(Path path) {
    this.path = path;
  }

  @Override
  public PositionOutputStream create(long blockSizeHint) throws IOException {
    return open(StandardOpenOption.CREATE_NEW);
  }

  @Override
  public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
    return open(StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
  }

  @Override
  public boolean supportsBlockSize() {
    return false;
  }

  @Override
  public long defaultBlockSize() {
    return 0;
  }

  @Override
  public String getPath() {
    return path.toString();
  }

  private PositionOutputStream open(StandardOpenOption... options) throws IOException {
    OutputStream out = new java.io.BufferedOutputStream(
        Files.newOutputStream(path, withWrite(options)), 1 << 16);
    return new PositionOutputStream() {
      private long pos;

      @Override
      public long getPos() {
        return pos;
      }

      @Override
      public void write(int b) throws IOException {
        out.write(b);
        pos++;
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        pos += len;
      }

      @Override
      public void flush() throws IOException {
        out.flush();
      }

      @Override
      public void close() throws IOException {
        out.close();
      }
    };
  }

  private static StandardOpenOption[] withWrite(StandardOpenOption[] options) {
    StandardOpenOption[] all = java.util.Arrays.copyOf(options, options.length + 1);
    all[options.length] = StandardOpenOption.WRITE;
    return all;
  }
}
