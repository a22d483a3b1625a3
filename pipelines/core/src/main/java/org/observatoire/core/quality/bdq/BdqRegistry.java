package org.observatoire.core.quality.bdq;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.observatoire.core.quality.coordinates.MetropolitanFrance;
import org.observatoire.core.quality.coordinates.Territory;

/** The BDQ tests this project implements, found by label or GUID. Immutable. */
public final class BdqRegistry {

    private final Map<String, BdqTest> byLabel;
    private final Map<String, BdqTest> byGuid;

    private BdqRegistry(List<BdqTest> tests) {
        Map<String, BdqTest> labels = new LinkedHashMap<>();
        Map<String, BdqTest> guids = new LinkedHashMap<>();
        for (BdqTest t : tests) {
            if (labels.put(t.label(), t) != null || guids.put(t.guid(), t) != null) {
                throw new IllegalArgumentException("duplicate test " + t.label() + " / " + t.guid());
            }
        }
        this.byLabel = Map.copyOf(labels);
        this.byGuid = Map.copyOf(guids);
    }

    public static BdqRegistry of(List<BdqTest> tests) {
        return new BdqRegistry(List.copyOf(tests));
    }

    /** Every implemented test, with the bundled boundary of metropolitan France for the country tests. */
    public static BdqRegistry standard(BdqParameters parameters) {
        return standard(parameters, Map.of("FR", MetropolitanFrance.load()));
    }

    /** Every implemented test; {@code boundaries} maps ISO country codes to the territories bundled offline. */
    public static BdqRegistry standard(BdqParameters parameters, Map<String, Territory> boundaries) {
        List<BdqTest> all = new ArrayList<>();
        all.addAll(EventDateTests.all(parameters));
        all.addAll(CoordinateTests.all(boundaries));
        all.addAll(VocabularyTests.all());
        all.addAll(NotEmptyTests.all());
        all.addAll(DepthElevationTests.all());
        all.addAll(EventDateAmendments.all());
        all.addAll(NameTests.all(TaxrefNames::bundled));
        all.addAll(GeographyTests.all(boundaries));
        all.addAll(AggregateMeasures.of(List.copyOf(all)));
        return of(all);
    }

    public Optional<BdqTest> byLabel(String label) {
        if (label == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(byLabel.get(Tg2Catalogue.currentLabel(label)));
    }

    /** By GUID, with or without the {@code urn:uuid:} prefix. */
    public Optional<BdqTest> byGuid(String guid) {
        if (guid == null) {
            return Optional.empty();
        }
        String g = guid.trim().toLowerCase(Locale.ROOT);
        return Optional.ofNullable(byGuid.get(g.startsWith("urn:uuid:") ? g.substring(9) : g));
    }

    /** By GUID or label, whichever {@code labelOrGuid} is. */
    public Optional<BdqTest> find(String labelOrGuid) {
        return byGuid(labelOrGuid).or(() -> byLabel(labelOrGuid));
    }

    public List<BdqTest> all() {
        return byLabel.values().stream().sorted(java.util.Comparator.comparing(BdqTest::label)).toList();
    }
}
