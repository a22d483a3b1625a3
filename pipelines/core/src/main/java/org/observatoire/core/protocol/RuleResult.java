package org.observatoire.core.protocol;

import java.util.List;
import org.observatoire.core.validation.Violation;

/** What the rules found in a submission: violations that reject it, and flags its published rows carry. */
public record RuleResult(List<Violation> rejections, List<Violation> flags) {
  public RuleResult {
    rejections = List.copyOf(rejections);
    flags = List.copyOf(flags);
  }

  public static RuleResult of(List<Violation> rejections, List<Violation> flags) {
    return new RuleResult(rejections, flags);
  }
}
