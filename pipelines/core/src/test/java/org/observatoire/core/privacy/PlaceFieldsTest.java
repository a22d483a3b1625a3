package org.observatoire.core.privacy;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

class PlaceFieldsTest {
  @Test
  void removesPlaceLikeKeysAtAnyDepthAndKeepsTheRest() {
    assertThat(PlaceFields.without("{\"distanceBand\":\"25-100\",\"pointLatitude\":44.1,\"habitat\":{\"primary\":\"A\","
        + "\"gps\":[1,2]},\"site\":{\"id\":\"STOC-1\"}}"),
        is("{\"distanceBand\":\"25-100\",\"habitat\":{\"primary\":\"A\"}}"));
  }

  @Test
  void nothingLeftOrNotJsonGivesNull() {
    assertThat(PlaceFields.without("{\"latitude\":1}"), nullValue());
    assertThat(PlaceFields.without("not json"), nullValue());
    assertThat(PlaceFields.without(null), nullValue());
  }
}
