package org.observatoire.core.protocol.expr;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOptions;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.observatoire.core.time.IsoTimes;

/**
 * Compiles the expressions of protocol packages (rules, messages, effort) with CEL, the Common Expression Language
 * that Kubernetes embeds in JSON Schemas for cross-field validation. Expressions see the submission as {@code s} and,
 * in a rule applied to each element of an array, the element as {@code item}, its position as {@code index} and the
 * elements before it as {@code before}.
 *
 * <p>Besides CEL's standard library (with the {@code has}, {@code all}, {@code exists}, {@code map}, {@code filter}
 * macros and numeric comparison across int and double), protocols have these functions, all on the texts the
 * schemas define (dates {@code YYYY-MM-DD}, times {@code HH:MM}, RFC 3339 date-times):
 * <ul>
 *   <li>{@code isDate(s)}, {@code isTime(s)}, {@code isDateTime(s)}: whether the text is a real date, time, instant;
 *   <li>{@code month(date)}, {@code day(date)}, {@code dayOfYear(date)}, {@code monthDay(date)} (e.g. 0408 → 408);
 *   <li>{@code daysBetween(date1, date2)}, {@code minutesBetween(time1, time2)} (same day),
 *       {@code minutesBetweenInstants(dateTime1, dateTime2)}, {@code isBeforeInstant(dateTime1, dateTime2)};
 *   <li>{@code hour(time)}; {@code distanceMeters(lat1, lon1, lat2, lon2)} (great circle, metres);
 *   <li>{@code distinct(list)}: the list without repeated values, in first-seen order; {@code sum(list)} of numbers;
 *       {@code earliest(list)}, {@code latest(list)} of RFC 3339 date-times (the text; "" for an empty list).
 * </ul>
 * A function given a text that does not parse raises an evaluation error, which the rule engine reports; rules
 * guard with {@code isDate()} and the like when a field may be malformed. Thread-safe.
 */
public final class Expressions {
  private static final double EARTH_RADIUS_M = 6_371_008.8;
  private static final CelOptions OPTIONS =
      CelOptions.current().enableHeterogeneousNumericComparisons(true).build();

  private static final Expressions INSTANCE = new Expressions();

  private final CelCompiler compiler;
  private final CelRuntime runtime;

  private Expressions() {
    compiler = CelCompilerFactory.standardCelCompilerBuilder()
        .setOptions(OPTIONS)
        .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
        .addVar("s", SimpleType.DYN)
        .addVar("item", SimpleType.DYN)
        .addVar("index", SimpleType.INT)
        .addVar("before", ListType.create(SimpleType.DYN))
        .addFunctionDeclarations(
            fn("isDate", SimpleType.BOOL, SimpleType.STRING),
            fn("isTime", SimpleType.BOOL, SimpleType.STRING),
            fn("isDateTime", SimpleType.BOOL, SimpleType.STRING),
            fn("month", SimpleType.INT, SimpleType.STRING),
            fn("day", SimpleType.INT, SimpleType.STRING),
            fn("dayOfYear", SimpleType.INT, SimpleType.STRING),
            fn("monthDay", SimpleType.INT, SimpleType.STRING),
            fn("hour", SimpleType.INT, SimpleType.STRING),
            fn("daysBetween", SimpleType.INT, SimpleType.STRING, SimpleType.STRING),
            fn("minutesBetween", SimpleType.INT, SimpleType.STRING, SimpleType.STRING),
            fn("minutesBetweenInstants", SimpleType.DOUBLE, SimpleType.STRING, SimpleType.STRING),
            fn("isBeforeInstant", SimpleType.BOOL, SimpleType.STRING, SimpleType.STRING),
            fn("distinct", ListType.create(SimpleType.DYN), ListType.create(SimpleType.DYN)),
            fn("sum", SimpleType.DOUBLE, ListType.create(SimpleType.DYN)),
            fn("earliest", SimpleType.STRING, ListType.create(SimpleType.DYN)),
            fn("latest", SimpleType.STRING, ListType.create(SimpleType.DYN)),
            fn("distanceMeters", SimpleType.DOUBLE, SimpleType.DOUBLE, SimpleType.DOUBLE, SimpleType.DOUBLE,
                SimpleType.DOUBLE))
        .build();
    runtime = CelRuntimeFactory.standardCelRuntimeBuilder()
        .setOptions(OPTIONS)
        .addFunctionBindings(
            CelFunctionBinding.from("isDate_string", String.class, Expressions::isDate),
            CelFunctionBinding.from("isTime_string", String.class, Expressions::isTime),
            CelFunctionBinding.from("isDateTime_string", String.class, Expressions::isDateTime),
            CelFunctionBinding.from("month_string", String.class, t -> (long) date(t).getMonthValue()),
            CelFunctionBinding.from("day_string", String.class, t -> (long) date(t).getDayOfMonth()),
            CelFunctionBinding.from("dayOfYear_string", String.class, t -> (long) date(t).getDayOfYear()),
            CelFunctionBinding.from("monthDay_string", String.class,
                t -> (long) (date(t).getMonthValue() * 100 + date(t).getDayOfMonth())),
            CelFunctionBinding.from("hour_string", String.class, t -> (long) time(t).getHour()),
            CelFunctionBinding.from("daysBetween_string_string", String.class, String.class,
                (a, b) -> ChronoUnit.DAYS.between(date(a), date(b))),
            CelFunctionBinding.from("minutesBetween_string_string", String.class, String.class,
                (a, b) -> Duration.between(time(a), time(b)).toMinutes()),
            CelFunctionBinding.from("minutesBetweenInstants_string_string", String.class, String.class,
                (a, b) -> Duration.between(instant(a), instant(b)).toMillis() / 60_000.0),
            CelFunctionBinding.from("isBeforeInstant_string_string", String.class, String.class,
                (a, b) -> instant(a).isBefore(instant(b))),
            CelFunctionBinding.from("distinct_list", List.class, l -> List.copyOf(new java.util.LinkedHashSet<>(l))),
            CelFunctionBinding.from("sum_list", List.class, Expressions::sum),
            CelFunctionBinding.from("earliest_list", List.class, l -> extreme(l, -1)),
            CelFunctionBinding.from("latest_list", List.class, l -> extreme(l, 1)),
            CelFunctionBinding.from("distanceMeters_double_double_double_double",
                List.of(Double.class, Double.class, Double.class, Double.class),
                args -> distanceMeters((Double) args[0], (Double) args[1], (Double) args[2], (Double) args[3])))
        .build();
  }

  /** The shared instance (compiling and evaluating are thread-safe). */
  public static Expressions get() {
    return INSTANCE;
  }

  /**
   * Compiles one expression.
   *
   * @throws ExpressionException naming the expression and CEL's error when it does not compile
   */
  public Expression compile(String source) {
    CelValidationResult result = compiler.compile(source);
    if (result.hasError()) {
      throw new ExpressionException("'" + source + "' does not compile: " + result.getErrorString());
    }
    try {
      CelAbstractSyntaxTree ast = result.getAst();
      return new Expression(source, runtime.createProgram(ast));
    } catch (CelValidationException | CelEvaluationException e) {
      throw new ExpressionException("'" + source + "' does not compile: " + e.getMessage());
    }
  }

  private static CelFunctionDecl fn(String name, dev.cel.common.types.CelType result,
      dev.cel.common.types.CelType... args) {
    StringBuilder id = new StringBuilder(name);
    for (dev.cel.common.types.CelType a : args) {
      id.append('_').append(a instanceof ListType ? "list" : a.name());
    }
    return CelFunctionDecl.newFunctionDeclaration(name,
        CelOverloadDecl.newGlobalOverload(id.toString(), result, args));
  }

  private static LocalDate date(String text) {
    return IsoTimes.date(text);
  }

  private static LocalTime time(String text) {
    return LocalTime.parse(text);
  }

  private static java.time.Instant instant(String text) {
    return IsoTimes.offsetDateTime(text).toInstant();
  }

  private static boolean isDate(String text) {
    return parses(() -> IsoTimes.date(text));
  }

  private static boolean isTime(String text) {
    return parses(() -> LocalTime.parse(text));
  }

  private static boolean isDateTime(String text) {
    return parses(() -> IsoTimes.offsetDateTime(text));
  }

  /** Whether the parse succeeds: java.time's parsers say no with a DateTimeException. */
  private static boolean parses(java.util.function.Supplier<?> parse) {
    try {
      return parse.get() != null;
    } catch (DateTimeException e) {
      return false;
    }
  }

  /** The earliest ({@code sign} -1) or latest (1) of RFC 3339 date-times, as written; "" for an empty list. */
  private static String extreme(List<?> values, int sign) {
    String best = "";
    java.time.Instant bestAt = null;
    for (Object v : values) {
      java.time.Instant at = instant(String.valueOf(v));
      if (bestAt == null || Integer.signum(at.compareTo(bestAt)) == sign) {
        best = String.valueOf(v);
        bestAt = at;
      }
    }
    return best;
  }

  private static double sum(List<?> values) {
    double total = 0;
    for (Object v : values) {
      if (!(v instanceof Number n)) {
        throw new IllegalArgumentException("sum() of a list holding " + v);
      }
      total += n.doubleValue();
    }
    return total;
  }

  /** Great-circle distance in metres (haversine on the IUGG mean Earth radius). */
  public static double distanceMeters(double lat1, double lon1, double lat2, double lon2) {
    double dLat = Math.toRadians(lat2 - lat1);
    double dLon = Math.toRadians(lon2 - lon1);
    double a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
        + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
    return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
  }

  /** Variables for an evaluation of the whole submission. */
  public static Map<String, Object> vars(Object submission) {
    return Map.of("s", submission);
  }

  /** Variables for a per-element evaluation: the submission, the element, its index and the elements before it. */
  public static Map<String, Object> vars(Object submission, List<?> elements, int index) {
    return Map.of("s", submission, "item", elements.get(index), "index", (long) index,
        "before", elements.subList(0, index));
  }
}
