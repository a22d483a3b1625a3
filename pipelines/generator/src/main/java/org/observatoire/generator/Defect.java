package org.observatoire.generator;

import java.util.List;

/**
 * A defect the generator can plant in a submission, named by the violation code it must trigger
 * (protocols/SCHEMAS.md and the packages' rules.json; a rule of severity flag curates the line with its code in the
 * rows' flags). The common ones act on the envelope every package shares; a package's own are declared in its
 * {@code generator.json}. Package-private: tests use it to know what a line was built to break; the JSON itself
 * carries no mark.
 *
 * @param protocol the package that declares it, null for the common ones
 * @param name     unique within its package (the code when the package declares one defect per code)
 * @param code     the violation code a validator must report for a line carrying this defect
 */
record Defect(String protocol, String name, String code) {
  static final Defect MALFORMED_JSON = common("MALFORMED_JSON", "MALFORMED_JSON");
  static final Defect MISSING_OBSERVER_ID = common("MISSING_OBSERVER_ID", "SCHEMA_REQUIRED");
  static final Defect EXTRA_FIELD = common("EXTRA_FIELD", "SCHEMA_ADDITIONALPROPERTIES");
  static final Defect SUBMITTED_WITHOUT_OFFSET = common("SUBMITTED_WITHOUT_OFFSET", "SCHEMA_PATTERN");
  static final Defect LONGITUDE_OUT_OF_RANGE = common("LONGITUDE_OUT_OF_RANGE", "SCHEMA_MAXIMUM");
  static final Defect LATITUDE_AS_STRING = common("LATITUDE_AS_STRING", "SCHEMA_TYPE");
  static final Defect IMPOSSIBLE_DATE = common("IMPOSSIBLE_DATE", "INVALID_DATE");
  static final Defect VISIT_AFTER_SUBMISSION = common("VISIT_AFTER_SUBMISSION", "DATE_IN_FUTURE");
  static final Defect SUBMITTED_IN_FUTURE = common("SUBMITTED_IN_FUTURE", "SUBMITTED_IN_FUTURE");

  /** The defects every described package can get, in a fixed order (determinism). */
  static final List<Defect> COMMON = List.of(MALFORMED_JSON, MISSING_OBSERVER_ID, EXTRA_FIELD,
      SUBMITTED_WITHOUT_OFFSET, LONGITUDE_OUT_OF_RANGE, LATITUDE_AS_STRING, IMPOSSIBLE_DATE, VISIT_AFTER_SUBMISSION,
      SUBMITTED_IN_FUTURE);

  private static Defect common(String name, String code) {
    return new Defect(null, name, code);
  }

  /** True when JSON Schema validation alone catches it (code {@code SCHEMA_*}). */
  boolean isSchema() {
    return code.startsWith("SCHEMA_");
  }
}
