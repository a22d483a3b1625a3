package org.observatoire.beam.parquet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageWriteStore;
import org.apache.parquet.column.page.PageWriter;
import org.apache.parquet.column.statistics.SizeStatistics;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.column.statistics.geospatial.GeospatialStatistics;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.PrimitiveComparator;
import org.apache.parquet.schema.PrimitiveType;

/**
 * A page store over parquet-java's that gives the pages of some binary columns the statistics {@link ColumnRowWriter}
 * computed for them (min, max, null count), in place of parquet-java's, which are switched off for those columns.
 *
 * <p>parquet-java compares every value with the page's min and max byte by byte: a zero-filled visit repeats its
 * head and tail values (ids, dates, place, protocol) on each of its rows, and a value equal to the min or max is
 * compared to its last byte. {@link BinaryPageStatistics} skips the value object it was given last (a replayed head
 * or tail value) and a dictionary id already seen in the page, and compares the others with
 * {@link Arrays#compareUnsigned}, which the JIT vectorizes. The order is parquet's for strings and plain binary
 * (unsigned lexicographic), so the statistics are the same; parquet-java 1.15+ can switch its own off per column.
 */
final class OwnStatisticsPageStore implements PageWriteStore {
  private final PageWriteStore pages;
  private final Map<ColumnDescriptor, BinaryPageStatistics> statistics;

  /** Pages of {@code pages}; those of the columns in {@code statistics} take their statistics from there. */
  OwnStatisticsPageStore(PageWriteStore pages, Map<ColumnDescriptor, BinaryPageStatistics> statistics) {
    this.pages = pages;
    this.statistics = statistics;
  }

  /** Whether this store can compute the statistics of {@code column}: a binary column in unsigned byte order. */
  static boolean computes(ColumnDescriptor column) {
    PrimitiveType type = column.getPrimitiveType();
    return type.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.BINARY
        && (Object) type.comparator() == PrimitiveComparator.UNSIGNED_LEXICOGRAPHICAL_BINARY_COMPARATOR;
  }

  @Override
  public PageWriter getPageWriter(ColumnDescriptor column) {
    BinaryPageStatistics own = statistics.get(column);
    PageWriter writer = pages.getPageWriter(column);
    return own == null ? writer : new StatisticsPageWriter(writer, own);
  }

  /** Min, max and null count of one binary column's values since its last page. Not thread-safe. */
  static final class BinaryPageStatistics {
    private final PrimitiveType type;
    private byte[] min = new byte[64];
    private byte[] max = new byte[64];
    private int minLength;
    private int maxLength;
    private boolean values;
    private long nulls;
    private Binary last;
    /** Per dictionary id, the last page its value was compared in: pages are numbered from 1. */
    private int[] pageOfId = new int[64];
    private int page = 1;

    BinaryPageStatistics(PrimitiveType type) {
      this.type = type;
    }

    /** A value given as an object, perhaps the same object as the last value (a replayed head or tail value). */
    void add(Binary value) {
      if (value == last) {
        return;
      }
      last = value;
      ByteBuffer b = value.toByteBuffer();
      int from = b.arrayOffset() + b.position();
      compare(b.array(), from, from + b.remaining());
    }

    /**
     * The value held in {@code bytes[from, to)}, with its id in the column chunk's dictionary (≥ 0) or -1 when it
     * has none: a value whose id was given since the last page is not compared again.
     */
    void add(int id, byte[] bytes, int from, int to) {
      last = null;
      if (id >= 0) {
        if (id >= pageOfId.length) {
          pageOfId = Arrays.copyOf(pageOfId, Math.max(id + 1, 2 * pageOfId.length));
        }
        if (pageOfId[id] == page) {
          return;
        }
        pageOfId[id] = page;
      }
      compare(bytes, from, to);
    }

    private void compare(byte[] bytes, int from, int to) {
      if (!values) {
        values = true;
        min = copy(min, bytes, from, to);
        minLength = to - from;
        max = copy(max, bytes, from, to);
        maxLength = to - from;
      } else if (Arrays.compareUnsigned(bytes, from, to, min, 0, minLength) < 0) {
        min = copy(min, bytes, from, to);
        minLength = to - from;
      } else if (Arrays.compareUnsigned(bytes, from, to, max, 0, maxLength) > 0) {
        max = copy(max, bytes, from, to);
        maxLength = to - from;
      }
    }

    void addNull() {
      nulls++;
    }

    /** The statistics of the values since the last page, as parquet-java would have computed them; starts anew. */
    Statistics<?> take() {
      Statistics<?> s = Statistics.createStats(type);
      if (values) {
        s.updateStats(Binary.fromConstantByteArray(Arrays.copyOf(min, minLength)));
        s.updateStats(Binary.fromConstantByteArray(Arrays.copyOf(max, maxLength)));
      }
      s.incrementNumNulls(nulls);
      values = false;
      nulls = 0;
      last = null;
      page++;
      return s;
    }

    private static byte[] copy(byte[] into, byte[] bytes, int from, int to) {
      int n = to - from;
      byte[] target = into.length >= n ? into : new byte[Math.max(n, 2 * into.length)];
      System.arraycopy(bytes, from, target, 0, n);
      return target;
    }
  }

  /** Passes pages on with the column's own statistics in place of parquet-java's (switched off, so empty). */
  private static final class StatisticsPageWriter implements PageWriter {
    private final PageWriter pages;
    private final BinaryPageStatistics statistics;

    StatisticsPageWriter(PageWriter pages, BinaryPageStatistics statistics) {
      this.pages = pages;
      this.statistics = statistics;
    }

    @Override
    public void writePage(BytesInput bytes, int valueCount, Statistics<?> ignored, Encoding rl, Encoding dl,
        Encoding values) throws IOException {
      pages.writePage(bytes, valueCount, statistics.take(), rl, dl, values);
    }

    @Override
    public void writePage(BytesInput bytes, int valueCount, int rowCount, Statistics<?> ignored, Encoding rl,
        Encoding dl, Encoding values) throws IOException {
      pages.writePage(bytes, valueCount, rowCount, statistics.take(), rl, dl, values);
    }

    @Override
    public void writePage(BytesInput bytes, int valueCount, int rowCount, Statistics<?> ignored,
        SizeStatistics sizes, Encoding rl, Encoding dl, Encoding values) throws IOException {
      pages.writePage(bytes, valueCount, rowCount, statistics.take(), sizes, rl, dl, values);
    }

    @Override
    public void writePage(BytesInput bytes, int valueCount, int rowCount, Statistics<?> ignored,
        SizeStatistics sizes, GeospatialStatistics geo, Encoding rl, Encoding dl, Encoding values)
        throws IOException {
      pages.writePage(bytes, valueCount, rowCount, statistics.take(), sizes, geo, rl, dl, values);
    }

    @Override
    public void writePageV2(int rowCount, int nullCount, int valueCount, BytesInput repetitionLevels,
        BytesInput definitionLevels, Encoding dataEncoding, BytesInput data, Statistics<?> ignored)
        throws IOException {
      pages.writePageV2(rowCount, nullCount, valueCount, repetitionLevels, definitionLevels, dataEncoding, data,
          statistics.take());
    }

    @Override
    public void writePageV2(int rowCount, int nullCount, int valueCount, BytesInput repetitionLevels,
        BytesInput definitionLevels, Encoding dataEncoding, BytesInput data, Statistics<?> ignored,
        SizeStatistics sizes) throws IOException {
      pages.writePageV2(rowCount, nullCount, valueCount, repetitionLevels, definitionLevels, dataEncoding, data,
          statistics.take(), sizes);
    }

    @Override
    public void writePageV2(int rowCount, int nullCount, int valueCount, BytesInput repetitionLevels,
        BytesInput definitionLevels, Encoding dataEncoding, BytesInput data, Statistics<?> ignored,
        SizeStatistics sizes, GeospatialStatistics geo) throws IOException {
      pages.writePageV2(rowCount, nullCount, valueCount, repetitionLevels, definitionLevels, dataEncoding, data,
          statistics.take(), sizes, geo);
    }

    @Override
    public long getMemSize() {
      return pages.getMemSize();
    }

    @Override
    public long allocatedSize() {
      return pages.allocatedSize();
    }

    @Override
    public void writeDictionaryPage(DictionaryPage page) throws IOException {
      pages.writeDictionaryPage(page);
    }

    @Override
    public String memUsageString(String prefix) {
      return pages.memUsageString(prefix);
    }

    @Override
    public void close() {
      pages.close();
    }
  }
}
