package org.observatoire.beam.publish;

import java.util.List;

/** A staged release failed verification and was not published. */
public final class ReleaseRejectedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient List<String> problems;

  public ReleaseRejectedException(String releaseId, List<String> problems) {
    super("release " + releaseId + " was not published: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
