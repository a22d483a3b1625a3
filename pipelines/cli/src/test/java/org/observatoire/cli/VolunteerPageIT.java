package org.observatoire.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.observatoire.beam.jobs.StreamingJob;
import org.observatoire.cli.intake.VolunteerPages;
import org.observatoire.core.protocol.ProtocolPackage;
import org.observatoire.core.protocol.ProtocolPackages;
import org.observatoire.core.protocol.Severity;
import org.observatoire.core.validation.VerdictMessages;

/**
 * Every protocol package's volunteer page in headless Chromium, end to end: the intake serves the page, the form is
 * filled with the package's own examples through the form library and sent with the Send button, the streaming job
 * (DirectRunner) gives the verdict, and the page shows it: a valid example is accepted; an invalid one is rejected
 * with the rule's message, in the page's language, inside the form field its JSON Pointer names.
 */
class VolunteerPageIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path tmp;

  private static KafkaAndIntake kafka;
  private static PipelineResult job;
  private static ChromiumDevTools chromium;

  @BeforeAll
  static void startAll() throws Exception {
    kafka = KafkaAndIntake.start(tmp.resolve("broker"));
    StreamingJob.Options options = PipelineOptionsFactory.fromArgs(
        "--bootstrapServers=" + kafka.bootstrapServers(),
        "--output=" + tmp.resolve("out"),
        "--windowSeconds=5", "--maxOutOfOrdernessSeconds=1", "--flushSeconds=2",
        "--groupId=pages-" + System.nanoTime(), "--samplePseudonymKey=true").as(StreamingJob.Options.class);
    options.setRunner(DirectRunner.class);
    options.as(org.apache.beam.runners.direct.DirectOptions.class).setBlockOnRun(false);
    job = StreamingJob.run(options);
    chromium = ChromiumDevTools.start(tmp.resolve("profile"));
  }

  @AfterAll
  static void stopAll() throws Exception {
    try {
      if (chromium != null) {
        chromium.close();
      }
      if (job != null) {
        job.cancel();
      }
    } finally {
      if (kafka != null) {
        kafka.close();
      }
    }
  }

  @TestFactory
  Stream<DynamicTest> everyPackagesPageAcceptsItsValidExampleAndShowsTheRuleOfAnInvalidOneAtItsField() {
    return ProtocolPackages.bundled().all().stream().map(p -> DynamicTest.dynamicTest(p.id(), () -> check(p)));
  }

  private static String page(ProtocolPackage p, String lang) {
    return "http://127.0.0.1:" + kafka.intake.port() + "/p/" + p.id() + "/?lang=" + lang;
  }

  /** The example without what the page fills in itself (id, protocol, version, submittedAt). */
  private static ObjectNode formValue(String line) throws Exception {
    ObjectNode o = (ObjectNode) JSON.readTree(line);
    VolunteerPages.ENVELOPE.forEach(o::remove);
    return o;
  }

  /** Opens the page and fills the form with {@code value}; whether the form gives it back as it is. */
  private static boolean fill(ProtocolPackage p, String lang, ObjectNode value) throws Exception {
    chromium.navigate(page(p, lang));
    chromium.waitFor("document.body && document.body.dataset.formReady || ''", v -> v.asText().equals("yes"),
        Duration.ofSeconds(30));
    JsonNode back = chromium.evaluate("observatoireEditor.setValue(" + value + ");"
        + " JSON.stringify(observatoireEditor.getValue())");
    return JSON.readTree(back.asText()).equals(value);
  }

  /** Clicks Send and waits for the verdict the page shows: its status, text and each reason with its field. */
  private static JsonNode send() throws Exception {
    chromium.evaluate("document.getElementById('send').click(); true");
    chromium.waitFor("document.getElementById('verdict').dataset.status || ''",
        v -> v.asText().startsWith("accepted") || v.asText().equals("rejected") || v.asText().equals("error"),
        Duration.ofSeconds(120));
    return chromium.evaluate("(() => { const v = document.getElementById('verdict'); return {status: v.dataset.status,"
        + " text: v.textContent, violations: Array.from(document.querySelectorAll('.violation')).map(d => ({"
        + " code: d.dataset.code, pointer: d.dataset.pointer, text: d.textContent,"
        + " field: (d.closest('[data-schemapath]') || {dataset: {}}).dataset.schemapath || '' }))}; })()");
  }

  private static void check(ProtocolPackage p) throws Exception {
    List<String> valid = Files.readAllLines(p.folder().resolve("examples/valid.jsonl"), StandardCharsets.UTF_8);
    ObjectNode validValue = formValue(valid.get(0));
    assertThat(p.id() + ": the form holds the valid example as it is", fill(p, "fr", validValue), is(true));
    JsonNode accepted = send();
    assertThat(p.id() + " " + accepted, accepted.path("status").asText(), startsWith("accepted"));
    assertThat(accepted.path("text").asText(), startsWith("Acceptée"));

    Invalid invalid = null;
    for (Invalid candidate : ruleCases(p)) {
      if (fill(p, "en", candidate.value())) {
        invalid = candidate;
        break;
      }
    }
    assertThat(p.id() + ": an invalid example breaking a rejecting rule that the form can hold", invalid != null,
        is(true));
    JsonNode rejected = send();
    assertThat(p.id() + " " + rejected, rejected.path("status").asText(), equalTo("rejected"));
    JsonNode shown = null;
    for (JsonNode v : rejected.path("violations")) {
      if (v.path("code").asText().equals(invalid.code())) {
        shown = v;
      }
    }
    assertThat(p.id() + ": " + invalid.code() + " is shown in " + rejected, shown != null, is(true));
    VerdictMessages.Message expected = p.explanation(invalid.code()).orElse(VerdictMessages.of(invalid.code()));
    assertThat(shown.path("text").asText(), equalTo(expected.en()));
    assertThat(p.id() + ": shown at its field", shown.path("field").asText(), equalTo(fieldOf(shown, p)));
    System.out.printf("%s: valid example %s; %s shown at %s (pointer %s)%n", p.id(), accepted.path("status").asText(),
        invalid.code(), shown.path("field").asText(), shown.path("pointer").asText());
    // what a volunteer sees, kept with the test reports
    Path shots = Files.createDirectories(Path.of("target", "volunteer-pages"));
    chromium.screenshot(shots.resolve(p.id() + "-rejected.png"));
    assertThat(chromium.errors(), is(empty()));
  }

  /** An invalid example: its form value and the package rule it breaks. */
  private record Invalid(ObjectNode value, String code) {}

  /**
   * The invalid examples that break exactly one of the package's rejecting rules (the schema's own checks are the
   * form's business: a form cannot hold a number where a word goes), in file order.
   */
  private static List<Invalid> ruleCases(ProtocolPackage p) throws Exception {
    List<Invalid> cases = new ArrayList<>();
    for (String line : Files.readAllLines(p.folder().resolve("examples/invalid.jsonl"), StandardCharsets.UTF_8)) {
      JsonNode c = JSON.readTree(line);
      List<String> codes = new ArrayList<>();
      c.path("expect").forEach(x -> codes.add(x.asText()));
      if (codes.size() == 1 && p.rules().stream()
          .anyMatch(r -> r.code().equals(codes.get(0)) && r.severity() == Severity.REJECT)) {
        cases.add(new Invalid(formValue(c.path("submission").toString()), codes.get(0)));
      }
    }
    return cases;
  }

  /**
   * The form field a violation belongs at: the editor of its pointer ({@code /a/0/b} is {@code root.a.0.b}), or the
   * nearest enclosing one the form has.
   */
  private static String fieldOf(JsonNode violation, ProtocolPackage p) throws Exception {
    String pointer = violation.path("pointer").asText();
    List<String> parts = new ArrayList<>(List.of(pointer.isEmpty() ? new String[0] : pointer.substring(1).split("/")));
    while (true) {
      String path = "root" + (parts.isEmpty() ? "" : "." + String.join(".", parts));
      if (chromium.evaluate("!!document.querySelector('[data-schemapath=\"" + path + "\"]')").asBoolean()) {
        return parts.isEmpty() ? "" : path;
      }
      parts.remove(parts.size() - 1);
    }
  }
}
