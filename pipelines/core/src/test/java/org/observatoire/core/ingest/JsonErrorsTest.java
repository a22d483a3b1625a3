package org.observatoire.core.ingest;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonErrorsTest {
  private static final JsonMapper MAPPER = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private static String describe(String line) {
    try {
      MAPPER.readTree(line.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      return JsonErrors.describe(e);
    }
    throw new AssertionError("valid JSON: " + line);
  }

  @Test
  void anUnquotedNameGivesItsPositionAndKindNeverTheToken() {
    String m = describe("{\"observer\":{\"name\":Quatrebarbe\"}}");
    assertThat(m, is("not valid JSON at line 1, column 33 (byte 32): an unrecognised token (a bare word where a"
        + " value is expected)"));
    assertThat(m, not(containsString("Quatrebarbe")));
  }

  @Test
  void aRepeatedFieldNameIsNotRepeated() {
    String m = describe("{\"Jean Dupont\":1,\"Jean Dupont\":2}");
    assertThat(m, containsString("a field name repeated in one object"));
    assertThat(m, not(containsString("Dupont")));
  }

  @Test
  void otherErrorsKeepAFixedPhrase() {
    assertThat(describe("{\"a\":\"Jean"), containsString("unexpected end of the line inside a value"));
    assertThat(describe("{\"a\":1,}"), containsString("an unexpected character"));
  }
}
