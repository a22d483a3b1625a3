package org.observatoire.beam.parquet;

import java.io.Closeable;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.observatoire.beam.parquet.EncodedRowWriteSupport.Kind;

/**
 * A Parquet writer of Avro binary-encoded rows of a flat schema (primitive fields, unions of one with null, arrays of
 * non-null primitives) that puts each value straight into parquet-mr's column writers, with the levels computed once
 * per column. The file is the one {@link ParquetFiles#open} writes (same Parquet schema from parquet-avro, encodings,
 * zstd, row groups, statistics and footer keys), without parquet-mr's record layer: {@code MessageColumnIO}'s
 * per-field bookkeeping cost as much as the values it wrote.
 *
 * <p>{@link #writeGroup} takes a {@link RowBlock} group as it is stored (shared head and tail, one middle per row):
 * the head and tail are decoded once and their values written again on every row, which is most of a zero-filled
 * visit's columns. The string columns' statistics are computed here ({@link OwnStatisticsPageStore}), which skips
 * most of those repeated values. Not thread-safe.
 */
final class ColumnRowWriter implements Closeable {
  /** One top-level field: its column, union branch meaning null (or -1), levels, and for a list its element kind. */
  private record Field(int index, Kind kind, int nullBranch, Kind element, int maxDefinition, int column) {}

  private final Schema avro;
  private final MessageType parquet;
  private final Field[] fields;
  private final RepeatAwareValuesWriters values = new RepeatAwareValuesWriters();
  private final ParquetProperties props;
  private final ParquetFileWriter file;
  private final CodecFactory codecs;
  private final CodecFactory.BytesCompressor compressor;
  private final long rowGroupBytes;
  private final int longitude;
  private final int latitude;
  private final GeoParquet.Extent extent;
  private final AvroCursor in = new AvroCursor();
  private final Replay head = new Replay();
  private final Replay tail = new Replay();

  private ColumnChunkPageWriteStore pages;
  private ColumnWriteStore store;
  private ColumnWriter[] writers;
  /** Per column, its dictionary writer when the column is a dictionary-encoded string, else null. */
  private RepeatAwareValuesWriters.RepeatWriter[] dictionaries;
  /** Per column, the statistics computed here in place of parquet-java's ({@link OwnStatisticsPageStore}), or null. */
  private OwnStatisticsPageStore.BinaryPageStatistics[] statistics;
  /** The slot of the values being decoded ({@link RepeatAwareValuesWriters.RepeatWriter#expect}). */
  private int slot;
  private long rows;
  private long rowsForNextCheck;
  private long nextRowGroupBytes;
  private Replay recording;
  private double x;
  private double y;

  private ColumnRowWriter(OutputFile out, Schema avro, GeoParquet geo, long rowGroupBytes) throws IOException {
    this.avro = avro;
    this.parquet = new AvroSchemaConverter(new Configuration(false)).convert(avro);
    this.fields = compile(avro, parquet);
    ParquetProperties.Builder p = ParquetProperties.builder().withValuesWriterFactory(values)
        .withSizeStatisticsEnabled(ParquetFiles.SIZE_STATISTICS);
    for (Schema.Field f : avro.getFields()) {
      if (!ParquetFiles.dictionaryEncoded(f)) {
        p = p.withDictionaryEncoding(f.name(), false);
      }
    }
    for (ColumnDescriptor c : parquet.getColumns()) {
      if (OwnStatisticsPageStore.computes(c)) {
        p = p.withStatisticsEnabled(String.join(".", c.getPath()), false);
      }
    }
    this.props = p.build();
    this.rowGroupBytes = rowGroupBytes;
    this.nextRowGroupBytes = rowGroupBytes;
    this.file = new ParquetFileWriter(out, parquet, ParquetFileWriter.Mode.CREATE, rowGroupBytes,
        ParquetWriter.MAX_PADDING_SIZE_DEFAULT, props.getColumnIndexTruncateLength(),
        props.getStatisticsTruncateLength(), props.getPageWriteChecksumEnabled());
    this.codecs = new CodecFactory(new Configuration(false), props.getPageSizeThreshold());
    this.compressor = codecs.getCompressor(CompressionCodecName.ZSTD);
    this.extent = geo == null ? null : geo.extent();
    this.longitude = geo == null ? -1 : avro.getField(geo.longitudeField()).pos();
    this.latitude = geo == null ? -1 : avro.getField(geo.latitudeField()).pos();
    file.start();
    newRowGroup();
  }

  /** Whether rows of {@code schema} can be written by this writer (no nested records, no nullable array elements). */
  static boolean supports(Schema schema) {
    try {
      compile(schema, new AvroSchemaConverter(new Configuration(false)).convert(schema));
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** A writer of rows encoded with {@code schema}: zstd, row groups of {@code rowGroupBytes}, GeoParquet if given. */
  static ColumnRowWriter open(OutputFile out, Schema schema, GeoParquet geo, long rowGroupBytes) throws IOException {
    return new ColumnRowWriter(out, schema, geo, rowGroupBytes);
  }

  private static Field[] compile(Schema record, MessageType parquet) {
    List<Schema.Field> avroFields = record.getFields();
    Field[] plan = new Field[avroFields.size()];
    int column = 0;
    for (int i = 0; i < plan.length; i++) {
      Schema s = avroFields.get(i).schema();
      String name = avroFields.get(i).name();
      int nullBranch = EncodedRowWriteSupport.nullBranch(name, s);
      if (nullBranch >= 0) {
        s = s.getTypes().get(1 - nullBranch);
      }
      Kind kind = kind(name, s);
      Kind element = null;
      if (kind == Kind.LIST) {
        element = kind(name, s.getElementType());
        if (element == Kind.LIST) {
          throw new IllegalArgumentException("field " + name + ": arrays of arrays are not supported");
        }
      }
      Type top = parquet.getType(i);
      if (!top.getName().equals(name)) {
        throw new IllegalArgumentException("field " + name + " is column " + top.getName() + " in Parquet");
      }
      ColumnDescriptor leaf = parquet.getColumns().get(column);
      if (!String.join(".", leaf.getPath()).startsWith(name)
          || leaf.getMaxRepetitionLevel() != (kind == Kind.LIST ? 1 : 0)) {
        throw new IllegalArgumentException("field " + name + " is not a flat column in Parquet: " + leaf);
      }
      plan[i] = new Field(i, kind, nullBranch, element, leaf.getMaxDefinitionLevel(), column);
      column++;
    }
    if (column != parquet.getColumns().size()) {
      throw new IllegalArgumentException("the schema has nested columns: " + parquet);
    }
    return plan;
  }

  /** The kind of a field or list element: any but a nested record. */
  private static Kind kind(String name, Schema s) {
    Kind k = EncodedRowWriteSupport.kind(name, s);
    if (k == Kind.RECORD) {
      throw new IllegalArgumentException("field " + name + ": nested records are not supported");
    }
    return k;
  }

  /** Writes one encoded row. */
  void write(byte[] row) throws IOException {
    in.reset(row, 0);
    slot = 0;
    int end = decode(0, row.length, "row");
    if (end != fields.length) {
      throw wrongSchema(row.length);
    }
    endRow();
  }

  /**
   * Writes a {@link RowBlock} group's rows: {@code head + middle + tail} for each middle, where the head and tail
   * are the encodings of the first and last fields, decoded here once.
   */
  void writeGroup(byte[] payload, int headAt, int headLength, int tailAt, int tailLength, int[] middleAt,
      int[] middleLength, int middles) throws IOException {
    in.reset(payload, headAt);
    recording = head.clear();
    int firstMiddleField = decode(0, headAt + headLength, "head");
    recording = null;
    int firstTailField = -1;
    for (int m = 0; m < middles; m++) {
      head.replay(this);
      in.reset(payload, middleAt[m]);
      slot = m;
      int end = decode(firstMiddleField, middleAt[m] + middleLength[m], "middle");
      if (firstTailField < 0) {
        firstTailField = end;
        in.reset(payload, tailAt);
        recording = tail.clear();
        if (decode(firstTailField, tailAt + tailLength, "tail") != fields.length) {
          throw wrongSchema(headLength + middleLength[m] + tailLength);
        }
        recording = null;
      } else if (end != firstTailField) {
        throw wrongSchema(headLength + middleLength[m] + tailLength);
      }
      tail.replay(this);
      endRow();
    }
  }

  /** Decodes fields from {@code first} until the cursor reaches {@code limit}; returns the next field's index. */
  private int decode(int first, int limit, String part) {
    int f = first;
    try {
      while (in.position() < limit) {
        if (f >= fields.length) {
          throw new IllegalStateException("an encoded " + part + " has bytes past the last field of "
              + avro.getFullName() + ": it was not written with that schema");
        }
        field(fields[f++]);
      }
    } catch (ArrayIndexOutOfBoundsException | IllegalArgumentException e) {
      throw new IllegalStateException("an encoded " + part + " cannot be decoded with the schema "
          + avro.getFullName() + ": it was written with another schema", e);
    }
    if (in.position() != limit) {
      throw new IllegalStateException("an encoded " + part + " ends inside a field of " + avro.getFullName()
          + ": it was not written with that schema");
    }
    return f;
  }

  private IllegalStateException wrongSchema(int bytes) {
    return new IllegalStateException("an encoded row of " + bytes + " bytes does not hold every field of "
        + avro.getFullName() + ": it was not written with that schema");
  }

  private void field(Field f) {
    int d = f.maxDefinition;
    if (f.nullBranch >= 0) {
      if (in.readInt() == f.nullBranch) {
        if (f.index == longitude) {
          x = Double.NaN; // an unknown location: no point, not in the bbox
        } else if (f.index == latitude) {
          y = Double.NaN;
        }
        emitNull(f.column, f.kind == Kind.LIST ? d - 2 : d - 1, 0);
        return;
      }
    }
    switch (f.kind) {
      case BINARY -> binaryField(f.column, d);
      case INT -> emit(f.column, Kind.INT, null, in.readInt(), 0, d, 0);
      case LONG -> emit(f.column, Kind.LONG, null, in.readLong(), 0, d, 0);
      case FLOAT -> emit(f.column, Kind.FLOAT, null, in.readFixedInt(), 0, d, 0);
      case DOUBLE -> {
        double v = in.readDouble();
        if (f.index == longitude) {
          x = v;
        } else if (f.index == latitude) {
          y = v;
        }
        emit(f.column, Kind.DOUBLE, null, 0, v, d, 0);
      }
      case BOOLEAN -> emit(f.column, Kind.BOOLEAN, null, readBoolean(), 0, d, 0);
      case LIST -> list(f);
    }
  }

  private void list(Field f) {
    int r = 0;
    for (long n = in.readBlockCount(); n != 0; n = in.readBlockCount()) {
      for (long k = 0; k < n; k++) {
        switch (f.element) {
          case BINARY -> emit(f.column, Kind.BINARY, binary(f.column), 0, 0, f.maxDefinition, r);
          case INT -> emit(f.column, Kind.INT, null, in.readInt(), 0, f.maxDefinition, r);
          case LONG -> emit(f.column, Kind.LONG, null, in.readLong(), 0, f.maxDefinition, r);
          case FLOAT -> emit(f.column, Kind.FLOAT, null, in.readFixedInt(), 0, f.maxDefinition, r);
          case DOUBLE -> emit(f.column, Kind.DOUBLE, null, 0, in.readDouble(), f.maxDefinition, r);
          case BOOLEAN -> emit(f.column, Kind.BOOLEAN, null, readBoolean(), 0, f.maxDefinition, r);
          default -> throw new IllegalArgumentException("unsupported list element " + f.element);
        }
        r = 1;
      }
    }
    if (r == 0) {
      emitNull(f.column, f.maxDefinition - 1, 0); // an empty list: the list is there, no element
    }
  }

  /** Avro writes a boolean as one byte, 0 or 1. */
  private int readBoolean() {
    int v = in.array()[in.position()];
    in.skip(1);
    return v;
  }

  private Binary binary(int column) {
    int start = in.skipBytes();
    if (recording == null && statistics[column] != null) {
      statistics[column].add(-1, in.array(), start, in.position());
    }
    return Binary.fromReusedByteArray(in.array(), start, in.position() - start);
  }

  /**
   * A row's or middle's string value, announced to the column's dictionary writer with its slot (the row's place in
   * its group), then given to the column's statistics with the dictionary id it took; a head's or tail's values are
   * recorded, and replayed as the same objects on each row of the group.
   */
  private void binaryField(int column, int definition) {
    int start = in.skipBytes();
    int length = in.position() - start;
    Binary b = Binary.fromReusedByteArray(in.array(), start, length);
    if (recording != null) {
      recording.add(column, Kind.BINARY, b, 0, 0, definition, 0);
      return;
    }
    RepeatAwareValuesWriters.RepeatWriter dictionary = dictionaries[column];
    if (dictionary != null) {
      dictionary.expect(slot, in.array(), start, length);
    }
    writers[column].write(b, 0, definition);
    if (statistics[column] != null) {
      statistics[column].add(dictionary == null ? -1 : dictionary.writtenId(), in.array(), start, start + length);
    }
  }

  /** Writes one value (or records it, for a head or tail): {@code bits} holds ints, longs and floats' bits. */
  private void emit(int column, Kind kind, Binary b, long bits, double d, int definition, int repetition) {
    if (recording != null) {
      recording.add(column, kind, b, bits, d, definition, repetition);
      return;
    }
    write(writers[column], kind, b, bits, d, definition, repetition);
  }

  private void emitNull(int column, int definition, int repetition) {
    if (recording != null) {
      recording.add(column, null, null, 0, 0, definition, repetition);
      return;
    }
    writeNull(column, definition, repetition);
  }

  private void writeNull(int column, int definition, int repetition) {
    if (statistics[column] != null) {
      statistics[column].addNull();
    }
    writers[column].writeNull(repetition, definition);
  }

  /** Writes a recorded head or tail value again; its statistics skip it when nothing came between. */
  private void writeRecorded(int column, Kind kind, Binary b, long bits, double d, int definition,
      int repetition) {
    if (kind == null) {
      writeNull(column, definition, repetition);
      return;
    }
    if (kind == Kind.BINARY && statistics[column] != null) {
      statistics[column].add(b);
    }
    write(writers[column], kind, b, bits, d, definition, repetition);
  }

  private static void write(ColumnWriter w, Kind kind, Binary b, long bits, double d, int definition,
      int repetition) {
    switch (kind) {
      case BINARY -> w.write(b, repetition, definition);
      case INT -> w.write((int) bits, repetition, definition);
      case LONG -> w.write(bits, repetition, definition);
      case FLOAT -> w.write(Float.intBitsToFloat((int) bits), repetition, definition);
      case DOUBLE -> w.write(d, repetition, definition);
      case BOOLEAN -> w.write(bits != 0, repetition, definition);
      default -> throw new IllegalArgumentException("not a value kind: " + kind);
    }
  }

  private void endRow() throws IOException {
    store.endRecord();
    if (extent != null) {
      extent.add(x, y);
    }
    rows++;
    if (rows >= rowsForNextCheck) {
      checkRowGroupSize();
    }
  }

  /** As parquet-mr's record writer does: flush the row group when within two rows of its size. */
  private void checkRowGroupSize() throws IOException {
    long buffered = store.getBufferedSize();
    long perRow = buffered / rows;
    if (buffered > nextRowGroupBytes - 2 * perRow) {
      flushRowGroup();
      newRowGroup();
      rowsForNextCheck = props.getMinRowCountForPageSizeCheck();
    } else {
      rowsForNextCheck = Math.min(
          Math.max(props.getMinRowCountForPageSizeCheck(), (rows + (long) (nextRowGroupBytes / (float) perRow)) / 2),
          rows + props.getMaxRowCountForPageSizeCheck());
    }
  }

  private void newRowGroup() {
    pages = new ColumnChunkPageWriteStore(compressor, parquet, props.getAllocator(),
        props.getColumnIndexTruncateLength(), props.getPageWriteChecksumEnabled());
    List<ColumnDescriptor> columns = parquet.getColumns();
    statistics = new OwnStatisticsPageStore.BinaryPageStatistics[columns.size()];
    Map<ColumnDescriptor, OwnStatisticsPageStore.BinaryPageStatistics> own = new HashMap<>();
    for (int i = 0; i < statistics.length; i++) {
      if (OwnStatisticsPageStore.computes(columns.get(i))) {
        statistics[i] = new OwnStatisticsPageStore.BinaryPageStatistics(columns.get(i).getPrimitiveType());
        own.put(columns.get(i), statistics[i]);
      }
    }
    store = props.newColumnWriteStore(parquet, new OwnStatisticsPageStore(pages, own), pages);
    writers = new ColumnWriter[columns.size()];
    dictionaries = new RepeatAwareValuesWriters.RepeatWriter[columns.size()];
    for (int i = 0; i < writers.length; i++) {
      writers[i] = store.getColumnWriter(columns.get(i));
      dictionaries[i] = values.repeatWriter(columns.get(i));
    }
    rows = 0;
    rowsForNextCheck = props.getMinRowCountForPageSizeCheck();
  }

  private void flushRowGroup() throws IOException {
    if (rows > 0) {
      file.startBlock(rows);
      store.flush();
      pages.flushToFileWriter(file);
      file.endBlock();
      nextRowGroupBytes = Math.min(file.getNextRowGroupSize(), rowGroupBytes);
    }
    store.close();
  }

  @Override
  public void close() throws IOException {
    try {
      flushRowGroup();
      Map<String, String> meta = new HashMap<>();
      meta.put("parquet.avro.schema", avro.toString());
      meta.put(ParquetWriter.OBJECT_MODEL_NAME_PROP, "avro");
      if (extent != null) {
        meta.put(GeoParquet.KEY, extent.json());
      }
      file.end(meta);
    } finally {
      codecs.release();
    }
  }

  /** The values of a head or tail, decoded once and written again on each row of the group. */
  private static final class Replay {
    private int size;
    private int[] columns = new int[32];
    private Kind[] kinds = new Kind[32];
    private Binary[] binaries = new Binary[32];
    private long[] bits = new long[32];
    private double[] doubles = new double[32];
    private int[] definitions = new int[32];
    private int[] repetitions = new int[32];

    Replay clear() {
      size = 0;
      return this;
    }

    void add(int column, Kind kind, Binary b, long bitsValue, double d, int definition, int repetition) {
      if (size == columns.length) {
        int n = size * 2;
        columns = java.util.Arrays.copyOf(columns, n);
        kinds = java.util.Arrays.copyOf(kinds, n);
        binaries = java.util.Arrays.copyOf(binaries, n);
        bits = java.util.Arrays.copyOf(bits, n);
        doubles = java.util.Arrays.copyOf(doubles, n);
        definitions = java.util.Arrays.copyOf(definitions, n);
        repetitions = java.util.Arrays.copyOf(repetitions, n);
      }
      columns[size] = column;
      kinds[size] = kind;
      binaries[size] = b;
      bits[size] = bitsValue;
      doubles[size] = d;
      definitions[size] = definition;
      repetitions[size] = repetition;
      size++;
    }

    void replay(ColumnRowWriter to) {
      for (int i = 0; i < size; i++) {
        to.writeRecorded(columns[i], kinds[i], binaries[i], bits[i], doubles[i], definitions[i], repetitions[i]);
      }
    }
  }
}
