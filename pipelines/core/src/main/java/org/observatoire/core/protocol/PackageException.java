package org.observatoire.core.protocol;

/** A protocol package that cannot be loaded; the message names the package file and what to fix. */
public final class PackageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PackageException(String message) {
    super(message);
  }

  public PackageException(String message, Throwable cause) {
    super(message, cause);
  }
}
