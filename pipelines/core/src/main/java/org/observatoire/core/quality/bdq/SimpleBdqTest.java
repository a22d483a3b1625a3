package org.observatoire.core.quality.bdq;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/** A BDQ test made of its descriptor and a pure function from a {@link Terms} view to a response. */
public record SimpleBdqTest(String label, String guid, TestType type, List<String> actedUpon,
        Map<String, String> parameters, Function<Terms, Response> body) implements BdqTest {

    public SimpleBdqTest {
        Objects.requireNonNull(label, "label");
        if (!label.matches("[A-Z][A-Z_\\-]+")) {
            throw new IllegalArgumentException("not a BDQ label: " + label);
        }
        UUID.fromString(Objects.requireNonNull(guid, "guid"));
        Objects.requireNonNull(type, "type");
        actedUpon = List.copyOf(actedUpon);
        parameters = Map.copyOf(parameters);
        Objects.requireNonNull(body, "body");
    }

    public static SimpleBdqTest of(String label, String guid, TestType type, List<String> actedUpon,
            Function<Terms, Response> body) {
        return new SimpleBdqTest(label, guid, type, actedUpon, Map.of(), body);
    }

    public static SimpleBdqTest of(String label, String guid, TestType type, List<String> actedUpon,
            Map<String, String> parameters, Function<Terms, Response> body) {
        return new SimpleBdqTest(label, guid, type, actedUpon, parameters, body);
    }

    @Override
    public Response run(Terms terms) {
        return body.apply(terms);
    }
}
