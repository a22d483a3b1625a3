package org.observatoire.core.geo;

/** A coordinate could not be reprojected, or the CRS database could not be initialised. */
public final class ReprojectionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ReprojectionException(String message, Throwable cause) {
    super(message, cause);
  }
}
