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
 * the block into records gives: every scalar column of the occurrences, picked in an order unlike the schema's.
 */
class OccurrencePickerTest {
  @Test
  void givesTheValuesDecodingWouldGive() throws Exception {
    List<String> columns = new ArrayList<>();
    for (Schema.Field f : AvroSchemas.OCCURRENCE.getFields()) {
      Schema s = f.schema().isUnion() ? f.schema().getTypes().get(1) : f.schema();
      if (s.getType() != Schema.Type.ARRAY) {
        columns.add(0, f.name()); // reversed
      }
    }
    OccurrencePicker picker = OccurrencePicker.of(columns);
    int rows = 0;
    int nulls = 0;
    for (SampleAccepted.Block s : SampleAccepted.blocks()) {
      List<Object[]> got = new ArrayList<>();
      picker.rows(s.bytes(), got::add);
      assertThat(s.at(), got.size(), equalTo(s.rows().size()));
      for (int i = 0; i < got.size(); i++) {
        for (int c = 0; c < columns.size(); c++) {
          Object want = s.rows().get(i).get(columns.get(c));
          if (want instanceof Utf8 u) {
            want = u.toString();
          }
          nulls += want == null ? 1 : 0;
          assertThat(s.at() + " row " + i + " " + columns.get(c), got.get(i)[c], equalTo(want));
        }
        rows++;
      }
    }
    assertThat(rows, greaterThan(200));
    assertThat(nulls, greaterThan(0));
  }

  @Test
  void refusesArraysUnknownAndRepeatedColumns() {
    assertThrows(IllegalArgumentException.class, () -> OccurrencePicker.of(List.of("flags")));
    assertThrows(IllegalArgumentException.class, () -> OccurrencePicker.of(List.of("nope")));
    assertThrows(IllegalArgumentException.class, () -> OccurrencePicker.of(List.of("year", "year")));
  }
}
