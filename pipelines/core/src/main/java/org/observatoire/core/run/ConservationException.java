package org.observatoire.core.run;

import java.util.List;

/** Thrown when a run cannot prove that every input line ended curated, rejected, duplicate or dead-lettered. */
public final class ConservationException extends IllegalStateException {
  private final List<String> problems;

  public ConservationException(List<String> problems) {
    super("the run lost or invented records; see the manifest: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
