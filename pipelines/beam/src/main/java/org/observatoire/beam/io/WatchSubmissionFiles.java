package org.observatoire.beam.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Watch;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.observatoire.core.ingest.LineReader;
import org.observatoire.core.ingest.SubmittedAt;
import org.observatoire.core.ingest.RawLine;

/**
 * Without a broker: watches a folder for new JSON-lines files ({@code *.jsonl}) and emits their lines, stamped with
 * each submission's {@code submittedAt} (the file's modification time when it has none). A file is read once.
 */
public final class WatchSubmissionFiles extends PTransform<PBegin, PCollection<RawLine>> {
  private final String directory;
  private final Duration pollInterval;
  private final int maxLineBytes;

  private WatchSubmissionFiles(String directory, Duration pollInterval, int maxLineBytes) {
    this.directory = directory;
    this.pollInterval = pollInterval;
    this.maxLineBytes = maxLineBytes;
  }

  public static WatchSubmissionFiles of(String directory, Duration pollInterval, int maxLineBytes) {
    return new WatchSubmissionFiles(directory, pollInterval, maxLineBytes);
  }

  @Override
  public PCollection<RawLine> expand(PBegin begin) {
    String pattern = directory.endsWith("/") ? directory + "*.jsonl" : directory + "/*.jsonl";
    return begin
        .apply("MatchNewFiles", FileIO.match().filepattern(pattern)
            .continuously(pollInterval, Watch.Growth.never()))
        .apply("ReadMatches", FileIO.readMatches())
        .apply("ReadLines", ParDo.of(new ReadLinesFn(maxLineBytes)))
        .setCoder(RawLineCoder.of());
  }

  static final class ReadLinesFn extends DoFn<FileIO.ReadableFile, RawLine> {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ReadLinesFn.class);
    private final int maxLineBytes;

    ReadLinesFn(int maxLineBytes) {
      this.maxLineBytes = maxLineBytes;
    }

    @ProcessElement
    public void process(@Element FileIO.ReadableFile file, OutputReceiver<RawLine> out) {
      MatchResult.Metadata meta = file.getMetadata();
      Instant fallback = new Instant(meta.lastModifiedMillis());
      String name = meta.resourceId().getFilename();
      // a file that cannot be read to its end keeps the lines before the fault; it never stops the stream
      LineReader.Totals totals;
      try (InputStream in = Channels.newInputStream(file.open())) {
        totals = LineReader.of(maxLineBytes).read(in, -1, name, 1, line -> out.outputWithTimestamp(line,
            SubmittedAt.peek(line.bytes()).map(t -> new Instant(t.toEpochMilli())).orElse(fallback)));
      } catch (IOException e) {
        totals = new LineReader.Totals(0, 0, e);
      }
      if (totals.fault() != null) {
        LOG.warn("input file {}: read stopped by {} after {} lines", name, totals.faultKind(), totals.lines());
      }
    }

    // event time is the submission's, usually before the moment the file is seen
    @Override
    @SuppressWarnings("deprecation")
    public Duration getAllowedTimestampSkew() {
      return Duration.millis(Long.MAX_VALUE);
    }
  }
}
