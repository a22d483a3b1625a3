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
import org.observatoire.beam.parquet.RowBlock;

/**
 * The byte-level route from an occurrence block to the occurrence files' rows gives, for every accepted sample
 * submission, exactly what decoding the block into records and encoding each file row with Avro's own writer gives:
 * the same bytes, the same partition folder, the same sort key, with the rows of one folder in one block.
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
      assertThat(s.at() + ": one block per destination", got.size(),
          equalTo((int) s.rows().stream().map(RecordFileRows::partition).distinct().count()));
      int seen = 0;
      for (RowBlock b : got) {
        List<GenericRecord> expected = s.rows().stream()
            .filter(r -> RecordFileRows.partition(r).equals(b.destination())).toList();
        List<byte[]> bytes = new ArrayList<>();
        b.forEachRow(bytes::add);
        assertThat(s.at() + " " + b.destination() + " rows", bytes.size(), equalTo(expected.size()));
        assertThat(b.groups(), equalTo(expected.size()));
        assertThat(b.rowCount(), equalTo(expected.size()));
        for (int g = 0; g < b.groups(); g++) {
          GenericRecord full = expected.get(g);
          String at = s.at() + " " + b.destination() + " row " + g;
          Object[] keys = SORT.stream().map(full::get).toArray();
          assertThat(at + " key", Arrays.equals(b.sortKey(g), RowBlock.key(keys)), equalTo(true));
          assertThat(at + " bytes", Arrays.equals(bytes.get(g), avroFileRow(full)), equalTo(true));
          rows++;
          withNullSortColumn += Arrays.asList(keys).contains(null) ? 1 : 0;
        }
        seen += bytes.size();
      }
      assertThat(s.at() + ": every row", seen, equalTo(s.rows().size()));
    }
    assertThat(rows, greaterThan(200));
    assertThat("the sample has rows without a scientific name", withNullSortColumn, greaterThan(0));
  }

  /** Rows at an unknown place (null coordinates, cells, observer) get a null geometry, byte for byte as Avro writes. */
  @Test
  void rowsWithoutALocationGetANullGeometry() throws Exception {
    List<org.observatoire.core.occurrence.Occurrence> rows = new ArrayList<>();
    for (org.observatoire.core.occurrence.Occurrence o : SampleAccepted.all().get(0).accepted().occurrences()) {
      rows.add(o);
      rows.add(o.toBuilder().occurrenceID(o.occurrenceID() + "-unlocated").decimalLatitude(null)
          .decimalLongitude(null).eea10km(null).inpn10km(null).eea1km(null).locationID(null).recordedBy(null).build());
    }
    byte[] block = OccurrenceEncoding.encode(rows);
    List<GenericRecord> full = new org.apache.avro.generic.GenericDatumReader<List<GenericRecord>>(
        AvroSchemas.OCCURRENCE_ARRAY).read(null, org.apache.avro.io.DecoderFactory.get().binaryDecoder(block, null));
    List<byte[]> bytes = new ArrayList<>();
    OccurrenceFileRows.sortedBy(SORT).rows(java.nio.ByteBuffer.wrap(block), b -> b.forEachRow(bytes::add));
    assertThat(bytes.size(), equalTo(rows.size()));
    int nullGeometry = 0;
    for (int i = 0; i < rows.size(); i++) {
      assertThat("row " + i, Arrays.equals(bytes.get(i), avroFileRow(full.get(i))), equalTo(true));
      nullGeometry += RecordFileRows.fileRow(full.get(i)).get("geometry") == null ? 1 : 0;
    }
    assertThat(nullGeometry, equalTo(rows.size() / 2));
  }

  @Test
  void refusesASortColumnThatIsNotAStoredString() {
    assertThrows(IllegalArgumentException.class, () -> OccurrenceFileRows.sortedBy(List.of("year")));
    assertThrows(IllegalArgumentException.class, () -> OccurrenceFileRows.sortedBy(List.of("individualCount")));
  }
}
