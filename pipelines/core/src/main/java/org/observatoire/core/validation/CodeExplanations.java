package org.observatoire.core.validation;

import java.util.Optional;

/**
 * Explanations of codes that the engine does not define itself: the rules of the protocol packages. The
 * implementation lives with the packages (which depend on this package, not the other way round) and is found with
 * {@link java.util.ServiceLoader}, listed in
 * {@code META-INF/services/org.observatoire.core.validation.CodeExplanations}.
 */
public interface CodeExplanations {
  /** The explanation of {@code code}, empty when this source does not define it. */
  Optional<VerdictMessages.Message> explain(String code);
}
