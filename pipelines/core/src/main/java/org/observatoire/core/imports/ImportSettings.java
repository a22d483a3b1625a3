package org.observatoire.core.imports;

import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * What the caller decides for a whole import.
 *
 * @param submittedAt every submission's {@code submittedAt}: when the data was submitted to us (the import), which is
 *     true of every imported submission; the exports do not say when volunteers sent their data. Given by the caller
 *     so that the core never reads the clock and the same input gives the same bytes.
 */
public record ImportSettings(OffsetDateTime submittedAt) {
  public ImportSettings {
    Objects.requireNonNull(submittedAt, "submittedAt");
  }
}
