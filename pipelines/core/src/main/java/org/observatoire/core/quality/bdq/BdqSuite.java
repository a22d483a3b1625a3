package org.observatoire.core.quality.bdq;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Registered tests run together on one record. Run over the whole registry ({@link #all}), the
 * measures over the record's other responses (MEASURE_VALIDATIONTESTS_*, MEASURE_AMENDMENTS_PROPOSED) are taken from
 * the responses already given instead of running every validation and amendment again for each of them.
 */
public final class BdqSuite {

    private final List<BdqTest> tests;
    /** Per test: answered from the other responses (a measure over them, when the suite is the whole registry). */
    private final boolean[] fromOthers;

    private BdqSuite(List<BdqTest> tests, boolean whole) {
        this.tests = List.copyOf(tests);
        this.fromOthers = new boolean[this.tests.size()];
        for (int i = 0; i < fromOthers.length; i++) {
            fromOthers[i] = whole && AggregateMeasures.isAggregate(this.tests.get(i).label());
        }
    }

    /** Every test of {@code registry}. */
    public static BdqSuite all(BdqRegistry registry) {
        return new BdqSuite(registry.all(), true);
    }

    /** The tests of {@code registry} named (label or GUID) in {@code labels}, in that order. */
    public static BdqSuite of(BdqRegistry registry, Collection<String> labels) {
        List<BdqTest> chosen = new ArrayList<>();
        for (String label : labels) {
            chosen.add(registry.find(label)
                    .orElseThrow(() -> new IllegalStateException("the BDQ registry has no test " + label)));
        }
        return of(chosen);
    }

    /** The given tests, in that order; each measure among them runs the tests it measures itself. */
    public static BdqSuite of(List<BdqTest> tests) {
        return new BdqSuite(tests, false);
    }

    /**
     * The type of the tests a measure over the other responses counts (VALIDATION for MEASURE_VALIDATIONTESTS_*,
     * AMENDMENT for MEASURE_AMENDMENTS_PROPOSED); empty for any other test.
     */
    public static Optional<TestType> measuredType(BdqTest test) {
        return AggregateMeasures.countedType(test.label());
    }

    public List<BdqTest> tests() {
        return tests;
    }

    /** One test's response to the record. */
    public record Answer(BdqTest test, Response response) {
        public Answer {
            Objects.requireNonNull(test, "test");
            Objects.requireNonNull(response, "response");
        }
    }

    /** Each test's response to {@code terms}, in the order of {@link #tests()}. */
    public List<Answer> run(Terms terms) {
        List<Answer> answers = new ArrayList<>(tests.size());
        Map<TestType, List<Response>> byType = new EnumMap<>(TestType.class);
        List<Integer> deferred = new ArrayList<>();
        for (int i = 0; i < tests.size(); i++) {
            BdqTest test = tests.get(i);
            if (fromOthers[i]) {
                deferred.add(i);
                answers.add(null);
                continue;
            }
            Response r = test.run(terms);
            answers.add(new Answer(test, r));
            byType.computeIfAbsent(test.type(), t -> new ArrayList<>()).add(r);
        }
        for (int i : deferred) {
            BdqTest test = tests.get(i);
            Optional<Response> measure = AggregateMeasures.fromResponses(test.label(), byType);
            answers.set(i, new Answer(test, measure.orElseThrow()));
        }
        return answers;
    }
}
