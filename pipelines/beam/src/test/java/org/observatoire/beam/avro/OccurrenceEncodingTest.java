package org.observatoire.beam.avro;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;
import org.observatoire.core.ingest.Outcome;
import org.observatoire.core.occurrence.Occurrence;

/**
 * The direct occurrence encoding writes, for every accepted sample submission of every protocol (flags, nulls,
 * generalised locations, empty lists), the very bytes Avro's own {@code GenericDatumWriter} writes for the same rows,
 * and they read back as the same records.
 */
class OccurrenceEncodingTest {
  private static byte[] avroWriter(List<Occurrence> rows) throws Exception {
    List<GenericRecord> records = new ArrayList<>();
    for (Occurrence o : rows) {
      records.add(AvroRecords.occurrence(o));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder e = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<List<GenericRecord>>(AvroSchemas.OCCURRENCE_ARRAY).write(records, e);
    e.flush();
    return out.toByteArray();
  }

  @Test
  void writesTheBytesAvrosOwnWriterWrites() throws Exception {
    int submissions = 0;
    int rows = 0;
    for (SampleAccepted.Submission s : SampleAccepted.all()) {
      Outcome.Accepted a = s.accepted();
      byte[] direct = OccurrenceEncoding.encode(a.occurrences());
      assertThat(s.at(), Arrays.equals(direct, avroWriter(a.occurrences())), equalTo(true));
      GenericRecord accepted = AvroRecords.accepted(a);
      assertThat(s.at(), AvroRecords.occurrencesOf(accepted).size(), equalTo(a.occurrences().size()));
      submissions++;
      rows += a.occurrences().size();
    }
    assertThat(submissions, greaterThan(40));
    assertThat(rows, greaterThan(200));
    assertThat("an empty submission encodes as Avro does", Arrays.equals(OccurrenceEncoding.encode(List.of()),
        avroWriter(List.of())), equalTo(true));
  }

  /** The thread's kept buffer: a block past its limit, then small ones, each exactly its own bytes. */
  @Test
  void aLargeBlockBetweenSmallOnesLeavesNothingBehind() throws Exception {
    List<Occurrence> small = SampleAccepted.all().get(0).accepted().occurrences();
    List<Occurrence> large = new ArrayList<>();
    while (OccurrenceEncoding.encode(large).length <= 1 << 20) {
      for (SampleAccepted.Submission s : SampleAccepted.all()) {
        large.addAll(s.accepted().occurrences());
      }
    }
    for (List<Occurrence> rows : List.of(small, large, small, List.<Occurrence>of(), large, small)) {
      assertThat(rows.size() + " rows", Arrays.equals(OccurrenceEncoding.encode(rows), avroWriter(rows)),
          equalTo(true));
    }
  }
}
