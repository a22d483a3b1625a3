package org.observatoire.core.imports;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.observatoire.core.protocol.ProtocolPackages;

class SchemaPointersTest {
  private static JsonNode schema(String protocol) throws Exception {
    return new ObjectMapper().readTree(ProtocolPackages.bundled().require(protocol).schemas().get(1).bytes());
  }

  @Test
  void followsPropertiesItemsAndReferencesAndNamesTheFirstStepRefused() throws Exception {
    JsonNode propage = schema("propage");
    assertThat(SchemaPointers.refused(propage, "/visit/weather/windClass"), is(nullValue()));
    assertThat(SchemaPointers.refused(propage, "/observations/-/taxon/vernacularName"), is(nullValue()));
    assertThat(SchemaPointers.refused(propage, "/observations/-/taxon/vernacular"), is("vernacular"));
    assertThat(SchemaPointers.refused(propage, "/visit/wether/windClass"), is("wether"));
    assertThat(SchemaPointers.refused(propage, "/sight"), is("sight"));
    JsonNode chiro = schema("vigie-chiro");
    assertThat(SchemaPointers.refused(chiro, "/observations/-/validatorTaxon/code"), is(nullValue()));
    assertThat(SchemaPointers.refused(chiro, "/observations/-/recordedAt"), is(nullValue()));
  }
}
