package org.observatoire.beam.avro;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.observatoire.beam.parquet.PointWkb;
import org.observatoire.beam.parquet.RowBlock;
import org.observatoire.core.visits.ProtocolLists;
import org.observatoire.core.visits.Visit;
import org.observatoire.core.visits.VisitPlace;

/**
 * A visit's event row ({@link AvroSchemas#EVENT_FILE}) as a one-row {@link RowBlock}, under its protocol and year,
 * sorted like the zero-filled visits were: by EEA 10 km cell, site, date and eventID. Not thread-safe: one per DoFn
 * instance.
 */
public final class EventRows {
  private static final Schema SCHEMA = AvroSchemas.EVENT_FILE;

  private final GenericDatumWriter<GenericRecord> writer = new GenericDatumWriter<>(SCHEMA);
  private final RowBytes bytes = new RowBytes(512);
  private BinaryEncoder encoder;

  private EventRows() {}

  public static EventRows create() {
    return new EventRows();
  }

  /** The event row of {@code v} at {@code place}, with {@code occurrences} public rows; lists give its list. */
  public RowBlock block(Visit v, VisitPlace place, int occurrences, ProtocolLists lists) {
    GenericRecord r = record(v, place, occurrences, lists);
    bytes.reset();
    encoder = EncoderFactory.get().directBinaryEncoder(bytes, encoder);
    try {
      writer.write(r, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return RowBlock.ofRows("protocol=" + v.protocol() + "/year=" + v.year(),
        List.of(RowBlock.key(place.eea10km(), v.locationID(), v.eventDate(), v.eventID())),
        List.of(bytes.toByteArray()));
  }

  /** The event row as a record of {@link AvroSchemas#EVENT_FILE}. */
  public static GenericRecord record(Visit v, VisitPlace place, int occurrences, ProtocolLists lists) {
    GenericData.Record r = new GenericData.Record(SCHEMA);
    putVisitColumns(r, v, place);
    r.put("samplingProtocol", v.samplingProtocol());
    r.put("sampleSizeValue", v.sampleSizeMinutes());
    r.put("sampleSizeUnit", v.sampleSizeMinutes() == null ? null : "minutes");
    r.put("samplingEffort", v.samplingEffort());
    ProtocolLists.Source source = v.completeList() ? lists.source(v.protocol()) : null;
    r.put("completeList", source != null);
    r.put("checklistId", source == null ? null : source.checklistId());
    r.put("checklistVersion", source == null ? null : source.checklistVersion());
    r.put("taxaListed", source == null ? null : lists.list(v.protocol()).size());
    r.put("occurrenceCount", occurrences);
    return r;
  }

  /** The columns events and zero-filled visits share: the visit's ids, time, effort, public place and point. */
  static void putVisitColumns(GenericData.Record r, Visit v, VisitPlace place) {
    r.put("eventID", v.eventID());
    r.put("submissionId", v.submissionId());
    r.put("locationID", v.locationID());
    r.put("eventDate", v.eventDate());
    r.put("month", v.month());
    r.put("eventTime", v.startTime());
    r.put("durationMinutes", v.durationMinutes());
    r.put("pointCount", v.pointCount());
    r.put("transectLengthMeters", v.transectLengthMeters());
    r.put("decimalLatitude", place.decimalLatitude());
    r.put("decimalLongitude", place.decimalLongitude());
    r.put("coordinateUncertaintyInMeters", place.coordinateUncertaintyInMeters());
    r.put("locationGeneralised", place.generalised());
    r.put("eea10km", place.eea10km());
    r.put("inpn10km", place.inpn10km());
    r.put("geometry", place.decimalLatitude() == null || place.decimalLongitude() == null ? null
        : PointWkb.of(place.decimalLongitude(), place.decimalLatitude()));
  }
}
