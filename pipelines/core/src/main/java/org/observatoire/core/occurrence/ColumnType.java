package org.observatoire.core.occurrence;

/** The value types a published column may have; each maps to one Parquet/Avro primitive. */
public enum ColumnType {
  STRING,
  INT,
  LONG,
  DOUBLE,
  BOOLEAN,
  /** A list of strings (flags, violation codes). */
  STRING_LIST
}
