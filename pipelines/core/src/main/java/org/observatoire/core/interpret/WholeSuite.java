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
 * Every registered BDQ test on a row, in three parts by the row terms the tests act upon: the taxon's terms only, the
 * other terms only, or both. Each part sees only its terms (and the run's parameters), so its answers are memoised on
 * them: rows naming the same taxon share the taxon part's answers, rows of the same visit and place the other part's.
 * The measures over the other responses (MEASURE_VALIDATIONTESTS_*, MEASURE_AMENDMENTS_PROPOSED) add no flag and
 * their status does not depend on the row, so they are counted once per row. Thread-safe.
 */
final class WholeSuite {
  /** The row terms of the taxon part: those of the checklist's match. */
  static final Set<String> TAXON_TERMS = Set.of("dwc:scientificName", "dwc:taxonID", "dwc:taxonRank", "dwc:kingdom",
      "dwc:class", "dwc:family");
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
  private static final int MEMO_LIMIT = 16_384;

  private final List<Part> parts;
  private final List<String> measureKeys;
  private final Set<String> rowTerms;
  private final ConcurrentHashMap<Answers, Long> rowsPerAnswers = new ConcurrentHashMap<>();
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

  /** Tests seeing {@code terms} of the row (null: all of them) and the parameters. */
  private record Part(Suite suite, Set<String> terms, ConcurrentHashMap<Map<String, String>, Answers> memo) {}

  private WholeSuite(List<Part> parts, List<String> measureKeys, Set<String> rowTerms) {
    this.parts = parts;
    this.measureKeys = measureKeys;
    this.rowTerms = rowTerms;
  }

  /**
   * Every test of {@code registry} on rows whose terms are {@code rowTerms} (keys like {@code dwc:eventDate}); a test
   * in {@code flaggedElsewhere} is run and counted but sets no flag.
   */
  static WholeSuite of(BdqRegistry registry, Set<String> rowTerms, Set<String> flaggedElsewhere) {
    List<BdqTest> taxon = new ArrayList<>();
    List<BdqTest> other = new ArrayList<>();
    List<BdqTest> both = new ArrayList<>();
    List<BdqTest> measures = new ArrayList<>();
    for (BdqTest t : registry.all()) {
      if (BdqSuite.measuredType(t).isPresent()) {
        measures.add(t);
        continue;
      }
      boolean readsTaxon = t.actedUpon().stream().map(WholeSuite::local).anyMatch(TAXON_VOCABULARY::contains);
      boolean readsOther = t.actedUpon().stream().map(WholeSuite::local)
          .anyMatch(a -> rowTerms.contains("dwc:" + a) && !TAXON_VOCABULARY.contains(a));
      (readsTaxon ? (readsOther ? both : taxon) : other).add(t);
    }
    Set<String> otherTerms = new java.util.HashSet<>(rowTerms);
    otherTerms.removeAll(TAXON_TERMS);
    List<Part> parts = List.of(
        new Part(suite(taxon, flaggedElsewhere), TAXON_TERMS, new ConcurrentHashMap<>()),
        new Part(suite(other, flaggedElsewhere), Set.copyOf(otherTerms), new ConcurrentHashMap<>()),
        new Part(suite(both, flaggedElsewhere), null, new ConcurrentHashMap<>()));
    List<BdqTest> run = new ArrayList<>(taxon);
    run.addAll(other);
    run.addAll(both);
    List<String> measureKeys = new ArrayList<>();
    for (BdqTest m : measures) {
      TestType counted = BdqSuite.measuredType(m).orElseThrow();
      boolean any = run.stream().anyMatch(t -> t.type() == counted);
      Response status = any ? Response.measure("0", "") : Response.measureNotReported("");
      measureKeys.add(ResponseTally.key(m, status));
    }
    return new WholeSuite(parts, List.copyOf(measureKeys), Set.copyOf(rowTerms));
  }

  private static Suite suite(List<BdqTest> tests, Set<String> flaggedElsewhere) {
    return new Suite(BdqSuite.of(tests), flaggedElsewhere);
  }

  private static String local(String term) {
    return term.substring(term.indexOf(':') + 1);
  }

  /** Adds the row's flags and counts its responses. */
  void interpret(Map<String, String> terms, Set<String> flags) {
    for (Part p : parts) {
      Answers a = answers(p, terms);
      flags.addAll(a.flags);
      rowsPerAnswers.merge(a, 1L, Long::sum);
    }
    rows.increment();
  }

  /** The row's flags, without counting its responses. */
  List<String> flags(Map<String, String> terms) {
    List<String> out = new ArrayList<>();
    for (Part p : parts) {
      out.addAll(answers(p, terms).flags);
    }
    return out;
  }

  /** The responses counted so far, by tally key, leaving the counts at zero (none added meanwhile is lost). */
  Map<String, Long> drain() {
    Map<String, Long> out = new TreeMap<>();
    for (Answers a : List.copyOf(rowsPerAnswers.keySet())) {
      Long n = rowsPerAnswers.remove(a);
      if (n != null) {
        a.keys.forEach(k -> out.merge(k, n, Long::sum));
      }
    }
    long measured = rows.sumThenReset();
    if (measured > 0) {
      measureKeys.forEach(k -> out.merge(k, measured, Long::sum));
    }
    return out;
  }

  private Answers answers(Part p, Map<String, String> terms) {
    Map<String, String> seen = new HashMap<>(p.terms == null ? terms.size() * 2 : 16);
    terms.forEach((k, v) -> {
      if (p.terms == null || p.terms.contains(k) || !rowTerms.contains(k)) {
        seen.put(k, v);
      }
    });
    Answers known = p.memo.get(seen);
    if (known != null) {
      return known;
    }
    Answers computed = p.suite.suite().tests().isEmpty() ? new Answers(List.of(), List.of()) : run(p.suite, seen);
    if (p.memo.size() >= MEMO_LIMIT) {
      p.memo.clear();
    }
    p.memo.put(seen, computed);
    return computed;
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
