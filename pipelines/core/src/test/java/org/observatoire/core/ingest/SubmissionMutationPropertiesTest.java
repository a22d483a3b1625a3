package org.observatoire.core.ingest;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.empty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Combinators;
import org.observatoire.core.samples.SampleData;

/**
 * Mutations of valid sample submissions (fields dropped, duplicated or retyped, numbers changed, control characters
 * inserted, lines truncated) through the core processor: no exception escapes and every line gets exactly one
 * outcome, a rejection always with at least one violation.
 */
class SubmissionMutationPropertiesTest {
  private static final Instant REFERENCE = Instant.parse("2026-11-23T00:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SubmissionProcessor PROCESSOR =
      SubmissionProcessor.create(REFERENCE, SubmissionProcessor.FILE_MAX_LINE_BYTES);
  private static final List<String> VALID = validLines();
  private static final List<JsonNode> ODD_VALUES = List.of(JsonNodeFactory.instance.nullNode(),
      JsonNodeFactory.instance.textNode(""), JsonNodeFactory.instance.numberNode(-1),
      JsonNodeFactory.instance.numberNode(Long.MAX_VALUE), JsonNodeFactory.instance.numberNode(1e308),
      JsonNodeFactory.instance.numberNode(new java.math.BigDecimal("1e-400")),
      JsonNodeFactory.instance.numberNode(new java.math.BigInteger("9".repeat(60))),
      JsonNodeFactory.instance.booleanNode(true), JsonNodeFactory.instance.arrayNode(),
      JsonNodeFactory.instance.objectNode(), JsonNodeFactory.instance.textNode("0000-01-01"),
      JsonNodeFactory.instance.textNode("\u0000\n\t\u007f"), JsonNodeFactory.instance.textNode("\ud800"));

  /** What a mutation does to one node of the tree. */
  enum Mutation { DROP, DUPLICATE_KEY, RETYPE, CHANGE_NUMBER, CONTROL_CHARACTER, TRUNCATE }

  record Case(int base, List<Mutation> mutations, List<Integer> targets, int oddValue, int cut) {}

  @Provide
  Arbitrary<Case> mutated() {
    return Combinators.combine(
        Arbitraries.integers().between(0, VALID.size() - 1),
        Arbitraries.of(Mutation.class).list().ofMinSize(1).ofMaxSize(4),
        Arbitraries.integers().between(0, 10_000).list().ofSize(4),
        Arbitraries.integers().between(0, ODD_VALUES.size() - 1),
        Arbitraries.integers().between(0, 100))
        .as(Case::new);
  }

  @Property(tries = 1000, seed = "20261207")
  void everyMutatedLineGetsExactlyOneOutcome(@ForAll("mutated") Case c) {
    byte[] line = apply(c);
    Outcome o = PROCESSOR.process(RawLine.of(SourceRef.of("mutated.jsonl", 1), line));
    assertThat(o, anyOf(instanceOf(Outcome.Accepted.class), instanceOf(Outcome.Rejected.class)));
    if (o instanceof Outcome.Rejected r) {
      assertThat(r.violations(), not(empty()));
    }
  }

  private static byte[] apply(Case c) {
    String text = VALID.get(c.base());
    ObjectNode doc;
    try {
      doc = (ObjectNode) JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    boolean truncate = false;
    boolean duplicate = false;
    for (int i = 0; i < c.mutations().size(); i++) {
      List<Map.Entry<ObjectNode, String>> fields = new ArrayList<>();
      collect(doc, fields);
      Map.Entry<ObjectNode, String> f = fields.get(c.targets().get(i) % fields.size());
      JsonNode value = f.getKey().get(f.getValue());
      switch (c.mutations().get(i)) {
        case DROP -> f.getKey().remove(f.getValue());
        case RETYPE -> f.getKey().set(f.getValue(), ODD_VALUES.get(c.oddValue()));
        case CHANGE_NUMBER -> f.getKey().set(f.getValue(), value.isNumber()
            ? JsonNodeFactory.instance.numberNode(value.decimalValue().negate().scaleByPowerOfTen(c.cut() % 40))
            : ODD_VALUES.get(c.oddValue()));
        case CONTROL_CHARACTER -> f.getKey().put(f.getValue(),
            (value.isTextual() ? value.textValue() : value.toString()) + (char) (c.cut() % 32));
        case DUPLICATE_KEY -> duplicate = true;
        case TRUNCATE -> truncate = true;
      }
    }
    String out = doc.toString();
    if (duplicate) { // Jackson's trees cannot hold a key twice: write it twice in the text
      int at = out.indexOf("\",\"", out.length() * (c.cut() % 90) / 100);
      int start = at < 0 ? -1 : out.lastIndexOf(",\"", at - 1);
      if (start > 0) {
        out = out.substring(0, at + 1) + out.substring(start, at + 1) + out.substring(at + 1);
      }
    }
    byte[] bytes = out.getBytes(StandardCharsets.UTF_8);
    return truncate ? Arrays.copyOf(bytes, bytes.length * c.cut() / 100) : bytes;
  }

  private static void collect(JsonNode node, List<Map.Entry<ObjectNode, String>> fields) {
    if (node instanceof ObjectNode o) {
      o.fieldNames().forEachRemaining(n -> fields.add(Map.entry(o, n)));
      o.elements().forEachRemaining(e -> collect(e, fields));
    } else if (node instanceof ArrayNode a) {
      a.elements().forEachRemaining(e -> collect(e, fields));
    }
  }

  private static List<String> validLines() {
    List<String> lines = new ArrayList<>();
    for (String p : List.of("stoc-eps", "oiseaux-des-jardins", "spipoll", "vigie-chiro", "propage",
        "sauvages-de-ma-rue")) {
      lines.addAll(SampleData.readLines(SampleData.root().resolve("submissions/" + p + "/valid.jsonl")));
    }
    return lines;
  }
}
