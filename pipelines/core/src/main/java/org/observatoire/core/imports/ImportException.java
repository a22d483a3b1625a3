package org.observatoire.core.imports;

/**
 * The input as a whole cannot be read as the chosen format: a missing file or column, a file that is not UTF-8.
 * Unlike a row that cannot be converted (skipped and reported), nothing is imported. The message is one line, for
 * the volunteer or operator, without a stack trace.
 */
public final class ImportException extends Exception {
  private static final long serialVersionUID = 1L;

  public ImportException(String message) {
    super(message);
  }
}
