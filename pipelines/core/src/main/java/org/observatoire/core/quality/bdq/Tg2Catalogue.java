package org.observatoire.core.quality.bdq;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The single-record tests of the TDWG BDQ standard (TG2), implemented here or not: label, GUID, type, information
 * elements, parameters and description, as {@code tdwg/bdq} publishes them in
 * {@code tg2/_review/dist/bdqtest_singlerecord_tests_current.csv} (bundled as {@code observatoire/bdq/tg2-tests.csv};
 * provenance in sample-data/bdq/SOURCES.md). Labels that earlier versions of the standard or its validation data used
 * resolve to today's.
 */
public final class Tg2Catalogue {

    /** One test of the standard. */
    public record Entry(String label, String guid, TestType type, String actedUpon, String consulted, String parameters,
            String description) {
    }

    /** Labels of the validation data and earlier versions, mapped to today's labels. */
    static final Map<String, String> LABEL_ALIASES = Map.ofEntries(
            Map.entry("VALIDATION_COORDINATES_ZERO", "VALIDATION_COORDINATES_NOTZERO"),
            Map.entry("VALIDATION_OCCUURENCESTATUS_NOTEMPTY", "VALIDATION_OCCURRENCESTATUS_NOTEMPTY"),
            Map.entry("VALIDATION_LICENCE_STANDARD", "VALIDATION_LICENSE_STANDARD"),
            Map.entry("VALIDATION_LICENCE_NOTEMPTY", "VALIDATION_LICENSE_NOTEMPTY"),
            Map.entry("VALIDATION_COORDINATES_COUNTRYCODE_CONSISTENT", "VALIDATION_COORDINATESCOUNTRYCODE_CONSISTENT"),
            Map.entry("VALIDATION_COORDINATES_TERRESTRIALMARINE", "VALIDATION_COORDINATESTERRESTRIALMARINE_CONSISTENT"),
            Map.entry("VALIDATION_COORDINATES_STATE-PROVINCE_CONSISTENT", "VALIDATION_COORDINATESSTATEPROVINCE_CONSISTENT"),
            Map.entry("VALIDATION_COUNTRY_COUNTRYCODE_CONSISTENT", "VALIDATION_COUNTRYCOUNTRYCODE_CONSISTENT"),
            Map.entry("VALIDATION_EVENTDATE_CONSISTENT", "VALIDATION_EVENT_CONSISTENT"),
            Map.entry("VALIDATION_EVENT_TEMPORAL_NOTEMPTY", "VALIDATION_EVENTTEMPORAL_NOTEMPTY"),
            Map.entry("AMENDMENT_MINDEPTH-MAXDEPTH_FROM_VERBATIM", "AMENDMENT_MINDEPTHMAXDEPTH_FROM_VERBATIM"),
            Map.entry("AMENDMENT_MINELEVATION-MAXELEVATION_FROM_VERBATIM", "AMENDMENT_MINELEVATIONMAXELEVATION_FROM_VERBATIM"),
            Map.entry("ISSUE_DATAGENERALIZATIONS_NOTNOTEMPTY", "ISSUE_DATAGENERALIZATIONS_NOTEMPTY"),
            Map.entry("MEASURE_EVENTDATE_PRECISIONINSECONDS", "MEASURE_EVENTDATE_DURATIONINSECONDS"));

    private static final Tg2Catalogue BUNDLED = load();

    private final Map<String, Entry> byLabel;
    private final Map<String, Entry> byGuid;

    private Tg2Catalogue(List<Entry> entries) {
        Map<String, Entry> labels = new LinkedHashMap<>();
        Map<String, Entry> guids = new LinkedHashMap<>();
        for (Entry e : entries) {
            labels.put(e.label(), e);
            guids.put(e.guid(), e);
        }
        this.byLabel = Map.copyOf(labels);
        this.byGuid = Map.copyOf(guids);
    }

    public static Tg2Catalogue bundled() {
        return BUNDLED;
    }

    private static Tg2Catalogue load() {
        List<Entry> entries = new ArrayList<>();
        for (Map<String, String> r : BundledCsv.rows("observatoire/bdq/tg2-tests.csv")) {
            entries.add(new Entry(r.get("label"), r.get("guid"), TestType.valueOf(r.get("type")), r.get("actedUpon"),
                    r.get("consulted"), r.get("parameters"), r.get("description")));
        }
        return new Tg2Catalogue(entries);
    }

    /** Today's label of a label (old or current, any case, trimmed). */
    public static String currentLabel(String label) {
        String l = label.trim().toUpperCase(Locale.ROOT);
        return LABEL_ALIASES.getOrDefault(l, l);
    }

    /** A test of the standard by label (old or current) or GUID (with or without {@code urn:uuid:}). */
    public Optional<Entry> find(String labelOrGuid) {
        if (labelOrGuid == null || labelOrGuid.isBlank()) {
            return Optional.empty();
        }
        String g = labelOrGuid.trim().toLowerCase(Locale.ROOT);
        Entry byG = byGuid.get(g.startsWith("urn:uuid:") ? g.substring(9) : g);
        return byG != null ? Optional.of(byG) : Optional.ofNullable(byLabel.get(currentLabel(labelOrGuid)));
    }

    /** Every test of the standard, by label. */
    public List<Entry> all() {
        return byLabel.values().stream().sorted(java.util.Comparator.comparing(Entry::label)).toList();
    }
}
