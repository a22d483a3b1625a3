package org.observatoire.core.protocol.expr;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.Program;
import java.util.Map;
import java.util.Objects;

/** One compiled CEL expression of a protocol package, with its source text. Thread-safe. */
public final class Expression {
  private final String source;
  private final Program program;

  Expression(String source, Program program) {
    this.source = Objects.requireNonNull(source, "source");
    this.program = Objects.requireNonNull(program, "program");
  }

  public String source() {
    return source;
  }

  /** The value of the expression, or an {@link ExpressionException} naming it and CEL's error. */
  public Object eval(Map<String, ?> vars) {
    try {
      return program.eval(vars);
    } catch (CelEvaluationException e) {
      throw new ExpressionException("'" + source + "' failed: " + e.getMessage());
    } catch (RuntimeException e) {
      throw new ExpressionException("'" + source + "' failed: " + e);
    }
  }

  /** The value as a boolean; anything else is an error. */
  public boolean test(Map<String, ?> vars) {
    Object v = eval(vars);
    if (v instanceof Boolean b) {
      return b;
    }
    throw new ExpressionException("'" + source + "' gave " + v + ", not a boolean");
  }

  @Override
  public String toString() {
    return source;
  }
}
