package org.observatoire.beam.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.observatoire.core.ingest.RawLine;
import org.observatoire.core.ingest.LineReader;
import org.observatoire.core.ingest.SubmissionIds;
import org.observatoire.core.run.CountKey;
import org.observatoire.core.run.OutcomeKind;

/**
 * Reads JSON-lines files (plain or {@code .gz}) as raw byte lines with their file and line number. Plain files are
 * cut into chunks at line boundaries and read in parallel; lines longer than the limit keep only a prefix
 * ({@link LineReader}). Emits
 * per-file counters of lines and bytes read on {@link #countsTag()}.
 */
public final class ReadSubmissionLines extends PTransform<PBegin, PCollectionTuple> {
  /**
   * Chunks are spread over the workers by a random key, so with few chunks one worker can get most of them: at
   * 32 MiB a 205 MB input made 7 chunks and one of the two workers validated alone for 15 s of the job's 150 s.
   * Small chunks even the shares out; each costs one seek.
   */
  static final long CHUNK_BYTES = 4L << 20;

  private static final TupleTag<RawLine> LINES = new TupleTag<>() {};
  private static final TupleTag<KV<String, Long>> COUNTS = new TupleTag<>() {};

  private final List<Chunk> files;
  private final int maxLineBytes;

  private ReadSubmissionLines(List<Chunk> files, int maxLineBytes) {
    this.files = List.copyOf(files);
    this.maxLineBytes = maxLineBytes;
  }

  /**
   * @param files one whole-file {@link Chunk} per input file ({@code start 0}, {@code end MAX}, {@code firstLine 1})
   * @param maxLineBytes longest line kept whole
   */
  public static ReadSubmissionLines of(List<Chunk> files, int maxLineBytes) {
    return new ReadSubmissionLines(files, maxLineBytes);
  }

  /** Convenience: a whole-file chunk. */
  public static Chunk wholeFile(String path, String name) {
    return new Chunk(path, name, 0, Long.MAX_VALUE, 1, path.endsWith(".gz"));
  }

  public TupleTag<RawLine> linesTag() {
    return LINES;
  }

  public TupleTag<KV<String, Long>> countsTag() {
    return COUNTS;
  }

  @Override
  public PCollectionTuple expand(PBegin input) {
    PCollectionTuple out = chunks(input, files).apply("ReadChunks",
        ParDo.of(new ReadChunkFn(maxLineBytes)).withOutputTags(LINES, TupleTagList.of(COUNTS)));
    out.get(LINES).setCoder(RawLineCoder.of());
    out.get(COUNTS).setCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()));
    return out;
  }

  /** The submission id key ({@link SubmissionIds#key}) of every line that has one, read from the same files. */
  public PTransform<PBegin, PCollection<Long>> idKeys() {
    return new ReadIdKeys(files, maxLineBytes);
  }

  /** The files cut into chunks, spread over the workers. */
  static PCollection<Chunk> chunks(PBegin input, List<Chunk> files) {
    return input
        .apply("ListFiles", Create.of(files).withCoder(SerializableCoder.of(Chunk.class)))
        .apply("PlanChunks", ParDo.of(new PlanChunksFn()))
        .setCoder(SerializableCoder.of(Chunk.class))
        .apply("SpreadChunks", Reshuffle.viaRandomKey());
  }

  /**
   * Reads a chunk's lines, handing each to {@code sink}. A file that cannot be opened or read to its end (missing,
   * unreadable, a truncated or corrupt {@code .gz}) does not throw: the lines before the fault are handed on and the
   * totals carry the fault ({@link LineReader.Totals#fault()}).
   */
  static LineReader.Totals read(Chunk chunk, int maxLineBytes, java.util.function.Consumer<RawLine> sink) {
    ResourceId id = FileSystems.matchNewResource(chunk.path(), false);
    long limit = chunk.end() - chunk.start();
    LineReader.Totals totals = new LineReader.Totals(0, 0);
    try (ReadableByteChannel ch = FileSystems.open(id)) {
      if (chunk.start() > 0) {
        ((SeekableByteChannel) ch).position(chunk.start());
      }
      InputStream raw = new BufferedInputStream(Channels.newInputStream(ch), 1 << 20);
      // no buffer over the gzip stream: a BufferedInputStream drops the bytes of a read that ends in a fault, so a
      // truncated .gz would lose its last MiB of lines; LineReader reads large blocks itself
      InputStream in = chunk.gzip() ? new GZIPInputStream(raw, 1 << 16) : raw;
      totals = LineReader.of(maxLineBytes).read(in, chunk.gzip() ? -1 : limit, chunk.name(), chunk.firstLine(), sink);
    } catch (IOException e) {
      return new LineReader.Totals(totals.lines(), totals.bytes(), totals.fault() != null ? totals.fault() : e);
    }
    return totals;
  }

  /**
   * A second, light read of the input for the duplicate check: one key per line, single output (no line bytes
   * shipped between tasks).
   */
  static final class ReadIdKeys extends PTransform<PBegin, PCollection<Long>> {
    private final List<Chunk> files;
    private final int maxLineBytes;

    ReadIdKeys(List<Chunk> files, int maxLineBytes) {
      this.files = files;
      this.maxLineBytes = maxLineBytes;
    }

    @Override
    public PCollection<Long> expand(PBegin input) {
      return chunks(input, files).apply("ReadIdKeys", ParDo.of(new ReadIdKeysFn(maxLineBytes)))
          .setCoder(VarLongCoder.of());
    }
  }

  static final class ReadIdKeysFn extends DoFn<Chunk, Long> {
    private final int maxLineBytes;

    ReadIdKeysFn(int maxLineBytes) {
      this.maxLineBytes = maxLineBytes;
    }

    @ProcessElement
    public void process(@Element Chunk chunk, OutputReceiver<Long> out) {
      read(chunk, maxLineBytes,
          line -> SubmissionIds.peek(line.bytes()).ifPresent(id -> out.output(SubmissionIds.key(id))));
    }
  }

  /** Cuts a plain file into ~4 MiB chunks at line starts, counting lines to give each chunk its first line. */
  static final class PlanChunksFn extends DoFn<Chunk, Chunk> {
    @ProcessElement
    public void process(@Element Chunk file, OutputReceiver<Chunk> out) {
      if (file.gzip()) {
        out.output(file);
        return;
      }
      List<Chunk> chunks = new java.util.ArrayList<>();
      if (plan(file, chunks::add)) {
        chunks.forEach(out::output);
      } else {
        out.output(file); // unreadable: the read of the whole file records the fault
      }
    }

    private static boolean plan(Chunk file, java.util.function.Consumer<Chunk> out) {
      ResourceId id = FileSystems.matchNewResource(file.path(), false);
      try (ReadableByteChannel ch = FileSystems.open(id)) {
        ByteBuffer buf = ByteBuffer.allocate(1 << 20);
        long pos = 0;
        long line = 1;
        long chunkStart = 0;
        long chunkLine = 1;
        int n;
        while ((n = ch.read(buf)) != -1) {
          byte[] a = buf.array();
          for (int i = 0; i < n; i++) {
            if (a[i] == '\n') {
              line++;
              long next = pos + i + 1;
              if (next - chunkStart >= CHUNK_BYTES) {
                out.accept(new Chunk(file.path(), file.name(), chunkStart, next, chunkLine, false));
                chunkStart = next;
                chunkLine = line;
              }
            }
          }
          pos += n;
          buf.clear();
        }
        if (pos > chunkStart || pos == 0) {
          out.accept(new Chunk(file.path(), file.name(), chunkStart, pos, chunkLine, false));
        }
        return true;
      } catch (IOException e) {
        return false;
      }
    }
  }

  /** Reads one chunk's lines; a read fault is logged and counted ({@link CountKey#inputFault}). */
  static final class ReadChunkFn extends DoFn<Chunk, RawLine> {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ReadChunkFn.class);
    private final int maxLineBytes;

    ReadChunkFn(int maxLineBytes) {
      this.maxLineBytes = maxLineBytes;
    }

    @ProcessElement
    public void process(@Element Chunk chunk, MultiOutputReceiver out) {
      LineReader.Totals totals = read(chunk, maxLineBytes, out.get(LINES)::output);
      String fileKey = chunk.name();
      out.get(COUNTS).output(KV.of(CountKey.of(fileKey, null, OutcomeKind.LINES_READ).encode(), totals.lines()));
      out.get(COUNTS).output(KV.of(CountKey.of(fileKey, null, OutcomeKind.BYTES_READ).encode(), totals.bytes()));
      if (totals.fault() != null) {
        LOG.warn("input file {}: read stopped by {} after {} lines", fileKey, totals.faultKind(), totals.lines());
        out.get(COUNTS).output(KV.of(CountKey.inputFault(fileKey, totals.faultKind()).encode(), 1L));
      }
    }
  }
}
