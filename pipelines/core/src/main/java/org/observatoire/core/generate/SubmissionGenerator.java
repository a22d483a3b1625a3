package org.observatoire.core.generate;

import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.observatoire.core.protocol.ProtocolPackages;

/**
 * Synthetic volunteers' submissions, one JSON object per line, for load tests and end-to-end runs: real species
 * (stoc_species.csv, thesaurus_V1V2.csv, bundled lists), real commune centres as site anchors, dates inside each
 * protocol's window and never after the reference date. A share {@code invalidRate} of lines carries one planted
 * defect (a schema violation, a protocol-rule break or a malformed line), nothing in the JSON says which.
 *
 * <p>Deterministic: the same seed, rate, reference date and sequence of calls give byte-identical output. Not
 * thread-safe: use one generator per thread (with different seeds).
 */
public final class SubmissionGenerator {
  private static final List<String> PROTOCOLS = List.of(
      "stoc-eps", "spipoll", "vigie-chiro", "propage", "sauvages-de-ma-rue", "oiseaux-des-jardins");
  /** Relative weights of {@link #PROTOCOLS} in {@link #next()}: the acoustic and bird schemes dominate. */
  private static final int[] MIX = {25, 15, 25, 10, 12, 13};
  private static final int MIX_TOTAL = 100;
  private static final List<List<Defect>> DEFECTS = PROTOCOLS.stream().map(Defect::forProtocol).toList();
  /** Every bundled package: those without a writer above are generated from their own examples and checklist. */
  private static final List<String> ALL = allProtocols();

  private final GenContext g;
  private final double invalidRate;
  private final java.util.Map<String, PackageExampleWriter> fromExamples = new java.util.HashMap<>();
  private char[] chars = new char[16 * 1024];

  private SubmissionGenerator(long seed, double invalidRate, LocalDate referenceDate) {
    this.g = new GenContext(seed, referenceDate);
    this.invalidRate = invalidRate;
  }

  /**
   * @param seed          the random stream's seed (recorded by callers to reproduce a run)
   * @param invalidRate   share of lines with a planted defect, 0 to 1
   * @param referenceDate no visit is after the day before it, no submission after the day before it
   */
  public static SubmissionGenerator create(long seed, double invalidRate, LocalDate referenceDate) {
    if (!(invalidRate >= 0 && invalidRate <= 1)) {
      throw new IllegalArgumentException("invalidRate must be between 0 and 1, got " + invalidRate);
    }
    Objects.requireNonNull(referenceDate, "referenceDate");
    if (referenceDate.getYear() < 2000 || referenceDate.getYear() > 2200) {
      throw new IllegalArgumentException("referenceDate must be between years 2000 and 2200, got " + referenceDate);
    }
    return new SubmissionGenerator(seed, invalidRate, referenceDate);
  }

  /**
   * The protocols the generator knows, in a fixed order: those with a dedicated writer (which {@code "all"} mixes),
   * then every other bundled package, generated from its examples ({@link PackageExampleWriter}).
   */
  public static List<String> protocols() {
    return ALL;
  }

  /** One submission of {@code protocol}, as a JSON line without the newline. */
  public String next(String protocol) {
    return generate(protocol).toString();
  }

  /** One submission of a protocol drawn with a realistic mix (Vigie-Chiro and STOC-EPS heaviest). */
  public String next() {
    return generate(drawProtocol()).toString();
  }

  /**
   * Writes {@code n} newline-terminated lines of {@code protocolOrAll} (a protocol name, or {@code "all"} for the
   * mix of {@link #next()}); the lines are those {@code n} calls of next would return.
   */
  public void write(String protocolOrAll, long n, Writer out) throws IOException {
    if (n < 0) {
      throw new IllegalArgumentException("n must be >= 0, got " + n);
    }
    Objects.requireNonNull(out, "out");
    boolean mix = "all".equals(protocolOrAll);
    if (!mix) {
      indexOf(protocolOrAll);
    }
    for (long i = 0; i < n; i++) {
      CharSequence sb = mix ? generate(drawProtocol()) : generate(protocolOrAll);
      int len = sb.length();
      if (chars.length < len + 1) {
        chars = new char[Math.max(len + 1, chars.length * 2)];
      }
      if (sb instanceof StringBuilder b) {
        b.getChars(0, len, chars, 0);
      } else {
        sb.toString().getChars(0, len, chars, 0);
      }
      chars[len] = '\n';
      out.write(chars, 0, len + 1);
    }
  }

  /** The defect planted in the line last returned or written, null when it is a clean line (tests only). */
  Defect lastDefect() {
    return g.defect;
  }

  private CharSequence generate(String protocol) {
    int p = indexOf(protocol);
    if (p < PROTOCOLS.size()) {
      return generate(p);
    }
    g.defect = null;
    boolean defective = g.rnd.nextDouble() < invalidRate;
    return fromExamples.computeIfAbsent(protocol,
        id -> PackageExampleWriter.of(ProtocolPackages.bundled().require(id))).write(g, defective);
  }

  private StringBuilder generate(int p) {
    List<Defect> defects = DEFECTS.get(p);
    g.defect = g.rnd.nextDouble() < invalidRate ? defects.get(g.rnd.nextInt(defects.size())) : null;
    switch (p) {
      case 0 -> StocEpsWriter.write(g);
      case 1 -> SpipollWriter.write(g);
      case 2 -> VigieChiroWriter.write(g);
      case 3 -> PropageWriter.write(g);
      case 4 -> SauvagesWriter.write(g);
      default -> JardinsWriter.write(g);
    }
    g.finish();
    return g.json.buffer();
  }

  private int drawProtocol() {
    int r = g.rnd.nextInt(MIX_TOTAL);
    for (int i = 0; i < MIX.length; i++) {
      r -= MIX[i];
      if (r < 0) {
        return i;
      }
    }
    throw new AssertionError("MIX does not add up to " + MIX_TOTAL);
  }

  private static int indexOf(String protocol) {
    int i = ALL.indexOf(protocol);
    if (i < 0) {
      throw new IllegalArgumentException("unknown protocol '" + protocol + "', expected one of " + ALL);
    }
    return i;
  }

  private static List<String> allProtocols() {
    List<String> all = new java.util.ArrayList<>(PROTOCOLS);
    ProtocolPackages.bundled().ids().stream().filter(id -> !all.contains(id)).forEach(all::add);
    return List.copyOf(all);
  }
}
