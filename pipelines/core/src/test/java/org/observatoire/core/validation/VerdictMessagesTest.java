package org.observatoire.core.validation;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class VerdictMessagesTest {
  private static Path root() {
    return Path.of(System.getProperty("observatoire.root", "../.."));
  }

  @Test
  void everyDocumentedCodeHasItsOwnFrenchAndEnglishExplanation() throws Exception {
    String readme = Files.readString(root().resolve("protocols/SCHEMAS.md"));
    Matcher m = Pattern.compile("^\\| `([A-Z0-9_]+)` \\|", Pattern.MULTILINE).matcher(readme);
    List<String> codes = new ArrayList<>();
    while (m.find()) {
      codes.add(m.group(1));
    }
    assertThat(codes.size() >= 10, equalTo(true));
    List<String> missing = codes.stream().filter(c -> !VerdictMessages.knows(c)).toList();
    assertThat("codes documented in protocols/SCHEMAS.md without an explanation", missing, empty());
    for (String c : codes) {
      VerdictMessages.Message msg = VerdictMessages.of(c);
      assertThat(c, msg.fr(), not(equalTo(msg.en())));
    }
  }

  @Test
  void schemaKeywordsAndUnknownCodesGetReadableTexts() {
    assertThat(VerdictMessages.of("SCHEMA_REQUIRED").fr(), equalTo("Un champ obligatoire manque."));
    assertThat(VerdictMessages.of("SCHEMA_DEPENDENTREQUIRED").en(), containsString("SCHEMA_DEPENDENTREQUIRED"));
    assertThat(VerdictMessages.of("COUNT_ABOVE_EXPECTED").fr(), containsString("COUNT_ABOVE_EXPECTED"));
    assertThat(VerdictMessages.knows("COUNT_ABOVE_EXPECTED"), equalTo(false));
  }

  @Test
  void verdictJsonCarriesStatusAndBilingualReasons() throws Exception {
    Verdict v = Verdict.rejected("s-1", "stoc-eps", List.of(
        Violation.of("SCHEMA_REQUIRED", "/site", "required property 'site' not found"),
        Violation.of("STOC_COUNT_DURATION", "/visit/points/2/durationMinutes", "lasts 6 minutes")));
    JsonNode json = new ObjectMapper().readTree(v.toJson());
    assertThat(json.get("submissionId").asText(), equalTo("s-1"));
    assertThat(json.get("status").asText(), equalTo("rejected"));
    assertThat(json.get("reasons").size(), equalTo(2));
    JsonNode first = json.get("reasons").get(0);
    assertThat(first.get("code").asText(), equalTo("SCHEMA_REQUIRED"));
    assertThat(first.get("pointer").asText(), equalTo("/site"));
    assertThat(first.get("detail").asText(), equalTo("required property 'site' not found"));
    assertThat(first.get("message").get("fr").asText(), equalTo("Un champ obligatoire manque."));
    assertThat(first.get("message").get("en").asText(), equalTo("A required field is missing."));

    assertThat(Verdict.accepted("s-2", "spipoll", 3, List.of()).status(), equalTo(Verdict.Status.ACCEPTED));
    Verdict flagged = Verdict.accepted("s-3", "spipoll", 3, List.of(Verdict.Reason.of("COUNT_HIGH", "", "12")));
    assertThat(new ObjectMapper().readTree(flagged.toJson()).get("status").asText(),
        equalTo("accepted_with_flags"));
  }
}
