package org.observatoire.core.protocol.expr;

/** A package expression that does not compile or cannot be evaluated; the message names the expression. */
public final class ExpressionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ExpressionException(String message) {
    super(message);
  }
}
