package org.observatoire.core.imports;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.observatoire.core.protocol.expr.CelValues;
import org.observatoire.core.protocol.expr.ExpressionException;
import org.observatoire.core.protocol.expr.Expressions;

/** The figures of an import's summary: each description's CEL {@code count} over every written submission, summed. */
final class ImportFigures {
  private ImportFigures() {}

  static void count(ImportDescription d, ImportResult result) throws ImportException {
    if (d.figures.isEmpty()) {
      return;
    }
    long[] totals = new long[d.figures.size()];
    for (ObjectNode s : result.submissions()) {
      var vars = Expressions.vars(CelValues.of(s));
      for (int i = 0; i < totals.length; i++) {
        ImportDescription.Figure f = d.figures.get(i);
        Object v;
        try {
          v = f.count().eval(vars);
        } catch (ExpressionException e) {
          throw new ImportException(d.where + " figure '" + f.label() + "': " + e.getMessage());
        }
        if (v instanceof Boolean b) {
          totals[i] += b ? 1 : 0;
        } else if (v instanceof Long n) {
          totals[i] += n;
        } else if (v instanceof Double x && x == Math.rint(x)) {
          totals[i] += x.longValue();
        } else {
          throw new ImportException(d.where + " figure '" + f.label() + "' gave " + v + ", not a count");
        }
      }
    }
    for (int i = 0; i < totals.length; i++) {
      result.count(d.figures.get(i).label(), totals[i]);
    }
  }
}
