package org.observatoire.benchmarks.baseline;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/**
 * Records of one schema held on local disk between two passes of the plain-Java baseline (as a runner holds a stage's
 * output until a side input is ready): each Avro binary-encoded, length-prefixed. One writer thread, then one
 * reader; {@link #readAndDelete} removes the file.
 */
final class SpillFile implements AutoCloseable {
  private final Path file;
  private final Schema schema;
  private final GenericDatumWriter<GenericRecord> writer;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
  private DataOutputStream out;
  private BinaryEncoder encoder;
  private long records;

  SpillFile(Path dir, String name, Schema schema) throws IOException {
    this.file = Files.createTempFile(dir, name + "-", ".spill");
    this.schema = schema;
    this.writer = new GenericDatumWriter<>(schema);
    this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
  }

  void write(GenericRecord r) throws IOException {
    bytes.reset();
    encoder = EncoderFactory.get().directBinaryEncoder(bytes, encoder);
    writer.write(r, encoder);
    encoder.flush();
    out.writeInt(bytes.size());
    bytes.writeTo(out);
    records++;
  }

  long records() {
    return records;
  }

  @Override
  public void close() throws IOException {
    if (out != null) {
      out.close();
      out = null;
    }
  }

  /** Every record written, in order, then deletes the file. */
  void readAndDelete(Consumer<GenericRecord> each) throws IOException {
    close();
    GenericDatumReader<GenericRecord> reader = new GenericDatumReader<>(schema);
    BinaryDecoder decoder = null;
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      byte[] buf = new byte[4096];
      while (true) {
        int n;
        try {
          n = in.readInt();
        } catch (EOFException end) {
          break;
        }
        if (n > buf.length) {
          buf = new byte[Math.max(n, 2 * buf.length)];
        }
        in.readFully(buf, 0, n);
        decoder = DecoderFactory.get().binaryDecoder(buf, 0, n, decoder);
        each.accept(reader.read(null, decoder));
      }
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
