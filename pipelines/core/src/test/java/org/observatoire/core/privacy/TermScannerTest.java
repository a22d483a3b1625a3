package org.observatoire.core.privacy;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TermScannerTest {
  private final TermScanner scanner = TermScanner.of(List.of("camille lefebvre", "ines.marchetti@example.org",
      "quatrebarbe"));

  @Test
  void findsWholeNamesAcrossSpacingCaseAndPunctuation() {
    assertThat(scanner.find("vu par Camille   LEFEBVRE."), is(Optional.of("camille lefebvre")));
    assertThat(scanner.find("Unrecognized token 'Quatrebarbe': was expecting"), is(Optional.of("quatrebarbe")));
    assertThat(scanner.find("{\"m\":\"Ines.Marchetti@example.org\"}"),
        is(Optional.of("ines.marchetti@example.org")));
  }

  @Test
  void ignoresPartsOfLongerWordsAndSingleWordsOfAName() {
    assertThat(scanner.find("Quatrebarbes"), is(Optional.empty()));
    assertThat(scanner.find("Camille seule"), is(Optional.empty()));
    assertThat(scanner.find("marchetti@example.org"), is(Optional.empty()));
    assertThat(scanner.find(null), is(Optional.empty()));
  }
}
