package org.observatoire.core.protocol.expr;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpressionsTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static Object doc(String json) throws Exception {
    return CelValues.of(MAPPER.readTree(json));
  }

  private static Object eval(String expr, String json) throws Exception {
    return Expressions.get().compile(expr).eval(Expressions.vars(doc(json)));
  }

  @Test
  void comparesJsonIntegersWithDoublesAndReadsNestedFields() throws Exception {
    String s = "{\"visit\":{\"durationMinutes\":15,\"date\":\"2014-05-20\"},\"site\":{\"len\":120.5}}";
    assertThat(eval("s.visit.durationMinutes == 15", s), is(true));
    assertThat(eval("s.visit.durationMinutes < 15.5", s), is(true));
    assertThat(eval("s.site.len >= 100", s), is(true));
    assertThat(eval("has(s.visit.startTime)", s), is(false));
    assertThat(eval("month(s.visit.date)", s), is(5L));
    assertThat(eval("monthDay(s.visit.date)", s), is(520L));
  }

  @Test
  void dateAndTimeFunctions() throws Exception {
    assertThat(eval("isDate('2025-02-30')", "{}"), is(false));
    assertThat(eval("isDate('2024-02-29')", "{}"), is(true));
    assertThat(eval("isTime('25:10')", "{}"), is(false));
    assertThat(eval("minutesBetween('10:05', '10:25')", "{}"), is(20L));
    assertThat(eval("daysBetween('2025-04-10', '2025-05-20')", "{}"), is(40L));
    assertThat(eval("dayOfYear('2025-02-01')", "{}"), is(32L));
    assertThat(eval("minutesBetweenInstants('2025-07-31T21:30:00+02:00', '2025-08-01T06:00:00+02:00')", "{}"),
        is(510.0));
    assertThat(eval("isBeforeInstant('2025-07-31T21:30:00+02:00', '2025-07-31T20:00:00Z')", "{}"), is(true));
    String night = "{\"r\":[\"2025-08-01T01:00:00+02:00\",\"2025-07-31T21:30:00Z\",\"2025-07-31T22:00:00+02:00\"]}";
    assertThat(eval("earliest(s.r)", night), is("2025-07-31T22:00:00+02:00"));
    assertThat(eval("latest(s.r)", night), is("2025-08-01T01:00:00+02:00"));
    assertThat(eval("earliest([])", "{}"), is(""));
  }

  @Test
  void distanceInMetres() throws Exception {
    // Paris Notre-Dame to the Eiffel tower: about 4.2 km
    double d = (Double) eval("distanceMeters(48.8530, 2.3499, 48.8584, 2.2945)", "{}");
    assertThat(d, closeTo(4100, 150));
  }

  @Test
  void perElementVariables() throws Exception {
    Object s = doc("{\"points\":[{\"n\":1},{\"n\":2},{\"n\":1}]}");
    Expression unique = Expressions.get().compile("s.points.filter(p, p.n == item.n).size() == 1");
    @SuppressWarnings("unchecked")
    java.util.List<Object> points = (java.util.List<Object>) ((Map<String, Object>) s).get("points");
    assertThat(unique.test(Expressions.vars(s, points, 0)), is(false));
    assertThat(unique.test(Expressions.vars(s, points, 1)), is(true));
  }

  @Test
  void elementsBeforeAndDistinct() throws Exception {
    Object s = doc("{\"points\":[{\"n\":1},{\"n\":2},{\"n\":1}]}");
    @SuppressWarnings("unchecked")
    java.util.List<Object> points = (java.util.List<Object>) ((Map<String, Object>) s).get("points");
    Expression firstOfItsNumber = Expressions.get().compile("!before.exists(p, p.n == item.n)");
    assertThat(firstOfItsNumber.test(Expressions.vars(s, points, 0)), is(true));
    assertThat(firstOfItsNumber.test(Expressions.vars(s, points, 1)), is(true));
    assertThat(firstOfItsNumber.test(Expressions.vars(s, points, 2)), is(false));
    assertThat(Expressions.get().compile("size(distinct(s.points.map(p, p.n)))").eval(Expressions.vars(s)), is(2L));
  }

  @Test
  void compileAndEvaluationErrorsNameTheExpression() throws Exception {
    ExpressionException compile = assertThrows(ExpressionException.class,
        () -> Expressions.get().compile("s.visit.date ==="));
    assertThat(compile.getMessage(), containsString("'s.visit.date ==='"));
    ExpressionException eval = assertThrows(ExpressionException.class, () -> eval("month(s.d)", "{\"d\":\"x\"}"));
    assertThat(eval.getMessage(), containsString("month(s.d)"));
  }
}
