package org.observatoire.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.observatoire.core.protocol.expr.CelValues;
import org.observatoire.core.validation.Violation;

/** The rules to apply to a protocol's submissions: the common rules, then the rules of the protocol's package. */
public final class RuleBook {
  private final CommonRules common;
  /** The packages; null for the bundled ones, loaded on first use. */
  private final ProtocolPackages packages;

  private RuleBook(CommonRules common, ProtocolPackages packages) {
    this.common = common;
    this.packages = packages;
  }

  /** A rule book over the bundled packages, judging "now" as {@code referenceTime}. */
  public static RuleBook at(Instant referenceTime) {
    return new RuleBook(CommonRules.at(referenceTime), null);
  }

  /** A rule book whose "now" is read from {@code clock} for every submission (streaming). */
  public static RuleBook withClock(Clock clock) {
    return new RuleBook(CommonRules.withClock(clock), null);
  }

  /** The same "now", over other packages. */
  public RuleBook over(ProtocolPackages other) {
    return new RuleBook(common, other);
  }

  /**
   * The rule violations of a schema-valid submission of {@code protocol}: those that reject it (every common rule
   * rejects) and those that flag it.
   */
  public RuleResult check(String protocol, JsonNode submission) {
    return check(protocol, submission, CelValues.of(submission));
  }

  /** The same, given the submission also as CEL values ({@link CelValues#of}), converted once by the caller. */
  public RuleResult check(String protocol, JsonNode submission, Object values) {
    ProtocolPackage p = (packages == null ? ProtocolPackages.bundled() : packages).require(protocol);
    PackageMapping.Event event = p.mapping().event();
    List<Violation> rejections = new ArrayList<>(common.check(submission, event.date(), event.time()));
    RuleResult own = p.checkValues(values);
    rejections.addAll(own.rejections());
    return RuleResult.of(rejections, own.flags());
  }
}
