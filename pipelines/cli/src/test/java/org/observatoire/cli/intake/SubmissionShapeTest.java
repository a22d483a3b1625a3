package org.observatoire.cli.intake;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.sameInstance;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.observatoire.core.samples.SampleData;

/** What the intake queues and what it refuses, read without building a tree. */
class SubmissionShapeTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static SubmissionShape.Result check(String body) {
    return SubmissionShape.check(body.getBytes(StandardCharsets.UTF_8), () -> "assigned-1");
  }

  private static String refusal(String body) {
    SubmissionShape.Result r = check(body);
    assertThat(body, r, instanceOf(SubmissionShape.Refuse.class));
    return ((SubmissionShape.Refuse) r).message();
  }

  @Test
  void queuesEverySampleSubmissionWithAnIdAsItCame() throws Exception {
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.walk(SampleData.root().resolve("submissions"))) {
      for (Path f : files.filter(p -> p.getFileName().toString().equals("valid.jsonl")).sorted().toList()) {
        lines.addAll(Files.readAllLines(f));
      }
    }
    assertThat(lines.size() > 30, equalTo(true));
    for (String line : lines) {
      byte[] body = line.getBytes(StandardCharsets.UTF_8);
      SubmissionShape.Result r = SubmissionShape.check(body, () -> "unused");
      assertThat(line, r, instanceOf(SubmissionShape.Queue.class));
      SubmissionShape.Queue q = (SubmissionShape.Queue) r;
      assertThat(q.id(), equalTo(JSON.readTree(body).get("submissionId").asText()));
      assertThat(q.payload(), sameInstance(body));
    }
  }

  @Test
  void assignsAnIdWhenThereIsNoneOrItIsNull() throws Exception {
    for (String body : List.of("{\"protocol\":\"spipoll\",\"protocolVersion\":1,\"x\":{\"y\":[1,2]}}",
        "{\"submissionId\":null,\"protocol\":\"spipoll\",\"protocolVersion\":1}")) {
      SubmissionShape.Queue q = (SubmissionShape.Queue) check(body);
      assertThat(q.id(), equalTo("assigned-1"));
      JsonNode written = JSON.readTree(q.payload());
      assertThat(written.get("submissionId").asText(), equalTo("assigned-1"));
      assertThat(written.get("protocol").asText(), equalTo("spipoll"));
    }
  }

  @Test
  void readsOnlyTopLevelFieldsAndRefusesARepeatedOne() {
    // a nested "submissionId" or "protocol" is not the submission's
    SubmissionShape.Queue q = (SubmissionShape.Queue) check("{\"site\":{\"submissionId\":\"inner\",\"protocol\":1},"
        + "\"submissionId\":\"outer-0001\",\"protocol\":\"stoc-eps\",\"protocolVersion\":2}");
    assertThat(q.id(), equalTo("outer-0001"));
    // the job rejects repeated keys, and would key its verdict by where the line came from: refused at the door
    assertThat(refusal("{\"protocol\":\"spipoll\",\"protocolVersion\":1,\"protocol\":\"stoc-eps\"}"),
        startsWith("the body is not JSON: Duplicate field 'protocol'"));
  }

  @Test
  void refusesWhatTheJobCouldNotAnswerUnderTheId() {
    assertThat(refusal("{\"protocol\":\"spipoll\",\"protocolVersion\":1,\"submissionId\":\"abcdefgh\"}{}"),
        equalTo("a body is one JSON object (something follows it)"));
    byte[] latin1 = "{\"protocol\":\"spipoll\",\"protocolVersion\":1,\"x\":\"é\"}"
        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    assertThat(((SubmissionShape.Refuse) SubmissionShape.check(latin1, () -> "assigned-1")).message(),
        equalTo("the body is not UTF-8 text"));
    for (java.nio.charset.Charset utf16 : List.of(StandardCharsets.UTF_16, StandardCharsets.UTF_16LE)) {
      byte[] body = "{\"protocol\":\"spipoll\",\"protocolVersion\":1}".getBytes(utf16);
      assertThat(((SubmissionShape.Refuse) SubmissionShape.check(body, () -> "assigned-1")).message(),
          equalTo("the body is not UTF-8 text"));
    }
    for (String id : List.of("abcdefgh\\n", "abc", "x".repeat(65), "../../etc/passwd", "-abcdefgh", "abcd efgh")) {
      assertThat(id, refusal("{\"protocol\":\"spipoll\",\"protocolVersion\":1,\"submissionId\":\"" + id + "\"}"),
          startsWith("submissionId must be 8 to 64 letters, digits and . _ : -"));
    }
  }

  @Test
  void refusesWhatIsNotASubmissionsShape() {
    assertThat(refusal(""), equalTo("a submission is a JSON object"));
    assertThat(refusal("[1,2]"), equalTo("a submission is a JSON object"));
    assertThat(refusal("\"text\""), equalTo("a submission is a JSON object"));
    assertThat(refusal("{\"protocol\":\"spipoll\",\"protocolVersion\":1,\"x\":[1,}"), startsWith("the body is not JSON: "));
    assertThat(refusal("{\"protocol\":\"spipoll\",\"protocolVersion\":1,\"x\":\"\\q\"}"),
        startsWith("the body is not JSON: "));
    assertThat(refusal("{\"protocol\":\"spipoll\",\"protocolVersion\":1"), startsWith("the body is not JSON: "));
    assertThat(refusal("{\"protocolVersion\":1}"), startsWith("the submission needs a protocol"));
    assertThat(refusal("{\"protocol\":\"  \",\"protocolVersion\":1}"), startsWith("the submission needs a protocol"));
    assertThat(refusal("{\"protocol\":[\"spipoll\"],\"protocolVersion\":1}"),
        startsWith("the submission needs a protocol"));
    assertThat(refusal("{\"protocol\":\"spipoll\"}"), startsWith("the submission needs a protocolVersion"));
    assertThat(refusal("{\"protocol\":\"spipoll\",\"protocolVersion\":1.5}"),
        startsWith("the submission needs a protocolVersion"));
    assertThat(refusal("{\"protocol\":\"spipoll\",\"protocolVersion\":\"1\"}"),
        startsWith("the submission needs a protocolVersion"));
    assertThat(refusal("{\"protocol\":\"spipoll\",\"protocolVersion\":1,\"submissionId\":\" \"}"),
        startsWith("submissionId must be 8 to 64 letters"));
    assertThat(refusal("{\"protocol\":\"spipoll\",\"protocolVersion\":1,\"submissionId\":12}"),
        startsWith("submissionId must be 8 to 64 letters"));
    assertThat(refusal("{\"protocol\":\"spipoll\",\"protocolVersion\":1,\"submissionId\":{\"a\":1}}"),
        startsWith("submissionId must be 8 to 64 letters"));
  }
}
