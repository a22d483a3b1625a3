package org.observatoire.core.csv;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The project's CSV reading and writing, on Jackson's CSV module: RFC 4180 records (quoted fields, doubled quotes,
 * quoted fields spanning lines, CRLF or LF), a configurable separator, a byte-order mark before the first record
 * dropped, blank lines skipped. Used for the reference files shipped with the core and for {@code locate}'s files.
 */
public final class CsvRows {
  private static final CsvMapper MAPPER = CsvMapper.builder()
      .enable(CsvParser.Feature.WRAP_AS_ARRAY)
      .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
      .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
      .build();

  private CsvRows() {}

  /** Reads every non-blank record (the header included) into lists of fields. */
  public static List<List<String>> read(Reader reader, char separator) {
    return readAll(reader, schema(separator));
  }

  /** As {@link #read}, lines starting with {@code #} being comments. */
  public static List<List<String>> readSkippingComments(Reader reader, char separator) {
    return readAll(reader, schema(separator).withComments());
  }

  private static List<List<String>> readAll(Reader reader, CsvSchema schema) {
    List<List<String>> rows = new ArrayList<>();
    try (Records records = new Records(reader, schema)) {
      records.forEachRemaining(rows::add);
    }
    return rows;
  }

  /** The non-blank records of {@code reader} one at a time (the header first); close it to close the reader. */
  public static Records records(Reader reader, char separator) {
    return new Records(reader, schema(separator));
  }

  /**
   * One record as a line of text (no line end), fields quoted where they hold the separator, a quote or a line break;
   * a null field is written empty.
   */
  public static String line(List<String> fields, char separator) {
    String[] values = new String[fields.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = fields.get(i) == null ? "" : fields.get(i);
    }
    try {
      String text = writer(separator).writeValueAsString(values);
      return text.substring(0, text.length() - 1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Quotes a field for writing when it contains the separator, a quote or a line break. */
  public static String quote(String value, char separator) {
    return line(List.of(value), separator);
  }

  private static ObjectWriter writer(char separator) {
    return MAPPER.writerFor(String[].class).with(schema(separator).withLineSeparator("\n"));
  }

  private static CsvSchema schema(char separator) {
    return CsvSchema.emptySchema().withColumnSeparator(separator).withQuoteChar('"');
  }

  /** An iterator over records that must be closed. */
  public static final class Records implements Iterator<List<String>>, AutoCloseable {
    private final MappingIterator<List<String>> it;

    private Records(Reader reader, CsvSchema schema) {
      try {
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        in.mark(1);
        if (in.read() != '\uFEFF') {
          in.reset();
        }
        ObjectReader r = MAPPER.readerForListOf(String.class).with(schema);
        this.it = r.readValues(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public boolean hasNext() {
      try {
        return it.hasNextValue();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public List<String> next() {
      try {
        return List.copyOf(it.nextValue());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() {
      try {
        it.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
