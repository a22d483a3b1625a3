package org.observatoire.cli.intake;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.observatoire.core.protocol.ProtocolPackage;
import org.observatoire.core.protocol.ProtocolPackages;

class VolunteerPagesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theFormSchemaHasItsDefsWrittenOutAndNoEnvelope() throws Exception {
    JsonNode schema = JSON.readTree("{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"$id\":\"x\","
        + "\"type\":\"object\",\"required\":[\"submissionId\",\"site\"],\"properties\":{\"submissionId\":"
        + "{\"type\":\"string\"},\"protocol\":{\"const\":\"p\"},\"site\":{\"type\":\"object\",\"properties\":"
        + "{\"latitude\":{\"$ref\":\"#/$defs/latitude\",\"description\":\"where\"}}}},"
        + "\"$defs\":{\"latitude\":{\"type\":\"number\",\"minimum\":-90,\"maximum\":90,\"description\":\"deg\"}}}");
    JsonNode form = VolunteerPages.formSchema(schema);
    assertThat(form.toString(), not(containsString("$")));
    assertThat(form.at("/properties/site/properties/latitude"), equalTo(JSON.readTree(
        "{\"type\":\"number\",\"minimum\":-90,\"maximum\":90,\"description\":\"where\"}")));
    assertThat(form.path("properties").has("submissionId"), is(false));
    assertThat(form.path("properties").has("protocol"), is(false));
    assertThat(form.path("required").toString(), equalTo("[\"site\"]"));
  }

  @Test
  void everyPackageHasAPageWithItsTitleAndItsPublicKeyInItsLanguage() throws Exception {
    ProtocolPackages packages = ProtocolPackages.bundled();
    VolunteerPages pages = VolunteerPages.of(packages);
    for (ProtocolPackage p : packages.all()) {
      String fr = new String(pages.page(p.id(), "fr", "obs_0000_key</script>"), StandardCharsets.UTF_8);
      assertThat(fr, containsString("<html lang=\"fr\">"));
      assertThat(fr, containsString(VolunteerPages.escapeHtml(p.title().fr())));
      assertThat("the key cannot end the script element", fr, containsString("obs_0000_key<\\/script>"));
      String en = new String(pages.page(p.id(), "en", "k"), StandardCharsets.UTF_8);
      assertThat(en, containsString(VolunteerPages.escapeHtml(p.title().en())));
      JsonNode form = JSON.readTree(pages.formSchema(p.id()));
      assertThat(p.id(), form.path("properties").has("submissionId"), is(false));
      assertThat(p.id(), form.path("properties").size(), greaterThan(0));
      assertThat("no address outside the intake", fr, not(containsString("http")));
    }
  }
}
