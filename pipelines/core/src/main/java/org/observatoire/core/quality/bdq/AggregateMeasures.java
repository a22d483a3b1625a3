package org.observatoire.core.quality.bdq;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The measures over a record's other responses: how many of the registry's validations are COMPLIANT,
 * NOT_COMPLIANT or could not run, and how many amendments propose a change, when all are run on the record.
 */
final class AggregateMeasures {

    /** One measure: the type of test it counts and which of their responses. */
    private record Count(String label, String guid, TestType counts, Predicate<Response> counted, String what) {}

    private static final List<Count> COUNTS = List.of(
            new Count("MEASURE_VALIDATIONTESTS_COMPLIANT", "45fb49eb-4a1b-4b49-876f-15d5034dfc73",
                    TestType.VALIDATION, Response::isCompliant, "validations COMPLIANT"),
            new Count("MEASURE_VALIDATIONTESTS_NOTCOMPLIANT", "453844ae-9df4-439f-8e24-c52498eca84a",
                    TestType.VALIDATION, Response::isNotCompliant, "validations NOT_COMPLIANT"),
            new Count("MEASURE_VALIDATIONTESTS_PREREQUISITESNOTMET", "49a94636-a562-4e6b-803c-665c80628a3d",
                    TestType.VALIDATION, r -> r.status() == ResponseStatus.INTERNAL_PREREQUISITES_NOT_MET
                            || r.status() == ResponseStatus.EXTERNAL_PREREQUISITES_NOT_MET,
                    "validations whose prerequisites were not met"),
            new Count("MEASURE_AMENDMENTS_PROPOSED", "03049fe5-a575-404f-b564-ae63f5a1cf8b", TestType.AMENDMENT,
                    r -> r.status() == ResponseStatus.AMENDED || r.status() == ResponseStatus.FILLED_IN,
                    "amendments proposing a change"));

    private AggregateMeasures() {
    }

    static List<BdqTest> of(List<BdqTest> tests) {
        return COUNTS.stream().<BdqTest>map(c -> {
            List<BdqTest> counted = tests.stream().filter(t -> t.type() == c.counts()).toList();
            return SimpleBdqTest.of(c.label(), c.guid(), TestType.MEASURE, List.of(),
                    t -> answer(c, counted.stream().map(x -> x.run(t)).toList()));
        }).toList();
    }

    /** Whether {@code label} is one of the measures over the other responses. */
    static boolean isAggregate(String label) {
        return COUNTS.stream().anyMatch(c -> c.label().equals(label));
    }

    /** The type of the tests the measure {@code label} counts; empty when it is not one of these measures. */
    static Optional<TestType> countedType(String label) {
        return COUNTS.stream().filter(c -> c.label().equals(label)).findFirst().map(Count::counts);
    }

    /**
     * The measure {@code label} from the responses already given to the record, by test type (every test of the
     * registry of that type); empty when {@code label} is not one of these measures.
     */
    static Optional<Response> fromResponses(String label, Map<TestType, List<Response>> byType) {
        return COUNTS.stream().filter(c -> c.label().equals(label)).findFirst()
                .map(c -> answer(c, byType.getOrDefault(c.counts(), List.of())));
    }

    private static Response answer(Count c, List<Response> responses) {
        if (responses.isEmpty()) {
            return Response.measureNotReported("no test of that type was run");
        }
        long n = responses.stream().filter(c.counted()).count();
        return Response.measure(Long.toString(n), n + " " + c.what() + " of " + responses.size() + " run");
    }
}
