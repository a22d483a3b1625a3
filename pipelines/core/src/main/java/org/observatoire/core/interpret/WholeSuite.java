package org.observatoire.core.interpret;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.observatoire.core.quality.bdq.BdqRegistry;
import org.observatoire.core.quality.bdq.BdqSuite;
import org.observatoire.core.quality.bdq.BdqTest;
import org.observatoire.core.quality.bdq.Response;
import org.observatoire.core.quality.bdq.ResponseTally;
import org.observatoire.core.quality.bdq.Terms;
import org.observatoire.core.quality.bdq.TestType;

/**
 * Every registered BDQ test on a row, in parts by the family of row terms the tests act upon (taxon, date, place,
 * record; none of them: every term but the taxon's; several: all). Each part sees only its terms (and the run's
 * parameters), so its answers are memoised on them: rows naming the same taxon share the taxon part's answers, rows
 * of the same visit the date part's, rows at the same point the place part's.
 * The measures over the other responses (MEASURE_VALIDATIONTESTS_*, MEASURE_AMENDMENTS_PROPOSED) add no flag and
 * their status does not depend on the row, so they are counted once per row. Thread-safe.
 */
final class WholeSuite {
  /** The row terms of the taxon part: those of the checklist's match. */
  static final Set<String> TAXON_TERMS = Set.of("dwc:scientificName", "dwc:taxonID", "dwc:taxonRank", "dwc:kingdom",
      "dwc:class", "dwc:family");
  /** The row terms by family: a test acting upon terms of one family sees that family's terms only. */
  static final Map<String, Set<String>> FAMILIES = Map.of(
      "taxon", TAXON_TERMS,
      "date", Set.of("dwc:eventDate", "dwc:year", "dwc:month", "dwc:day", "dwc:verbatimEventDate"),
      "place", Set.of("dwc:decimalLatitude", "dwc:decimalLongitude", "dwc:coordinateUncertaintyInMeters",
          "dwc:geodeticDatum", "dwc:countryCode", "dwc:stateProvince", "dwc:county", "dwc:locality"),
      "record", Set.of("dwc:basisOfRecord", "dwc:occurrenceStatus", "dwc:individualCount", "dwc:occurrenceID",
          "dwc:dataGeneralizations", "dwc:informationWithheld"));
  /**
   * Darwin Core's taxon terms: a test acting upon one of them (and upon no other row term) reads the taxon part, even
   * when the term is not a row term (AMENDMENT_SCIENTIFICNAMEID_FROM_TAXON acts upon scientificNameID and consults
   * the name).
   */
  private static final Set<String> TAXON_VOCABULARY = Set.of("scientificName", "scientificNameID", "taxonID",
      "taxonRank", "verbatimTaxonRank", "kingdom", "phylum", "class", "order", "superfamily", "family", "subfamily",
      "tribe", "subtribe", "genus", "subgenus", "genericName", "infragenericEpithet", "specificEpithet",
      "infraspecificEpithet", "cultivarEpithet", "scientificNameAuthorship", "namePublishedInYear",
      "higherClassification", "taxonomicStatus", "nomenclaturalCode", "vernacularName", "taxonConceptID",
      "acceptedNameUsage", "acceptedNameUsageID", "parentNameUsage", "originalNameUsage", "nameAccordingTo");
  static final int MEMO_LIMIT = 16_384;

  /** The row terms, in the order of the values a row gives ({@link #interpret}). */
  static final List<String> TERMS = FAMILIES.values().stream().flatMap(Set::stream).sorted().toList();
  private static final Map<String, Integer> INDEX = indexOf(TERMS);

  private final List<Part> parts;
  private final List<String> measureKeys;
  private final Map<String, String> parameters;
  /** Rows per answers object since the last fold: a memo hit costs one increment, not one per test. */
  private final ConcurrentHashMap<Answers, Long> rowsPerAnswers = new ConcurrentHashMap<>();
  /**
   * Counts by tally key, folded from {@link #rowsPerAnswers} whenever it holds {@link #MEMO_LIMIT} answers: answers
   * dropped from a full memo are computed again as new objects, so without folding a long bundle (on Flink's batch
   * runner, a whole partition) would keep one entry per computed answers and run out of memory.
   */
  private final ResponseTally folded = new ResponseTally();
  private final LongAdder rows = new LongAdder();

  /** A part's answers to a set of terms: its flags and the tally keys of its responses. Identity equality. */
  private static final class Answers {
    final List<String> flags;
    final List<String> keys;

    Answers(List<String> flags, List<String> keys) {
      this.flags = flags;
      this.keys = keys;
    }
  }

  /** Tests seeing the row terms at {@code indices} of {@link #TERMS} and the parameters. */
  private record Part(Suite suite, int[] indices, ConcurrentHashMap<Values, Answers> memo) {}

  /** The values a part sees, as a memo key. */
  private static final class Values {
    final String[] values;
    final int hash;

    Values(String[] values) {
      this.values = values;
      this.hash = java.util.Arrays.hashCode(values);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Values v && v.hash == hash && java.util.Arrays.equals(v.values, values);
    }
  }

  private WholeSuite(List<Part> parts, List<String> measureKeys, Map<String, String> parameters) {
    this.parts = parts;
    this.measureKeys = measureKeys;
    this.parameters = Map.copyOf(parameters);
  }

  private static Map<String, Integer> indexOf(List<String> terms) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < terms.size(); i++) {
      index.put(terms.get(i), i);
    }
    return Map.copyOf(index);
  }

  /** Where {@code term} (e.g. {@code dwc:eventDate}) is in a row's values. */
  static int index(String term) {
    Integer i = INDEX.get(term);
    if (i == null) {
      throw new IllegalArgumentException("not a row term of the BDQ suite: " + term);
    }
    return i;
  }

  private static int[] indices(Set<String> terms) {
    return (terms == null ? TERMS : terms.stream().sorted().toList()).stream().mapToInt(WholeSuite::index).toArray();
  }

  /**
   * Every test of {@code registry} on rows, with the run's {@code parameters}; a test in {@code flaggedElsewhere} is
   * run and counted but sets no flag.
   */
  static WholeSuite of(BdqRegistry registry, Map<String, String> parameters, Set<String> flaggedElsewhere) {
    Set<String> untaxed = new java.util.HashSet<>(TERMS);
    untaxed.removeAll(TAXON_TERMS);
    // tests acting upon no row term may consult any (VALIDATION_COUNTRY_NOTEMPTY reads countryCode): all but the taxon
    Map<String, Set<String>> partTerms = new java.util.LinkedHashMap<>(FAMILIES);
    partTerms.put("none", Set.copyOf(untaxed));
    Map<String, List<BdqTest>> tests = new java.util.LinkedHashMap<>();
    List<BdqTest> mixed = new ArrayList<>();
    List<BdqTest> measures = new ArrayList<>();
    List<BdqTest> run = new ArrayList<>();
    for (BdqTest t : registry.all()) {
      if (BdqSuite.measuredType(t).isPresent()) {
        measures.add(t);
        continue;
      }
      run.add(t);
      Set<String> families = new java.util.TreeSet<>();
      for (String term : t.actedUpon()) {
        String a = local(term);
        if (TAXON_VOCABULARY.contains(a)) {
          families.add("taxon");
        }
        FAMILIES.forEach((f, terms) -> {
          if (terms.contains("dwc:" + a)) {
            families.add(f);
          }
        });
      }
      if (families.size() > 1) {
        mixed.add(t);
      } else {
        tests.computeIfAbsent(families.isEmpty() ? "none" : families.iterator().next(), f -> new ArrayList<>()).add(t);
      }
    }
    List<Part> parts = new ArrayList<>();
    tests.forEach((f, list) -> parts.add(new Part(suite(list, flaggedElsewhere), indices(partTerms.get(f)),
        new ConcurrentHashMap<>())));
    parts.add(new Part(suite(mixed, flaggedElsewhere), indices(null), new ConcurrentHashMap<>()));
    List<String> measureKeys = new ArrayList<>();
    for (BdqTest m : measures) {
      TestType counted = BdqSuite.measuredType(m).orElseThrow();
      boolean any = run.stream().anyMatch(t -> t.type() == counted);
      Response status = any ? Response.measure("0", "") : Response.measureNotReported("");
      measureKeys.add(ResponseTally.key(m, status));
    }
    return new WholeSuite(List.copyOf(parts), List.copyOf(measureKeys), parameters);
  }

  private static Suite suite(List<BdqTest> tests, Set<String> flaggedElsewhere) {
    return new Suite(BdqSuite.of(tests), flaggedElsewhere);
  }

  private static String local(String term) {
    return term.substring(term.indexOf(':') + 1);
  }

  /** Adds the row's flags and counts its responses; {@code terms}: the row's values of {@link #TERMS} (null: none). */
  void interpret(String[] terms, Set<String> flags) {
    for (Part p : parts) {
      Answers a = answers(p, terms);
      flags.addAll(a.flags);
      rowsPerAnswers.merge(a, 1L, Long::sum);
    }
    rows.increment();
    if (rowsPerAnswers.size() > MEMO_LIMIT) {
      fold();
    }
  }

  /** How many answers objects hold counts not yet folded (at most {@link #MEMO_LIMIT} and one per part). */
  int pendingAnswers() {
    return rowsPerAnswers.size();
  }

  /** Moves the counts of {@link #rowsPerAnswers} to {@link #folded}, losing none added meanwhile. */
  private void fold() {
    for (Answers a : List.copyOf(rowsPerAnswers.keySet())) {
      Long n = rowsPerAnswers.remove(a);
      if (n != null) {
        a.keys.forEach(k -> folded.add(k, n));
      }
    }
  }

  /** The row's flags, without counting its responses. */
  List<String> flags(String[] terms) {
    List<String> out = new ArrayList<>();
    for (Part p : parts) {
      out.addAll(answers(p, terms).flags);
    }
    return out;
  }

  /** The responses counted so far, by tally key, leaving the counts at zero (none added meanwhile is lost). */
  Map<String, Long> drain() {
    fold();
    Map<String, Long> out = new TreeMap<>(folded.drain());
    long measured = rows.sumThenReset();
    if (measured > 0) {
      measureKeys.forEach(k -> out.merge(k, measured, Long::sum));
    }
    return out;
  }

  private Answers answers(Part p, String[] terms) {
    String[] seen = new String[p.indices.length];
    for (int i = 0; i < seen.length; i++) {
      seen[i] = terms[p.indices[i]];
    }
    Values key = new Values(seen);
    Answers known = p.memo.get(key);
    if (known != null) {
      return known;
    }
    Answers computed = p.suite.suite().tests().isEmpty() ? new Answers(List.of(), List.of())
        : run(p.suite, terms(p.indices, seen));
    if (p.memo.size() >= MEMO_LIMIT) {
      p.memo.clear();
    }
    p.memo.put(key, computed);
    return computed;
  }

  /** The parameters and the given row values as terms. */
  private Map<String, String> terms(int[] indices, String[] values) {
    Map<String, String> t = new HashMap<>(parameters);
    for (int i = 0; i < indices.length; i++) {
      if (values[i] != null) {
        t.put(TERMS.get(indices[i]), values[i]);
      }
    }
    return t;
  }

  /** A row's values and the parameters as terms, as the parts see them together. */
  Map<String, String> terms(String[] values) {
    return terms(indices(null), values);
  }

  /** A part's tests and the labels whose flag another step sets. */
  private record Suite(BdqSuite suite, Set<String> flaggedElsewhere) {}

  private static Answers run(Suite s, Map<String, String> terms) {
    List<String> flags = new ArrayList<>(2);
    List<String> keys = new ArrayList<>(s.suite().tests().size());
    for (BdqSuite.Answer a : s.suite().run(Terms.of(terms))) {
      keys.add(ResponseTally.key(a.test(), a.response()));
      if (QualityStep.flags(a.test(), a.response()) && !s.flaggedElsewhere().contains(a.test().label())) {
        flags.add(a.test().label());
      }
    }
    return new Answers(List.copyOf(flags), List.copyOf(keys));
  }
}
