package org.observatoire.generator;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.observatoire.core.samples.ProtocolSchemas;

class SubmissionGeneratorTest {
  private static final LocalDate REFERENCE = LocalDate.of(2026, 11, 20);

  static List<String> protocols() {
    return SubmissionGenerator.protocols();
  }

  @Test
  void listsTheSixDescribedProtocolsFirstThenEveryOtherPackage() {
    assertThat(new HashSet<>(SubmissionGenerator.protocols().subList(0, 6)),
        equalTo(new HashSet<>(ProtocolSchemas.PROTOCOLS)));
    assertThat(new HashSet<>(SubmissionGenerator.protocols()),
        equalTo(new HashSet<>(org.observatoire.core.protocol.ProtocolPackages.bundled().ids())));
  }

  @Test
  void sameSeedGivesByteIdenticalOutputAndAnotherSeedDoesNot() throws IOException {
    String a = render(42, 0.3, 2000);
    assertThat(render(42, 0.3, 2000), equalTo(a));
    assertThat(render(43, 0.3, 2000), not(equalTo(a)));
    SubmissionGenerator g = SubmissionGenerator.create(42, 0.3, REFERENCE);
    StringBuilder viaNext = new StringBuilder();
    for (int i = 0; i < 2000; i++) {
      viaNext.append(g.next()).append('\n');
    }
    assertThat("write(all, n) is n calls of next()", viaNext.toString(), equalTo(a));
  }

  @ParameterizedTest
  @MethodSource("protocols")
  void cleanLinesAllPassTheirSchemaAndStayBeforeTheReferenceDate(String protocol) throws IOException {
    SubmissionGenerator g = SubmissionGenerator.create(7, 0.0, REFERENCE);
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 300; i++) {
      JsonNode doc = ProtocolSchemas.MAPPER.readTree(g.next(protocol));
      assertThat(ProtocolSchemas.failedCodes(protocol, doc), is(empty()));
      assertThat(g.lastDefect(), equalTo(null));
      assertThat(ids.add(doc.path("submissionId").asText()), is(true));
      LocalDate visit = LocalDate.parse(doc.path("visit").path("date").asText());
      OffsetDateTime submitted = OffsetDateTime.parse(doc.path("submittedAt").asText());
      assertThat(visit, lessThan(REFERENCE));
      assertThat(submitted.toLocalDate(), lessThan(REFERENCE));
      assertThat(submitted.toLocalDate(), greaterThanOrEqualTo(visit));
    }
  }

  @Test
  void cleanStocVisitsRespectTheProtocol() throws IOException {
    SubmissionGenerator g = SubmissionGenerator.create(11, 0.0, REFERENCE);
    for (int i = 0; i < 300; i++) {
      JsonNode doc = ProtocolSchemas.MAPPER.readTree(g.next("stoc-eps"));
      JsonNode points = doc.path("visit").path("points");
      for (int a = 0; a < points.size(); a++) {
        assertThat(points.get(a).path("durationMinutes").asInt(), equalTo(5));
        for (int b = 0; b < a; b++) {
          assertThat(metres(points.get(a), points.get(b)), greaterThanOrEqualTo(300.0));
        }
      }
      int obs = doc.path("observations").size();
      assertThat(obs, allOf(greaterThanOrEqualTo(20), lessThanOrEqualTo(60)));
      LocalDate d = LocalDate.parse(doc.path("visit").path("date").asText());
      int v = doc.path("visit").path("visitNumber").asInt();
      int md = d.getMonthValue() * 100 + d.getDayOfMonth();
      assertThat(md, v == 0 ? allOf(greaterThanOrEqualTo(301), lessThanOrEqualTo(331))
          : v == 1 ? allOf(greaterThanOrEqualTo(401), lessThanOrEqualTo(508)) : allOf(greaterThanOrEqualTo(509), lessThanOrEqualTo(615)));
    }
  }

  @Test
  void aboutThirtyPercentOfLinesAreBrokenAndEachBreakIsTheOneDesigned() {
    SubmissionGenerator g = SubmissionGenerator.create(2024, 0.3, REFERENCE);
    int n = 6000;
    int broken = 0;
    Set<Defect> seen = new HashSet<>();
    for (int i = 0; i < n; i++) {
      String line = g.next();
      Defect d = g.lastDefect();
      JsonNode doc;
      try {
        doc = ProtocolSchemas.MAPPER.readTree(line);
      } catch (JsonProcessingException e) {
        assertThat(line, d, equalTo(Defect.MALFORMED_JSON));
        broken++;
        seen.add(d);
        continue;
      }
      assertThat(line, d, not(equalTo(Defect.MALFORMED_JSON)));
      Set<String> failed = ProtocolSchemas.failedCodes(doc.path("protocol").asText(), doc);
      if (d == null) {
        assertThat(line, failed, is(empty()));
      } else if (d.isSchema()) {
        assertThat(d + " " + line, failed, hasItem(d.code()));
      } else {
        assertThat(d + " must pass the schema (a rule catches it): " + line, failed, is(empty()));
      }
      if (d != null) {
        broken++;
        seen.add(d);
      }
    }
    assertThat((double) broken / n, allOf(greaterThan(0.27), lessThan(0.33)));
    assertThat("every kind of defect shows up", seen, equalTo(SubmissionGenerator.defects()));
  }

  @Test
  void mixFavoursVigieChiroAndStoc() throws IOException {
    SubmissionGenerator g = SubmissionGenerator.create(5, 0.0, REFERENCE);
    int chiro = 0;
    int propage = 0;
    for (int i = 0; i < 2000; i++) {
      String protocol = ProtocolSchemas.MAPPER.readTree(g.next()).path("protocol").asText();
      chiro += protocol.equals("vigie-chiro") ? 1 : 0;
      propage += protocol.equals("propage") ? 1 : 0;
    }
    assertThat(chiro, greaterThan(2 * propage));
  }

  @Test
  void failsFastOnBadArguments() {
    assertThrows(IllegalArgumentException.class, () -> SubmissionGenerator.create(1, 1.5, REFERENCE));
    assertThrows(NullPointerException.class, () -> SubmissionGenerator.create(1, 0, null));
    SubmissionGenerator g = SubmissionGenerator.create(1, 0, REFERENCE);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> g.next("vigie-flore"));
    assertThat(e.getMessage(), containsString("stoc-eps"));
  }

  private static String render(long seed, double rate, int n) throws IOException {
    StringWriter w = new StringWriter();
    SubmissionGenerator.create(seed, rate, REFERENCE).write("all", n, w);
    return w.toString();
  }

  private static double metres(JsonNode a, JsonNode b) {
    double la1 = Math.toRadians(a.path("latitude").asDouble());
    double la2 = Math.toRadians(b.path("latitude").asDouble());
    double dla = la2 - la1;
    double dlo = Math.toRadians(b.path("longitude").asDouble() - a.path("longitude").asDouble());
    double h = Math.pow(Math.sin(dla / 2), 2) + Math.cos(la1) * Math.cos(la2) * Math.pow(Math.sin(dlo / 2), 2);
    return 2 * 6_371_000 * Math.asin(Math.sqrt(h));
  }


  /** Generated Propage visits and Vigie-Chiro nights look like the real exports, not like the protocol's ideal. */
  @Test
  void propageAndVigieChiroFollowRealPractice() throws Exception {
    SubmissionGenerator g = SubmissionGenerator.create(7, 0.0, REFERENCE);
    java.util.Set<String> sheet = new java.util.HashSet<>();
    org.observatoire.core.protocol.PackageChecklists.bundled().of("propage").orElseThrow().listed()
        .forEach(t -> sheet.add(t.vernacularName()));
    int visits = 2000;
    int tenMinutes = 0;
    int nothingSeen = 0;
    int may = 0;
    for (int i = 0; i < visits; i++) {
      JsonNode v = ProtocolSchemas.MAPPER.readTree(g.next("propage"));
      tenMinutes += v.at("/visit/durationMinutes").asInt() == 10 ? 1 : 0;
      nothingSeen += v.path("observations").isEmpty() ? 1 : 0;
      may += v.at("/visit/date").asText().substring(5, 7).equals("05") ? 1 : 0;
      for (JsonNode o : v.path("observations")) {
        assertThat(o.toString(), sheet.contains(o.at("/taxon/vernacularName").asText()), is(true));
      }
    }
    assertThat(tenMinutes / (double) visits, allOf(greaterThan(0.60), lessThan(0.70)));
    assertThat(nothingSeen / (double) visits, allOf(greaterThan(0.13), lessThan(0.20)));
    assertThat(may, greaterThan(0));
    int recordings = 0;
    int noise = 0;
    for (int i = 0; i < 300; i++) {
      for (JsonNode r : ProtocolSchemas.MAPPER.readTree(g.next("vigie-chiro")).path("observations")) {
        recordings++;
        noise += "noise".equals(r.at("/taxon/code").asText()) ? 1 : 0;
      }
    }
    assertThat(noise / (double) recordings, allOf(greaterThan(0.40), lessThan(0.50)));
  }
}
