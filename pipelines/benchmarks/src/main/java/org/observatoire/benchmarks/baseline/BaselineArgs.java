package org.observatoire.benchmarks.baseline;

import java.util.HashMap;
import java.util.Map;

/** {@code --name value} arguments of the benchmark baselines (child JVMs started by {@code observatoire bench}). */
final class BaselineArgs {
  private final Map<String, String> values = new HashMap<>();

  private BaselineArgs(String[] args) {
    for (int i = 0; i < args.length; i += 2) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --name value pairs, got '" + args[i] + "'");
      }
      values.put(args[i].substring(2), args[i + 1]);
    }
  }

  static BaselineArgs parse(String[] args) {
    return new BaselineArgs(args);
  }

  String required(String name) {
    String v = values.get(name);
    if (v == null) {
      throw new IllegalArgumentException("missing --" + name);
    }
    return v;
  }

  String get(String name, String orElse) {
    return values.getOrDefault(name, orElse);
  }
}
