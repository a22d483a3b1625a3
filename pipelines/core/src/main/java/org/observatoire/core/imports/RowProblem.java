package org.observatoire.core.imports;

/** A row of an export that could not be converted, skipped: the file's name, the line where the row starts, why. */
public record RowProblem(String file, long line, String reason) {
  @Override
  public String toString() {
    return file + ":" + line + ": " + reason;
  }
}
