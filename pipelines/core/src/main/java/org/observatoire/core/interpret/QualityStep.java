package org.observatoire.core.interpret;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.observatoire.core.occurrence.Occurrence;
import org.observatoire.core.quality.bdq.BdqRegistry;
import org.observatoire.core.quality.bdq.BdqTest;
import org.observatoire.core.quality.bdq.Response;
import org.observatoire.core.quality.bdq.Terms;

/**
 * Quality step: the row-level TDWG BDQ validations; a NOT_COMPLIANT response becomes a flag named after the test.
 * Thread-safe; its results are memoised (bounded; deterministic, so sharing across threads is safe).
 */
public final class QualityStep {
  /**
   * The BDQ validations run on every row. The coordinate tests are not here: {@link LocationStep} runs them once
   * (same boundary and buffer) and its flags carry the BDQ names (VALIDATION_COORDINATES_NOTZERO;
   * COORDINATE_OUTSIDE_TERRITORY is reported as VALIDATION_COORDINATES_COUNTRYCODE_CONSISTENT, countryCode being FR).
   */
  static final List<String> ROW_VALIDATIONS = List.of(
      "VALIDATION_EVENTDATE_INRANGE",
      "VALIDATION_COUNTRYCODE_STANDARD",
      "VALIDATION_BASISOFRECORD_STANDARD",
      "VALIDATION_OCCURRENCESTATUS_STANDARD");
  private static final int MEMO_LIMIT = 50_000;

  private final List<BdqTest> validations;
  private final ConcurrentHashMap<Key, List<String>> memo = new ConcurrentHashMap<>();

  private QualityStep(List<BdqTest> validations) {
    this.validations = List.copyOf(validations);
  }

  /**
   * Runs {@code validations}, which must read no other term than eventDate, countryCode, basisOfRecord and
   * occurrenceStatus (the results are memoised on those four).
   */
  public static QualityStep of(List<BdqTest> validations) {
    return new QualityStep(validations);
  }

  /** The row validations ({@link #ROW_VALIDATIONS}) of {@code registry}. */
  public static QualityStep rowValidations(BdqRegistry registry) {
    return of(ROW_VALIDATIONS.stream()
        .map(label -> registry.byLabel(label)
            .orElseThrow(() -> new IllegalStateException("the BDQ registry has no test " + label)))
        .toList());
  }

  /** Adds the labels of the validations the row fails, in the order of the validations. */
  public void interpret(Occurrence raw, Set<String> flags) {
    flags.addAll(failed(raw));
  }

  /**
   * The labels of the validations the row fails. They depend only on four terms, which the rows of a submission
   * nearly always share, so results are memoised; the key holds the four values (no text is built per row).
   */
  List<String> failed(Occurrence raw) {
    Key key = new Key(raw.eventDate(), raw.countryCode(), raw.basisOfRecord(), raw.occurrenceStatus());
    List<String> known = memo.get(key);
    if (known != null) {
      return known;
    }
    Terms terms = Terms.of(terms(raw));
    List<String> failed = new ArrayList<>(2);
    for (BdqTest test : validations) {
      if (Response.NOT_COMPLIANT.equals(test.run(terms).result())) {
        failed.add(test.label());
      }
    }
    List<String> result = List.copyOf(failed);
    if (memo.size() >= MEMO_LIMIT) {
      memo.clear();
    }
    memo.put(key, result);
    return result;
  }

  private record Key(String eventDate, String countryCode, String basisOfRecord, String occurrenceStatus) {}

  private static Map<String, String> terms(Occurrence o) {
    Map<String, String> t = new HashMap<>(16);
    t.put("dwc:eventDate", o.eventDate());
    t.put("dwc:countryCode", o.countryCode());
    t.put("dwc:basisOfRecord", o.basisOfRecord());
    t.put("dwc:occurrenceStatus", o.occurrenceStatus());
    return t;
  }
}
