package org.observatoire.core.quality.bdq;

import java.util.List;
import java.util.function.Predicate;

/**
 * The measures over a record's other responses: how many of the registry's validations are COMPLIANT,
 * NOT_COMPLIANT or could not run, and how many amendments propose a change, when all are run on the record.
 */
final class AggregateMeasures {

    private AggregateMeasures() {
    }

    static List<BdqTest> of(List<BdqTest> tests) {
        List<BdqTest> validations = tests.stream().filter(t -> t.type() == TestType.VALIDATION).toList();
        List<BdqTest> amendments = tests.stream().filter(t -> t.type() == TestType.AMENDMENT).toList();
        return List.of(
                count("MEASURE_VALIDATIONTESTS_COMPLIANT", "45fb49eb-4a1b-4b49-876f-15d5034dfc73", validations,
                        Response::isCompliant, "validations COMPLIANT"),
                count("MEASURE_VALIDATIONTESTS_NOTCOMPLIANT", "453844ae-9df4-439f-8e24-c52498eca84a", validations,
                        Response::isNotCompliant, "validations NOT_COMPLIANT"),
                count("MEASURE_VALIDATIONTESTS_PREREQUISITESNOTMET", "49a94636-a562-4e6b-803c-665c80628a3d", validations,
                        r -> r.status() == ResponseStatus.INTERNAL_PREREQUISITES_NOT_MET
                                || r.status() == ResponseStatus.EXTERNAL_PREREQUISITES_NOT_MET,
                        "validations whose prerequisites were not met"),
                count("MEASURE_AMENDMENTS_PROPOSED", "03049fe5-a575-404f-b564-ae63f5a1cf8b", amendments,
                        r -> r.status() == ResponseStatus.AMENDED || r.status() == ResponseStatus.FILLED_IN,
                        "amendments proposing a change"));
    }

    private static BdqTest count(String label, String guid, List<BdqTest> tests, Predicate<Response> counted,
            String what) {
        return SimpleBdqTest.of(label, guid, TestType.MEASURE, List.of(), t -> {
            if (tests.isEmpty()) {
                return Response.measureNotReported("no test of that type was run");
            }
            long n = tests.stream().map(x -> x.run(t)).filter(counted).count();
            return Response.measure(Long.toString(n), n + " " + what + " of " + tests.size() + " run");
        });
    }
}
