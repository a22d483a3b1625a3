package org.observatoire.beam.avro;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;
import org.observatoire.beam.transforms.ProcessingConfig;
import org.observatoire.core.ingest.Outcome;
import org.observatoire.core.ingest.RawLine;
import org.observatoire.core.ingest.SourceRef;
import org.observatoire.core.occurrence.Occurrence;
import org.observatoire.core.samples.SampleData;

/**
 * The direct occurrence encoding writes, for every accepted sample submission of every protocol (flags, nulls,
 * generalised locations, empty lists), the very bytes Avro's own {@code GenericDatumWriter} writes for the same rows,
 * and they read back as the same records.
 */
class OccurrenceEncodingTest {
  private static final ProcessingConfig CONFIG =
      ProcessingConfig.of(Instant.parse("2026-11-23T00:00:00Z"), 1 << 20, null, true, null);

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
    try (Stream<Path> files = Files.walk(SampleData.root().resolve("submissions"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
        int n = 0;
        for (String line : Files.readAllLines(f)) {
          Outcome o = CONFIG.processor().process(RawLine.of(SourceRef.of(f.getFileName().toString(), ++n),
              line.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
          if (o instanceof Outcome.Accepted a) {
            byte[] direct = OccurrenceEncoding.encode(a.occurrences());
            assertThat(f + ":" + n, Arrays.equals(direct, avroWriter(a.occurrences())), equalTo(true));
            GenericRecord accepted = AvroRecords.accepted(a);
            assertThat(f + ":" + n, AvroRecords.occurrencesOf(accepted).size(), equalTo(a.occurrences().size()));
            submissions++;
            rows += a.occurrences().size();
          }
        }
      }
    }
    assertThat(submissions, greaterThan(40));
    assertThat(rows, greaterThan(200));
    assertThat("an empty submission encodes as Avro does", Arrays.equals(OccurrenceEncoding.encode(List.of()),
        avroWriter(List.of())), equalTo(true));
  }
}
