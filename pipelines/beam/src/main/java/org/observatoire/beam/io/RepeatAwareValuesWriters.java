package org.observatoire.beam.io;

import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.values.ValuesWriter;
import org.apache.parquet.column.values.dictionary.DictionaryValuesWriter;
import org.apache.parquet.column.values.factory.DefaultV1ValuesWriterFactory;
import org.apache.parquet.column.values.factory.ValuesWriterFactory;
import org.apache.parquet.column.values.fallback.FallbackValuesWriter;
import org.apache.parquet.column.values.plain.PlainValuesWriter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.PrimitiveType;

/**
 * parquet-mr's Parquet 1.0 values writers, except that a dictionary-encoded string column remembers the last value
 * it was given: the same {@link Binary} object again (a visit's own columns, written once per row of the visit by
 * {@link ColumnRowWriter}) takes its dictionary id without hashing and comparing its bytes. Half of the visits'
 * writing time went to those look-ups. Anything else, and any other object, goes the usual way; the encodings, the
 * dictionary and the fallback to plain encoding are parquet-mr's.
 */
final class RepeatAwareValuesWriters implements ValuesWriterFactory {
  private final DefaultV1ValuesWriterFactory defaults = new DefaultV1ValuesWriterFactory();
  private ParquetProperties props;

  @Override
  public void initialize(ParquetProperties properties) {
    this.props = properties;
    defaults.initialize(properties);
  }

  @Override
  public ValuesWriter newValuesWriter(ColumnDescriptor column) {
    if (column.getPrimitiveType().getPrimitiveTypeName() != PrimitiveType.PrimitiveTypeName.BINARY
        || !props.isDictionaryEnabled(column)) {
      return defaults.newValuesWriter(column);
    }
    // as DefaultV1ValuesWriterFactory builds it for a binary column: dictionary, falling back to plain
    return FallbackValuesWriter.of(
        new LastValueDictionaryWriter(props.getDictionaryPageSizeThreshold(), Encoding.PLAIN_DICTIONARY,
            Encoding.PLAIN_DICTIONARY, props),
        new PlainValuesWriter(props.getInitialSlabSize(), props.getPageSizeThreshold(), props.getAllocator()));
  }

  /** A binary dictionary writer that knows the id of the last object it wrote. */
  static final class LastValueDictionaryWriter extends DictionaryValuesWriter.PlainBinaryDictionaryValuesWriter {
    private Binary last;
    private int lastId;

    LastValueDictionaryWriter(int maxDictionaryByteSize, Encoding dataPage, Encoding dictionaryPage,
        ParquetProperties props) {
      super(maxDictionaryByteSize, dataPage, dictionaryPage, props.getAllocator());
    }

    @Override
    public void writeBytes(Binary v) {
      if (v == last) {
        encodedValues.add(lastId);
        return;
      }
      // parquet-mr's own steps (PlainBinaryDictionaryValuesWriter.writeBytes), keeping the id
      int id = binaryDictionaryContent.getInt(v);
      if (id == -1) {
        id = binaryDictionaryContent.size();
        binaryDictionaryContent.put(v.copy(), id);
        dictionaryByteSize += 4L + v.length();
      }
      encodedValues.add(id);
      last = v;
      lastId = id;
    }

    @Override
    protected void clearDictionaryContent() {
      super.clearDictionaryContent();
      last = null;
    }
  }
}
