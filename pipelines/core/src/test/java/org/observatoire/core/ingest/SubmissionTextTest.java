package org.observatoire.core.ingest;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.observatoire.core.validation.Violation;

/** The positions of text violations are JSON Pointers to the very string or field name, however deep. */
class SubmissionTextTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode doc(String json) throws Exception {
    return JSON.readTree(json);
  }

  @Test
  void pointersNameArrayIndicesAndEscapedFieldNames() throws Exception {
    JsonNode d = doc("{\"site\":{\"id\":\"ok\"},\"observations\":[{\"taxonCode\":\"PARMAJ\"},"
        + "{\"taxonCode\":\"PAR\\u0000MAJ\",\"a/b~c\":\"x\\ud800\"}],\"deep\":[[\"\\udc00\"]]}");
    assertThat(SubmissionText.check(d).stream().map(Violation::pointer).toList(),
        contains("/observations/1/taxonCode", "/observations/1/a~1b~0c", "/deep/0/0"));
  }

  @Test
  void aLoneSurrogateInAFieldNameIsPointedAtThatField() throws Exception {
    JsonNode d = doc("{\"list\":[{\"n\\ud800\":1}]}");
    assertThat(SubmissionText.check(d).stream().map(Violation::pointer).toList(), contains("/list/0/n\ud800"));
  }

  @Test
  void cleanTextHasNoViolation() throws Exception {
    assertThat(SubmissionText.check(doc("{\"observer\":{\"name\":\"Zoé\\nB.\"},\"id\":\"abcdefgh\"}")), empty());
  }
}
