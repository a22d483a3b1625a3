package org.observatoire.core.generate;

import java.util.ArrayList;
import java.util.List;

/**
 * The defects the generator can plant in a submission, each named by the violation code it must trigger
 * (protocols/SCHEMAS.md and the packages' rules.json; a rule of severity flag curates the line with its code in
 * the rows' flags). Package-private: tests use it to know what a line was built to break; the JSON itself
 * carries no mark.
 */
enum Defect {
  // any protocol
  MALFORMED_JSON("MALFORMED_JSON", null),
  MISSING_OBSERVER_ID("SCHEMA_REQUIRED", null),
  EXTRA_FIELD("SCHEMA_ADDITIONALPROPERTIES", null),
  SUBMITTED_WITHOUT_OFFSET("SCHEMA_PATTERN", null),
  LONGITUDE_OUT_OF_RANGE("SCHEMA_MAXIMUM", null),
  LATITUDE_AS_STRING("SCHEMA_TYPE", null),
  IMPOSSIBLE_DATE("INVALID_DATE", null),
  VISIT_AFTER_SUBMISSION("DATE_IN_FUTURE", null),
  SUBMITTED_IN_FUTURE("SUBMITTED_IN_FUTURE", null),
  // stoc-eps
  STOC_VISIT_WINDOW("STOC_VISIT_WINDOW", "stoc-eps"),
  STOC_VISIT_SPACING("STOC_VISIT_SPACING", "stoc-eps"),
  STOC_POINT_DUPLICATE("STOC_POINT_DUPLICATE", "stoc-eps"),
  STOC_POINT_UNKNOWN("STOC_POINT_UNKNOWN", "stoc-eps"),
  STOC_COUNT_DURATION("STOC_COUNT_DURATION", "stoc-eps"),
  STOC_POINTS_TOO_CLOSE("STOC_POINTS_TOO_CLOSE", "stoc-eps"),
  STOC_POINTS_NOT_SAME_MORNING("STOC_POINTS_NOT_SAME_MORNING", "stoc-eps"),
  STOC_BAD_DISTANCE_BAND("SCHEMA_ENUM", "stoc-eps"),
  STOC_COUNT_ZERO("SCHEMA_MINIMUM", "stoc-eps"),
  // spipoll
  SPIPOLL_DURATION("SPIPOLL_DURATION", "spipoll"),
  SPIPOLL_NO_INSECT("SCHEMA_MINITEMS", "spipoll"),
  SPIPOLL_BAD_HABITAT("SCHEMA_ENUM", "spipoll"),
  // vigie-chiro
  CHIRO_RECORDING_OUTSIDE_SESSION("CHIRO_RECORDING_OUTSIDE_SESSION", "vigie-chiro"),
  CHIRO_TOO_MANY_POINTS("CHIRO_TOO_MANY_POINTS", "vigie-chiro"),
  CHIRO_PROBABILITY_ABOVE_ONE("SCHEMA_MAXIMUM", "vigie-chiro"),
  // propage
  PROPAGE_MONTH("PROPAGE_MONTH", "propage"),
  PROPAGE_DURATION("PROPAGE_DURATION", "propage"),
  PROPAGE_SHORT_TRANSECT("PROPAGE_TRANSECT_LENGTH", "propage"),
  // sauvages-de-ma-rue
  SAUVAGES_EMPTY_SEGMENT("SAUVAGES_SEGMENT_LENGTH", "sauvages-de-ma-rue"),
  SAUVAGES_END_BEFORE_START("END_BEFORE_START", "sauvages-de-ma-rue"),
  SAUVAGES_NO_MICRO_HABITAT("SCHEMA_MINITEMS", "sauvages-de-ma-rue"),
  // oiseaux-des-jardins
  JARDINS_DURATION("JARDINS_DURATION", "oiseaux-des-jardins"),
  JARDINS_TAXON_REPEATED("JARDINS_TAXON_REPEATED", "oiseaux-des-jardins"),
  JARDINS_BAD_ENVIRONMENT("SCHEMA_ENUM", "oiseaux-des-jardins");

  private final String code;
  private final String protocol;

  Defect(String code, String protocol) {
    this.code = code;
    this.protocol = protocol;
  }

  /** The violation code a validator must report for a line carrying this defect. */
  String code() {
    return code;
  }

  /** True when JSON Schema validation alone catches it (code {@code SCHEMA_*}). */
  boolean isSchema() {
    return code.startsWith("SCHEMA_");
  }

  /** The defects that make sense for a protocol, in a fixed order (determinism). */
  static List<Defect> forProtocol(String protocol) {
    List<Defect> out = new ArrayList<>();
    for (Defect d : values()) {
      if (d.protocol == null || d.protocol.equals(protocol)) {
        out.add(d);
      }
    }
    return List.copyOf(out);
  }
}
