package org.observatoire.core.generate;

/**
 * A tiny, allocation-free JSON writer over a reusable {@link StringBuilder}: enough for one submission per line,
 * several times faster than a general-purpose generator. Numbers with decimals are written with a fixed number of
 * digits so output is byte-identical across JVMs.
 */
final class JsonLine {
  private static final long[] POW10 = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000};
  private final StringBuilder sb = new StringBuilder(16 * 1024);
  private boolean needComma;

  void reset() {
    sb.setLength(0);
    needComma = false;
  }

  StringBuilder buffer() {
    return sb;
  }

  int length() {
    return sb.length();
  }

  @Override
  public String toString() {
    return sb.toString();
  }

  private void comma() {
    if (needComma) {
      sb.append(',');
    }
  }

  JsonLine name(String name) {
    comma();
    sb.append('"').append(name).append("\":");
    needComma = false;
    return this;
  }

  JsonLine beginObject() {
    comma();
    sb.append('{');
    needComma = false;
    return this;
  }

  JsonLine beginObject(String name) {
    return name(name).beginObject();
  }

  JsonLine endObject() {
    sb.append('}');
    needComma = true;
    return this;
  }

  JsonLine beginArray(String name) {
    name(name);
    sb.append('[');
    needComma = false;
    return this;
  }

  JsonLine endArray() {
    sb.append(']');
    needComma = true;
    return this;
  }

  JsonLine str(String name, String value) {
    name(name);
    return value(value);
  }

  JsonLine value(String value) {
    comma();
    sb.append('"');
    escape(value);
    sb.append('"');
    needComma = true;
    return this;
  }

  JsonLine num(String name, long value) {
    name(name);
    sb.append(value);
    needComma = true;
    return this;
  }

  /** {@code value} rounded half-up to {@code decimals} digits (0–7), always written with exactly that many. */
  JsonLine fixed(String name, double value, int decimals) {
    name(name);
    appendFixed(value, decimals);
    needComma = true;
    return this;
  }

  JsonLine bool(String name, boolean value) {
    name(name);
    sb.append(value);
    needComma = true;
    return this;
  }

  /** A value already rendered as JSON (e.g. a pre-rendered taxon). */
  JsonLine raw(String name, String json) {
    name(name);
    sb.append(json);
    needComma = true;
    return this;
  }

  /** Lets a caller write a value by hand (digits of a date...) after {@link #name}: opens the quotes. */
  StringBuilder openString(String name) {
    name(name);
    sb.append('"');
    return sb;
  }

  /** Closes what {@link #openString} opened. */
  JsonLine closeString() {
    sb.append('"');
    needComma = true;
    return this;
  }

  private void appendFixed(double value, int decimals) {
    long scaled = Math.round(Math.abs(value) * POW10[decimals]);
    if (value < 0 && scaled != 0) {
      sb.append('-');
    }
    sb.append(scaled / POW10[decimals]);
    if (decimals > 0) {
      sb.append('.');
      long frac = scaled % POW10[decimals];
      for (long p = POW10[decimals - 1]; p > frac && p > 1; p /= 10) {
        sb.append('0');
      }
      sb.append(frac);
    }
  }

  private void escape(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
  }
}
