package org.observatoire.core.protocol;

import java.util.Optional;
import org.observatoire.core.validation.CodeExplanations;
import org.observatoire.core.validation.VerdictMessages;

/** The explanations of the bundled protocol packages' rule codes, for {@link VerdictMessages}. */
public final class PackageExplanations implements CodeExplanations {
  @Override
  public Optional<VerdictMessages.Message> explain(String code) {
    for (ProtocolPackage p : ProtocolPackages.bundled().all()) {
      Optional<VerdictMessages.Message> e = p.explanation(code);
      if (e.isPresent()) {
        return e;
      }
    }
    return Optional.empty();
  }
}
