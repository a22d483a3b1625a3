package org.observatoire.beam.avro;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;
import org.observatoire.beam.io.RowBlock;

/**
 * The byte-level route from an occurrence block to the occurrence files' rows gives, for every accepted sample
 * submission, exactly what decoding the block into records and encoding each file row with Avro's own writer gives:
 * the same bytes, the same partition folder, the same sort key.
 */
class OccurrenceFileRowsTest {
  private static final List<String> SORT = List.of("scientificName", "eea10km", "eventDate");

  private static byte[] avroFileRow(GenericRecord full) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder e = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(AvroSchemas.OCCURRENCE_FILE).write(RecordFileRows.fileRow(full), e);
    e.flush();
    return out.toByteArray();
  }

  @Test
  void givesTheRowsDecodingAndReencodingWouldGive() throws Exception {
    OccurrenceFileRows encode = OccurrenceFileRows.sortedBy(SORT);
    int rows = 0;
    int withNullSortColumn = 0;
    for (SampleAccepted.Block s : SampleAccepted.blocks()) {
      List<RowBlock> got = new ArrayList<>();
      encode.rows(s.bytes(), got::add);
      assertThat(s.at(), got.size(), equalTo(s.rows().size()));
      for (int i = 0; i < got.size(); i++) {
        GenericRecord full = s.rows().get(i);
        RowBlock b = got.get(i);
        String at = s.at() + " row " + i;
        assertThat(at, b.destination(), equalTo(RecordFileRows.partition(full)));
        assertThat(at, b.rowCount(), equalTo(1));
        Object[] keys = SORT.stream().map(full::get).toArray();
        assertThat(at + " key", Arrays.equals(b.sortKey(), RowBlock.key(keys)), equalTo(true));
        byte[][] row = new byte[1][];
        b.forEachRow(r -> row[0] = r);
        assertThat(at + " bytes", Arrays.equals(row[0], avroFileRow(full)), equalTo(true));
        rows++;
        withNullSortColumn += Arrays.asList(keys).contains(null) ? 1 : 0;
      }
    }
    assertThat(rows, greaterThan(200));
    assertThat("the sample has rows without a scientific name", withNullSortColumn, greaterThan(0));
  }

  @Test
  void refusesASortColumnThatIsNotAStoredString() {
    assertThrows(IllegalArgumentException.class, () -> OccurrenceFileRows.sortedBy(List.of("year")));
    assertThrows(IllegalArgumentException.class, () -> OccurrenceFileRows.sortedBy(List.of("individualCount")));
  }
}
