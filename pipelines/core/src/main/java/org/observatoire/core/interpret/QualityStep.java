package org.observatoire.core.interpret;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.observatoire.core.occurrence.Occurrence;
import org.observatoire.core.quality.bdq.BdqRegistry;
import org.observatoire.core.quality.bdq.BdqSuite;
import org.observatoire.core.quality.bdq.BdqTest;
import org.observatoire.core.quality.bdq.Response;
import org.observatoire.core.quality.bdq.ResponseStatus;
import org.observatoire.core.quality.bdq.ResponseTally;
import org.observatoire.core.quality.bdq.Terms;
import org.observatoire.core.taxon.TaxonMatch;

/**
 * Quality step: TDWG BDQ tests on every row. A row carries, as a flag named after the test, each validation it is
 * NOT_COMPLIANT with, each issue that is a POTENTIAL_ISSUE and each amendment that proposes a change (AMENDED or
 * FILLED_IN); every response, measures included, is counted for the run report ({@link #drainTally()}).
 * Thread-safe; its results are memoised (bounded; deterministic, so sharing across threads is safe).
 */
public final class QualityStep {
  /**
   * The BDQ validations run on every row by default. The coordinate tests are not here: {@link LocationStep} runs
   * them once (same boundary and buffer) and its flags carry the BDQ names (VALIDATION_COORDINATES_NOTZERO;
   * COORDINATE_OUTSIDE_TERRITORY is reported as VALIDATION_COORDINATES_COUNTRYCODE_CONSISTENT, countryCode being FR).
   */
  static final List<String> ROW_VALIDATIONS = List.of(
      "VALIDATION_EVENTDATE_INRANGE",
      "VALIDATION_COUNTRYCODE_STANDARD",
      "VALIDATION_BASISOFRECORD_STANDARD",
      "VALIDATION_OCCURRENCESTATUS_STANDARD");
  /**
   * Tests whose flags {@link LocationStep} already sets (current labels): with the whole suite they are run and
   * counted, but their flag is left to the location step, so a row never carries one twice under two labels.
   */
  static final Set<String> FLAGGED_BY_LOCATION = Set.of(
      "VALIDATION_COORDINATES_NOTZERO", "VALIDATION_DECIMALLATITUDE_INRANGE", "VALIDATION_DECIMALLONGITUDE_INRANGE",
      "VALIDATION_COORDINATESCOUNTRYCODE_CONSISTENT", "VALIDATION_COORDINATEUNCERTAINTY_INRANGE",
      "AMENDMENT_COORDINATES_TRANSPOSED");
  private static final int MEMO_LIMIT = 50_000;

  private final BdqSuite suite;
  /** The whole suite; null for the given validations. */
  private final WholeSuite whole;
  private final Map<String, String> parameters;
  private final ConcurrentHashMap<Key, Answers> memo = new ConcurrentHashMap<>();
  private final ResponseTally tally = new ResponseTally();

  private QualityStep(BdqSuite suite, WholeSuite whole, Map<String, String> parameters) {
    this.suite = suite;
    this.whole = whole;
    this.parameters = Map.copyOf(parameters);
  }

  /**
   * Runs {@code validations}, which must read no other term than eventDate, countryCode, basisOfRecord and
   * occurrenceStatus (the results are memoised on those four).
   */
  public static QualityStep of(List<BdqTest> validations) {
    return new QualityStep(BdqSuite.of(validations), null, Map.of());
  }

  /** The row validations ({@link #ROW_VALIDATIONS}) of {@code registry}. */
  public static QualityStep rowValidations(BdqRegistry registry) {
    return of(registry, BdqOptions.DEFAULT);
  }

  /** The tests {@code options} choose from {@code registry}, with its parameters given to every row. */
  public static QualityStep of(BdqRegistry registry, BdqOptions options) {
    return options.tests() == BdqOptions.Tests.ALL
        ? new QualityStep(BdqSuite.all(registry), WholeSuite.of(registry, options.parameters(), FLAGGED_BY_LOCATION),
            options.parameters())
        : new QualityStep(BdqSuite.of(registry, ROW_VALIDATIONS), null, options.parameters());
  }

  /** The tests run on every row. */
  public List<BdqTest> tests() {
    return suite.tests();
  }

  /** Adds the flags of the row (see the class comment), in the order of the tests. */
  public void interpret(Occurrence raw, Set<String> flags) {
    interpret(raw, null, flags);
  }

  /**
   * Adds the flags of the row, whose name terms are those of {@code match} when it matched the checklist (null:
   * the row's own), and counts its responses in {@link #drainTally()}.
   */
  public void interpret(Occurrence raw, TaxonMatch match, Set<String> flags) {
    if (whole != null) {
      whole.interpret(wholeValues(raw, match), flags);
      return;
    }
    Answers answers = answers(raw);
    flags.addAll(answers.flags());
    for (String key : answers.keys()) {
      tally.add(key, 1);
    }
  }

  /**
   * The responses counted so far, by {@link ResponseTally#key} (test, status and, for validations and issues,
   * result), leaving the counts at zero; none counted meanwhile is lost.
   */
  public Map<String, Long> drainTally() {
    Map<String, Long> out = tally.drain();
    if (whole != null) {
      whole.drain().forEach((k, n) -> out.merge(k, n, Long::sum));
    }
    return out;
  }

  /** The flags of a row (without counting its responses). */
  List<String> failed(Occurrence raw) {
    return failed(raw, null);
  }

  /** The flags of a row whose name terms are those of {@code match} (without counting its responses). */
  List<String> failed(Occurrence raw, TaxonMatch match) {
    return whole != null ? whole.flags(wholeValues(raw, match)) : answers(raw).flags();
  }

  /** A row's flags and the tally keys of its responses. */
  private record Answers(List<String> flags, List<String> keys) {}

  /**
   * The default validations depend only on four terms, which the rows of a submission nearly always share, so their
   * results are memoised; the key holds the four values (no text is built per row).
   */
  private Answers answers(Occurrence raw) {
    Key key = new Key(raw.eventDate(), raw.countryCode(), raw.basisOfRecord(), raw.occurrenceStatus());
    Answers known = memo.get(key);
    if (known != null) {
      return known;
    }
    Answers computed = run(Terms.of(coreTerms(raw)));
    if (memo.size() >= MEMO_LIMIT) {
      memo.clear();
    }
    memo.put(key, computed);
    return computed;
  }

  private Answers run(Terms terms) {
    List<String> flags = new ArrayList<>(2);
    List<String> keys = new ArrayList<>(suite.tests().size());
    for (BdqSuite.Answer a : suite.run(terms)) {
      keys.add(ResponseTally.key(a.test(), a.response()).intern());
      if (flags(a.test(), a.response())) {
        flags.add(a.test().label());
      }
    }
    return new Answers(List.copyOf(flags), List.copyOf(keys));
  }

  /** Whether a response is a flag on the row. */
  static boolean flags(BdqTest test, Response r) {
    return switch (test.type()) {
      case VALIDATION -> r.isNotCompliant();
      case ISSUE -> Response.POTENTIAL_ISSUE.equals(r.result());
      case AMENDMENT -> r.status() == ResponseStatus.AMENDED || r.status() == ResponseStatus.FILLED_IN;
      case MEASURE -> false;
    };
  }

  private record Key(String eventDate, String countryCode, String basisOfRecord, String occurrenceStatus) {}

  private Map<String, String> coreTerms(Occurrence o) {
    Map<String, String> t = new HashMap<>(16);
    t.putAll(parameters);
    put(t, "dwc:eventDate", o.eventDate());
    put(t, "dwc:countryCode", o.countryCode());
    put(t, "dwc:basisOfRecord", o.basisOfRecord());
    put(t, "dwc:occurrenceStatus", o.occurrenceStatus());
    return t;
  }

  /**
   * The row terms the whole suite reads ({@link WholeSuite#FAMILIES}) and the run's parameters; the name terms are
   * those of the checklist's match.
   */
  Map<String, String> wholeTerms(Occurrence o, TaxonMatch match) {
    return whole.terms(wholeValues(o, match));
  }

  /** The row's values of {@link WholeSuite#TERMS}. */
  private static String[] wholeValues(Occurrence o, TaxonMatch match) {
    String[] t = new String[WholeSuite.TERMS.size()];
    put(t, "dwc:eventDate", o.eventDate());
    put(t, "dwc:countryCode", o.countryCode());
    put(t, "dwc:basisOfRecord", o.basisOfRecord());
    put(t, "dwc:occurrenceStatus", o.occurrenceStatus());
    // only VALIDATION_OCCURRENCEID_NOTEMPTY reads it: whether it is there, not the id, so rows still share answers
    put(t, "dwc:occurrenceID", o.occurrenceID().isBlank() ? null : "present");
    put(t, "dwc:year", o.year());
    put(t, "dwc:month", o.month());
    put(t, "dwc:day", o.day());
    put(t, "dwc:verbatimEventDate", o.verbatimEventDate());
    put(t, "dwc:decimalLatitude", o.decimalLatitude());
    put(t, "dwc:decimalLongitude", o.decimalLongitude());
    put(t, "dwc:coordinateUncertaintyInMeters", o.coordinateUncertaintyInMeters());
    put(t, "dwc:geodeticDatum", o.geodeticDatum());
    put(t, "dwc:stateProvince", o.stateProvince());
    put(t, "dwc:county", o.county());
    put(t, "dwc:locality", o.locality());
    // only AMENDMENT_OCCURRENCESTATUS_ASSUMEDDEFAULT reads it, for whether it is there
    put(t, "dwc:individualCount", o.individualCount() == null ? null : "present");
    put(t, "dwc:dataGeneralizations", o.dataGeneralizations());
    put(t, "dwc:informationWithheld", o.informationWithheld());
    boolean matched = match != null && match.isMatched();
    put(t, "dwc:scientificName", matched ? match.scientificName() : o.scientificName());
    put(t, "dwc:taxonID", matched ? match.taxonID() : o.taxonID());
    put(t, "dwc:taxonRank", matched ? match.taxonRank() : o.taxonRank());
    put(t, "dwc:kingdom", matched ? match.kingdom() : o.kingdom());
    put(t, "dwc:class", matched ? match.taxonClass() : o.taxonClass());
    put(t, "dwc:family", matched ? match.family() : o.family());
    return t;
  }

  private static void put(String[] values, String term, Object value) {
    values[WholeSuite.index(term)] = value == null ? null : value.toString();
  }

  private static void put(Map<String, String> t, String term, Object value) {
    if (value != null) {
      t.put(term, value.toString());
    }
  }
}
