package org.observatoire.core.run;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import org.junit.jupiter.api.Test;

/** File names and protocols hold whatever the input held: a key stays one line of three fields and decodes back. */
class CountKeyTest {
  @Test
  void tabsNewlinesAndBackslashesRoundTrip() {
    for (String odd : new String[] {"a\tb.jsonl", "stoc-eps\n", "x\r\ny", "back\\slash\\t", "plain", "\\"}) {
      CountKey k = CountKey.of(odd, odd, OutcomeKind.REJECTED);
      String encoded = k.encode();
      assertThat(encoded, not(containsString("\n")));
      assertThat(encoded.split("\t", -1).length, equalTo(3));
      assertThat(CountKey.decode(encoded), equalTo(k));
    }
  }

  @Test
  void anInputFaultCarriesItsKindInTheProtocolSlot() {
    CountKey k = CountKey.inputFault("t.jsonl.gz", "EOFException: Unexpected end of ZLIB input stream");
    assertThat(CountKey.decode(k.encode()), equalTo(k));
    assertThat(k.kind(), equalTo(OutcomeKind.INPUT_FAULT));
  }
}
