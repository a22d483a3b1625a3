package org.observatoire.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.observatoire.core.validation.Violation;

/** The rules to apply to a protocol's submissions: the common rules, then the protocol's own. */
public final class RuleBook {
  private static final Map<String, ProtocolRules> BY_PROTOCOL = Map.of(
      "stoc-eps", new StocEpsRules(),
      "spipoll", new SpipollRules(),
      "vigie-chiro", new VigieChiroRules(),
      "propage", new PropageRules(),
      "sauvages-de-ma-rue", new SauvagesRules(),
      "oiseaux-des-jardins", new OiseauxDesJardinsRules());

  private final CommonRules common;

  private RuleBook(CommonRules common) {
    this.common = common;
  }

  public static RuleBook at(Instant referenceTime) {
    return new RuleBook(CommonRules.at(referenceTime));
  }

  /** A rule book whose "now" is read from {@code clock} for every submission (streaming). */
  public static RuleBook withClock(Clock clock) {
    return new RuleBook(CommonRules.withClock(clock));
  }

  /** Every rule violation of a schema-valid submission of {@code protocol}. */
  public List<Violation> check(String protocol, JsonNode submission) {
    List<Violation> out = new ArrayList<>(common.check(submission));
    ProtocolRules own = BY_PROTOCOL.get(protocol);
    if (own != null) {
      out.addAll(own.check(submission));
    }
    return out;
  }
}
