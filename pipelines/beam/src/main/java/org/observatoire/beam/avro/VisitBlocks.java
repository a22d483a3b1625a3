package org.observatoire.beam.avro;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.Encoder;
import org.apache.avro.io.EncoderFactory;
import org.observatoire.beam.parquet.PointWkb;
import org.observatoire.beam.parquet.RowBlock;
import org.observatoire.core.visits.ListedTaxon;
import org.observatoire.core.visits.Visit;
import org.observatoire.core.visits.VisitPlace;
import org.observatoire.core.visits.ZeroFill;

/**
 * One visit's zero-filled rows ({@link ZeroFill}) as a {@link RowBlock} of {@link AvroSchemas#VISIT_FILE} rows: the
 * visit's columns and its point are encoded once, the taxon columns ({@code taxonKey} … {@code occurrenceStatus})
 * once per row. Blocks sort by EEA 10 km cell, site, date and visit, so that a file's rows come visit by visit and
 * the visit's columns form runs. Not thread-safe: one per DoFn instance.
 */
public final class VisitBlocks {
  private static final Schema SCHEMA = AvroSchemas.VISIT_FILE;
  private static final int FIRST_TAXON_FIELD = SCHEMA.getField("taxonKey").pos();
  private static final int END_TAXON_FIELDS = SCHEMA.getField("occurrenceStatus").pos() + 1;

  /** Bound of {@link #absent}: the protocols' lists hold some hundreds of taxa in all. */
  private static final int MAX_CACHED_TAXA = 10_000;

  private final FieldWriter writer = new FieldWriter();
  /**
   * The encoded taxon fields of a listed taxon's zero row (absent, count 0), the same bytes on every visit that did
   * not report it: most of a visit's rows. Copied into each block's payload, never changed.
   */
  private final Map<ListedTaxon, byte[]> absent = new HashMap<>();
  private final RowBytes bytes = new RowBytes(256);
  private BinaryEncoder encoder;

  private VisitBlocks() {}

  public static VisitBlocks create() {
    return new VisitBlocks();
  }

  /** The block of one visit's rows (all of the same visit, in the list's order); none for an empty list. */
  public RowBlock block(List<ZeroFill.Row> rows) {
    if (rows.isEmpty()) {
      return null;
    }
    ZeroFill.Row first = rows.get(0);
    Visit v = first.visit();
    GenericData.Record r = new GenericData.Record(SCHEMA);
    EventRows.putVisitColumns(r, v, new VisitPlace(first.decimalLatitude(), first.decimalLongitude(),
        first.coordinateUncertaintyInMeters(), first.eea10km(), first.inpn10km(), first.locationGeneralised()));
    byte[] head = encode(r, 0, FIRST_TAXON_FIELD);
    byte[] tail = encode(r, END_TAXON_FIELDS, SCHEMA.getFields().size());
    List<byte[]> middles = new ArrayList<>(rows.size());
    for (ZeroFill.Row row : rows) {
      if (row.visit() != v) {
        throw new IllegalArgumentException("rows of two visits in one block: " + v.eventID() + " and "
            + row.visit().eventID());
      }
      boolean zero = !row.present() && row.individualCount() == 0;
      byte[] middle = zero ? absent.get(row.taxon()) : null;
      if (middle == null) {
        r.put("taxonKey", row.taxon().taxonKey());
        r.put("scientificName", row.taxon().scientificName());
        r.put("vernacularName", row.taxon().vernacularName());
        r.put("individualCount", row.individualCount());
        r.put("occurrenceStatus", row.present() ? "present" : "absent");
        middle = encode(r, FIRST_TAXON_FIELD, END_TAXON_FIELDS);
        if (zero && absent.size() < MAX_CACHED_TAXA) {
          absent.put(row.taxon(), middle);
        }
      }
      middles.add(middle);
    }
    String destination = "protocol=" + v.protocol() + "/year=" + v.year();
    return RowBlock.of(destination, RowBlock.key(first.eea10km(), v.locationID(), v.eventDate(), v.eventID()),
        head, middles, tail);
  }

  /** Fields {@code from} (inclusive) to {@code to} (exclusive) of {@code r}, Avro binary. */
  private byte[] encode(GenericData.Record r, int from, int to) {
    bytes.reset();
    encoder = EncoderFactory.get().directBinaryEncoder(bytes, encoder);
    try {
      for (int i = from; i < to; i++) {
        writer.field(SCHEMA.getFields().get(i).schema(), r.get(i), encoder);
      }
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Avro's own value encoding (unions resolved as the datum writer does), one field at a time. */
  private static final class FieldWriter extends GenericDatumWriter<Object> {
    FieldWriter() {
      super(SCHEMA);
    }

    void field(Schema schema, Object value, Encoder out) throws IOException {
      write(schema, value, out);
    }
  }
}
