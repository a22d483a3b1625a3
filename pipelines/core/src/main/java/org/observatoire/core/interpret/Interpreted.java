package org.observatoire.core.interpret;

import java.util.Objects;
import org.observatoire.core.occurrence.Occurrence;

/** An interpreted occurrence: the public row, and the restricted location when the public one was generalised. */
public record Interpreted(Occurrence publicRow, RestrictedLocation restricted) {
  public Interpreted {
    Objects.requireNonNull(publicRow, "publicRow");
  }

  public boolean generalised() {
    return restricted != null;
  }
}
