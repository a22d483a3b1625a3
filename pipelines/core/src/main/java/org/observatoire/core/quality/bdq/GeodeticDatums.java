package org.observatoire.core.quality.bdq;

import java.util.Locale;
import java.util.Set;

/**
 * A bundled, deliberately small subset of the EPSG registry: codes and common names of geodetic
 * datums and geographic or projected CRSs met in biodiversity data (WGS 84, ETRS89, ED50, NTF, RGF93,
 * NAD27/83, GDA94/2020, AGD66/84, UTM zones). Ellipsoids (e.g. 7030, "International 1924") are not
 * datums and do not match.
 */
final class GeodeticDatums {

    private static final Set<Integer> CODES = Set.of(4326, 6326, 4258, 6258, 4230, 6230, 4275, 6275, 4807, 6807, 4171,
            6171, 2154, 27572, 3035, 3857, 4269, 6269, 4267, 6267, 4283, 6283, 7844, 1168, 4202, 6202, 4203, 6203, 4979,
            4937, 9777);
    private static final Set<String> NAMES = Set.of("WGS84", "WGS 84", "WGS1984", "WGS 1984", "WORLD GEODETIC SYSTEM 1984",
            "ETRS89", "ED50", "EUROPEAN DATUM 1950", "NTF", "RGF93", "RGF93 V1", "NAD27", "NAD83", "GDA94", "GDA2020",
            "AGD66", "AGD84");

    private GeodeticDatums() {
    }

    static boolean isKnown(String value) {
        String v = value.trim().toUpperCase(Locale.ROOT);
        if (v.startsWith("EPSG:")) {
            v = v.substring(5);
        }
        if (v.matches("\\d{4,5}")) {
            int code = Integer.parseInt(v);
            return CODES.contains(code) || (code >= 32601 && code <= 32660) || (code >= 32701 && code <= 32760)
                    || (code >= 23028 && code <= 23038) || (code >= 25828 && code <= 25838);
        }
        return NAMES.contains(v);
    }
}
