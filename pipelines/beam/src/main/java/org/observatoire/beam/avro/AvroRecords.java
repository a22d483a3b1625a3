package org.observatoire.beam.avro;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.observatoire.core.ingest.Outcome;
import org.observatoire.core.interpret.RestrictedLocation;
import org.observatoire.core.ingest.RawLine;
import org.observatoire.core.occurrence.Column;
import org.observatoire.core.occurrence.Occurrence;
import org.observatoire.core.occurrence.OccurrenceColumns;
import org.observatoire.core.validation.Violation;

/** Converts the core's values to the Avro records the datasets are written from. */
public final class AvroRecords {
  private static final int MAX_STACK_CHARS = 8000;

  private AvroRecords() {}

  public static GenericRecord occurrence(Occurrence o) {
    GenericData.Record r = new GenericData.Record(AvroSchemas.OCCURRENCE);
    int i = 0;
    for (Column<Occurrence> c : OccurrenceColumns.ALL) {
      Object v = c.valueOf(o);
      // Utf8 holds the UTF-8 bytes: Avro and Parquet writers then copy them instead of re-encoding the string
      r.put(i++, v instanceof String s ? new org.apache.avro.util.Utf8(s) : v);
    }
    return r;
  }

  public static GenericRecord accepted(Outcome.Accepted a) {
    GenericData.Record r = new GenericData.Record(AvroSchemas.ACCEPTED);
    r.put("submissionId", a.submissionId());
    r.put("protocol", a.protocol());
    r.put("sourceFile", a.source().file());
    r.put("sourceLine", a.source().line());
    r.put("submittedAtMillis", a.submittedAt().toEpochMilli());
    r.put("contentHash", a.contentHash());
    r.put("occurrenceCount", a.occurrences().size());
    r.put("nonTaxonRecords", a.nonTaxonRecords());
    int withoutLocation = 0;
    int withoutObserver = 0;
    for (org.observatoire.core.occurrence.Occurrence o : a.occurrences()) {
      if (o.decimalLatitude() == null || o.decimalLongitude() == null) {
        withoutLocation++;
      }
      if (o.recordedBy() == null) {
        withoutObserver++;
      }
    }
    r.put("occurrencesWithoutLocation", withoutLocation);
    r.put("occurrencesWithoutObserver", withoutObserver);
    r.put("occurrences", ByteBuffer.wrap(OccurrenceEncoding.encode(a.occurrences())));
    List<GenericRecord> restricted = new ArrayList<>(a.restricted().size());
    for (RestrictedLocation l : a.restricted()) {
      GenericData.Record lr = new GenericData.Record(AvroSchemas.RESTRICTED_LOCATION);
      lr.put("occurrenceID", l.occurrenceID());
      lr.put("taxonKey", l.taxonKey());
      lr.put("scientificName", l.scientificName());
      lr.put("decimalLatitude", l.decimalLatitude());
      lr.put("decimalLongitude", l.decimalLongitude());
      lr.put("coordinateUncertaintyInMeters", l.coordinateUncertaintyInMeters());
      lr.put("generalisationMeters", l.generalisationMeters());
      lr.put("publishedOccurrenceID", l.publishedOccurrenceID());
      lr.put("eventID", l.eventID());
      lr.put("locationID", l.locationID());
      restricted.add(lr);
    }
    r.put("restricted", restricted);
    r.put("visit", visit(a.visit()));
    r.put("siteKeys", a.siteKeys());
    r.put("generalisationMeters", a.generalisationMeters());
    return r;
  }

  private static final java.lang.reflect.RecordComponent[] COMPONENTS = Occurrence.class.getRecordComponents();
  private static final java.lang.reflect.Constructor<Occurrence> CANONICAL = canonical();

  private static java.lang.reflect.Constructor<Occurrence> canonical() {
    // the occurrence schema lists the record's components in order (OccurrenceColumns; "class" is taxonClass)
    List<org.apache.avro.Schema.Field> fields = AvroSchemas.OCCURRENCE.getFields();
    for (int i = 0; i < COMPONENTS.length; i++) {
      String name = COMPONENTS[i].getName();
      if (!fields.get(i).name().equals("taxonClass".equals(name) ? "class" : name)) {
        throw new IllegalStateException("occurrence column " + i + " is " + fields.get(i).name() + ", not " + name);
      }
    }
    try {
      return Occurrence.class.getDeclaredConstructor(java.util.Arrays.stream(COMPONENTS)
          .map(java.lang.reflect.RecordComponent::getType).toArray(Class<?>[]::new));
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The core value of an occurrence row decoded from a block ({@link #occurrencesOf}). */
  public static Occurrence occurrenceOf(GenericRecord row) {
    Object[] args = new Object[COMPONENTS.length];
    for (int i = 0; i < args.length; i++) {
      Object v = row.get(i);
      if (v instanceof CharSequence cs) {
        v = cs.toString();
      } else if (v instanceof List<?> l) {
        v = l.stream().map(Object::toString).toList();
      }
      args[i] = v;
    }
    try {
      return CANONICAL.newInstance(args);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot rebuild an occurrence row", e);
    }
  }

  /** The restricted locations of an accepted-submission record. */
  public static List<RestrictedLocation> restrictedOf(GenericRecord accepted) {
    @SuppressWarnings("unchecked")
    List<GenericRecord> rs = (List<GenericRecord>) accepted.get("restricted");
    List<RestrictedLocation> out = new ArrayList<>(rs.size());
    for (GenericRecord l : rs) {
      out.add(new RestrictedLocation(l.get("occurrenceID").toString(), str(l.get("taxonKey")),
          str(l.get("scientificName")), (Double) l.get("decimalLatitude"), (Double) l.get("decimalLongitude"),
          (Double) l.get("coordinateUncertaintyInMeters"), (Integer) l.get("generalisationMeters"),
          str(l.get("publishedOccurrenceID")), str(l.get("eventID")), str(l.get("locationID"))));
    }
    return out;
  }

  /**
   * A copy of an accepted-submission record with its occurrences, restricted locations and visit replaced (a
   * generalised event).
   */
  public static GenericRecord withEvent(GenericRecord accepted, List<org.observatoire.core.occurrence.Occurrence> rows,
      List<RestrictedLocation> restricted, org.observatoire.core.visits.Visit visit, int generalisationMeters) {
    Outcome.Accepted a = new Outcome.Accepted(
        new org.observatoire.core.ingest.SourceRef(accepted.get("sourceFile").toString(),
            (Long) accepted.get("sourceLine")),
        accepted.get("submissionId").toString(), accepted.get("protocol").toString(), 0,
        java.time.Instant.ofEpochMilli((Long) accepted.get("submittedAtMillis")), accepted.get("contentHash").toString(),
        rows, restricted, visit, (Integer) accepted.get("nonTaxonRecords"), siteKeysOf(accepted), generalisationMeters);
    return accepted(a);
  }

  /** The site keys of an accepted-submission record (restricted). */
  public static List<String> siteKeysOf(GenericRecord accepted) {
    Object keys = accepted.get("siteKeys");
    if (keys == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (Object k : (List<?>) keys) {
      out.add(k.toString());
    }
    return out;
  }

  private static GenericRecord visit(org.observatoire.core.visits.Visit v) {
    if (v == null) {
      return null;
    }
    GenericData.Record r = new GenericData.Record(AvroSchemas.VISIT);
    r.put("eventID", v.eventID());
    r.put("locationID", v.locationID());
    r.put("eventDate", v.eventDate());
    r.put("year", v.year());
    r.put("month", v.month());
    r.put("startTime", v.startTime());
    r.put("durationMinutes", v.durationMinutes());
    r.put("pointCount", v.pointCount());
    r.put("transectLengthMeters", v.transectLengthMeters());
    r.put("siteLatitude", v.siteLatitude());
    r.put("siteLongitude", v.siteLongitude());
    r.put("completeList", v.completeList());
    r.put("samplingProtocol", v.samplingProtocol());
    r.put("sampleSizeMinutes", v.sampleSizeMinutes());
    r.put("samplingEffort", v.samplingEffort());
    r.put("submissionId",
        org.observatoire.core.privacy.ReleaseIds.isOpaque(v.submissionId()) ? v.submissionId() : null);
    return r;
  }

  /** The visit of a kept accepted-submission record (null only for records made before visits were described). */
  public static org.observatoire.core.visits.Visit visitOf(GenericRecord accepted) {
    GenericRecord v = (GenericRecord) accepted.get("visit");
    if (v == null) {
      return null;
    }
    Object published = v.getSchema().getField("submissionId") == null ? null : v.get("submissionId");
    return new org.observatoire.core.visits.Visit(v.get("eventID").toString(), accepted.get("protocol").toString(),
        published != null ? published.toString() : accepted.get("submissionId").toString(), str(v.get("locationID")),
        v.get("eventDate").toString(),
        (Integer) v.get("year"), (Integer) v.get("month"), str(v.get("startTime")), (Double) v.get("durationMinutes"),
        (Integer) v.get("pointCount"), (Integer) v.get("transectLengthMeters"), (Double) v.get("siteLatitude"),
        (Double) v.get("siteLongitude"), (Boolean) v.get("completeList"), str(v.get("samplingProtocol")),
        (Double) v.get("sampleSizeMinutes"), str(v.get("samplingEffort")));
  }

  private static String str(Object o) {
    return o == null ? null : o.toString();
  }

  private static final org.apache.avro.generic.GenericDatumReader<List<GenericRecord>> ARRAY_READER =
      new org.apache.avro.generic.GenericDatumReader<>(AvroSchemas.OCCURRENCE_ARRAY);



  /** The occurrence rows of an accepted-submission record. */
  public static List<GenericRecord> occurrencesOf(GenericRecord accepted) {
    ByteBuffer b = ((ByteBuffer) accepted.get("occurrences")).duplicate();
    byte[] bytes = new byte[b.remaining()];
    b.get(bytes);
    try {
      return ARRAY_READER.read(null, org.apache.avro.io.DecoderFactory.get().binaryDecoder(bytes, null));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("corrupt occurrence block", e);
    }
  }

  /** Restricted: a rejected line's bytes. */
  public static GenericRecord rawLine(Outcome.Rejected x) {
    GenericData.Record r = new GenericData.Record(AvroSchemas.RAW_LINE);
    r.put("sourceFile", x.source().file());
    r.put("sourceLine", x.source().line());
    r.put("submissionId", x.submissionId());
    r.put("byteLength", x.byteLength());
    r.put("truncated", x.byteLength() > x.raw().length);
    r.put("rawBytes", ByteBuffer.wrap(x.raw()));
    return r;
  }

  public static GenericRecord rejected(Outcome.Rejected x) {
    GenericData.Record r = new GenericData.Record(AvroSchemas.REJECTED);
    r.put("submissionId", x.submissionId());
    r.put("protocol", x.protocol());
    r.put("protocolVersion", x.protocolVersion());
    r.put("sourceFile", x.source().file());
    r.put("sourceLine", x.source().line());
    r.put("byteLength", x.byteLength());
    r.put("truncated", x.byteLength() > x.raw().length);
    r.put("submission", x.publicText());
    r.put("violationCodes", x.codes());
    List<GenericRecord> vs = new ArrayList<>(x.violations().size());
    for (Violation v : x.violations()) {
      GenericData.Record vr = new GenericData.Record(AvroSchemas.VIOLATION);
      vr.put("code", v.code());
      vr.put("pointer", v.pointer());
      vr.put("message", v.message());
      vs.add(vr);
    }
    r.put("violations", vs);
    return r;
  }

  public static GenericRecord deadLetter(RawLine line, String stage, Throwable error) {
    GenericData.Record r = new GenericData.Record(AvroSchemas.DEAD_LETTER);
    r.put("sourceFile", line.source().file());
    r.put("sourceLine", line.source().line());
    r.put("stage", stage);
    r.put("errorType", error.getClass().getName());
    r.put("errorMessage", error.getMessage());
    StringWriter trace = new StringWriter();
    error.printStackTrace(new PrintWriter(trace));
    String t = trace.toString();
    r.put("stackTrace", t.length() > MAX_STACK_CHARS ? t.substring(0, MAX_STACK_CHARS) : t);
    r.put("rawBytes", ByteBuffer.wrap(line.bytes()));
    return r;
  }

  public static GenericRecord duplicate(GenericRecord loser, GenericRecord kept, String reason) {
    GenericData.Record r = new GenericData.Record(AvroSchemas.DUPLICATE);
    r.put("submissionId", loser.get("submissionId").toString());
    r.put("protocol", loser.get("protocol").toString());
    r.put("sourceFile", loser.get("sourceFile").toString());
    r.put("sourceLine", loser.get("sourceLine"));
    r.put("keptSourceFile", kept.get("sourceFile").toString());
    r.put("keptSourceLine", kept.get("sourceLine"));
    r.put("reason", reason);
    return r;
  }
}
