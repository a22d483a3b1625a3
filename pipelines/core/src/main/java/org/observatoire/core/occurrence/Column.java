package org.observatoire.core.occurrence;

import java.util.Objects;
import java.util.function.Function;

/** A published dataset column: its name (a Darwin Core term where one exists), type, nullability and meaning. */
public record Column<T>(String name, ColumnType type, boolean nullable, String doc, Function<T, Object> getter) {

  public Column {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(doc, "doc");
    Objects.requireNonNull(getter, "getter");
  }

  public static <T> Column<T> of(
      String name, ColumnType type, boolean nullable, String doc, Function<T, ?> getter) {
    return new Column<>(name, type, nullable, doc, getter::apply);
  }

  /** This column's value in a row. */
  public Object valueOf(T row) {
    return getter.apply(row);
  }
}
