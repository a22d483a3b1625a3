package org.observatoire.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.observatoire.core.protocol.expr.Expression;
import org.observatoire.core.protocol.expr.Expressions;
import org.observatoire.core.validation.VerdictMessages;
import org.observatoire.core.validation.Violation;

/**
 * One cross-field rule of a protocol package, in the manner of Kubernetes' {@code x-kubernetes-validations}: a CEL
 * expression that must hold ({@code rule}), the stable code and severity it raises when it does not, the JSON
 * Pointer of the field it is about and a message (templates with {@code {{expr}}}), the explanation a volunteer
 * reads in French and English, and optionally {@code when} (the rule applies only when this holds) and
 * {@code forEach} (an expression giving a list: the rule is checked for each element, seen as {@code item} at
 * {@code index}), with an optional {@code quickCheck} over the whole submission that spares the per-element checks
 * when it holds.
 */
public final class PackageRule {
  private final String code;
  private final Severity severity;
  private final Expression forEach;
  private final Expression when;
  private final Expression rule;
  private final Template pointer;
  private final Template message;
  private final VerdictMessages.Message explanation;
  /**
   * Optional: an expression over the whole submission that, when true, means no element breaks the rule, so the
   * elements are not checked one by one (most submissions break no rule; see protocols/README.md).
   */
  private final Expression quickCheck;

  private PackageRule(String code, Severity severity, Expression forEach, Expression when, Expression rule,
      Template pointer, Template message, VerdictMessages.Message explanation, Expression quickCheck) {
    this.code = code;
    this.severity = severity;
    this.forEach = forEach;
    this.when = when;
    this.rule = Objects.requireNonNull(rule, "rule");
    this.pointer = pointer;
    this.message = message;
    this.explanation = explanation;
    this.quickCheck = quickCheck;
  }

  static PackageRule parse(JsonNode r, String where) {
    String code = text(r, "code", where);
    if (!code.matches("[A-Z][A-Z0-9_]{2,63}")) {
      throw new PackageException(where + ": code \"" + code + "\" must be upper-case letters, digits and _");
    }
    String at = where + " rule " + code;
    Severity severity = Severity.parse(r.path("severity").asText(null), at);
    JsonNode expl = r.path("explanation");
    if (!expl.path("fr").isTextual() || !expl.path("en").isTextual()) {
      throw new PackageException(at + ": explanation needs \"fr\" and \"en\" texts");
    }
    return new PackageRule(code, severity,
        r.hasNonNull("forEach") ? compile(r.get("forEach").asText(), at) : null,
        r.hasNonNull("when") ? compile(r.get("when").asText(), at) : null,
        compile(text(r, "rule", at), at),
        Template.parse(r.path("pointer").asText(""), at + " pointer"),
        Template.message(text(r, "message", at), at + " message"),
        new VerdictMessages.Message(expl.get("fr").asText(), expl.get("en").asText()),
        r.hasNonNull("quickCheck") ? compile(r.get("quickCheck").asText(), at + " quickCheck") : null);
  }

  private static Expression compile(String source, String where) {
    try {
      return Expressions.get().compile(source);
    } catch (RuntimeException e) {
      throw new PackageException(where + ": " + e.getMessage(), e);
    }
  }

  private static String text(JsonNode r, String field, String where) {
    if (!r.path(field).isTextual() || r.get(field).asText().isBlank()) {
      throw new PackageException(where + ": a rule needs \"" + field + "\"");
    }
    return r.get(field).asText();
  }

  public String code() {
    return code;
  }

  public Severity severity() {
    return severity;
  }

  public VerdictMessages.Message explanation() {
    return explanation;
  }

  /**
   * Checks the rule on a submission (as CEL values), adding a violation for the submission or for each element that
   * breaks it. A rule whose evaluation fails (a malformed value the schema let through) counts as broken, with the
   * evaluation error in the message.
   */
  void check(Object s, List<Violation> out) {
    if (forEach == null) {
      checkOne(Expressions.vars(s), out);
      return;
    }
    if (quickCheck != null && holds(quickCheck, s)) {
      return;
    }
    Object items = forEach.eval(Expressions.vars(s));
    if (!(items instanceof List<?> list)) {
      return;
    }
    for (int i = 0; i < list.size(); i++) {
      checkOne(Expressions.vars(s, list, i), out);
    }
  }

  /** Whether the expression holds; an evaluation error says nothing (the elements are then checked one by one). */
  private static boolean holds(Expression e, Object s) {
    try {
      return e.test(Expressions.vars(s));
    } catch (RuntimeException error) {
      return false;
    }
  }

  private void checkOne(Map<String, Object> vars, List<Violation> out) {
    try {
      if (when != null && !when.test(vars)) {
        return;
      }
      if (rule.test(vars)) {
        return;
      }
      out.add(Violation.of(code, pointer.render(vars), message.render(vars)));
    } catch (RuntimeException e) {
      out.add(Violation.of(code, safePointer(vars), "the rule could not be checked: " + e.getMessage()));
    }
  }

  private String safePointer(Map<String, Object> vars) {
    try {
      return pointer.render(vars);
    } catch (RuntimeException e) {
      return "";
    }
  }
}
