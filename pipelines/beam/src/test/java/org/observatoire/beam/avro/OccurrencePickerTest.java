package org.observatoire.beam.avro;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.Test;

/**
 * Picking columns from the bytes gives, for every row of every accepted sample submission, the values that decoding
 * the block into records gives: every column of the occurrences (the flags as a list), in an order unlike the schema's.
 */
class OccurrencePickerTest {
  @Test
  void givesTheValuesDecodingWouldGive() throws Exception {
    List<String> columns = new ArrayList<>();
    for (Schema.Field f : AvroSchemas.OCCURRENCE.getFields()) {
      columns.add(0, f.name()); // reversed
    }
    OccurrencePicker picker = OccurrencePicker.of(columns);
    int rows = 0;
    int nulls = 0;
    int flagged = 0;
    for (SampleAccepted.Block s : SampleAccepted.blocks()) {
      List<Object[]> got = new ArrayList<>();
      picker.rows(s.bytes(), got::add);
      assertThat(s.at(), got.size(), equalTo(s.rows().size()));
      for (int i = 0; i < got.size(); i++) {
        for (int c = 0; c < columns.size(); c++) {
          Object want = s.rows().get(i).get(columns.get(c));
          if (want instanceof Utf8 u) {
            want = u.toString();
          } else if (want instanceof List<?> l) {
            want = l.stream().map(Object::toString).toList();
            flagged += l.isEmpty() ? 0 : 1;
          }
          nulls += want == null ? 1 : 0;
          assertThat(s.at() + " row " + i + " " + columns.get(c), got.get(i)[c], equalTo(want));
        }
        rows++;
      }
    }
    assertThat(rows, greaterThan(200));
    assertThat(nulls, greaterThan(0));
    assertThat("rows with flags", flagged, greaterThan(0));
  }

  @Test
  void refusesUnknownAndRepeatedColumns() {
    assertThrows(IllegalArgumentException.class, () -> OccurrencePicker.of(List.of("nope")));
    assertThrows(IllegalArgumentException.class, () -> OccurrencePicker.of(List.of("year", "year")));
  }
}
