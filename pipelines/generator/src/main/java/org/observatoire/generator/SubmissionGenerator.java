package org.observatoire.generator;

import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.observatoire.core.protocol.ProtocolPackage;
import org.observatoire.core.protocol.ProtocolPackages;

/**
 * Synthetic volunteers' submissions, one JSON object per line, for load tests and end-to-end runs. A package that
 * describes its volunteers' practice in {@code generator.json} (durations, months, counts, visit layout, nothing-seen
 * visits, real names and codes, defects: protocols/README.md) is generated from that description around real commune
 * centres, dates inside its seasons and never after the reference date; any other package from its own examples and
 * checklist ({@link PackageExampleWriter}). A share {@code invalidRate} of lines carries one planted defect (a schema
 * violation, a protocol-rule break or a malformed line), nothing in the JSON says which.
 *
 * <p>Deterministic: the same seed, rate, reference date and sequence of calls give byte-identical output. Not
 * thread-safe: use one generator per thread (with different seeds).
 */
public final class SubmissionGenerator {
  /** The bundled packages with a {@code generator.json}, in id order. */
  private static final List<DescribedWriter> DESCRIBED = ProtocolPackages.bundled().all().stream()
      .map(GeneratorDescription::of).flatMap(java.util.Optional::stream).map(DescribedWriter::new).toList();
  /** Every bundled package: the described ones first (those {@code "all"} mixes by their share), then the others. */
  private static final List<String> ALL = allProtocols();
  private static final int MIX_TOTAL = DESCRIBED.stream().mapToInt(w -> w.description().share()).sum();

  private final GenContext g;
  private final double invalidRate;
  private final java.util.Map<String, PackageExampleWriter> fromExamples = new java.util.HashMap<>();

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
   * The protocols the generator knows, in a fixed order: those described by a {@code generator.json} (which
   * {@code "all"} mixes), then every other bundled package, generated from its examples ({@link PackageExampleWriter}).
   */
  public static List<String> protocols() {
    return ALL;
  }

  /**
   * Identifies what the generator makes from a seed: it changes when a package's {@code generator.json} does, so that
   * callers caching generated files (the bench) know when to make them again.
   */
  public static String fingerprint() {
    long h = 17;
    for (DescribedWriter w : DESCRIBED) {
      h = h * 1_000_003L + w.description().protocol().hashCode();
      h = h * 1_000_003L + w.description().checksum();
    }
    return Long.toHexString(SiteKeys.mix(h));
  }

  /** A generated line and the code its planted defect must get (null for a clean line). */
  public record Sample(String line, String expectedCode) {}

  /**
   * Lines made from the {@code generator.json} of any package (bundled or not), for {@code protocol check}: a
   * share {@code invalidRate} of them with a planted defect. Empty when the package has no description.
   *
   * @throws IllegalArgumentException naming the file and field when the description cannot be used
   */
  public static List<Sample> sample(ProtocolPackage p, long seed, int n, double invalidRate, LocalDate referenceDate) {
    Optional<GeneratorDescription> d = GeneratorDescription.of(p);
    if (d.isEmpty()) {
      return List.of();
    }
    DescribedWriter w = new DescribedWriter(d.get());
    GenContext g = new GenContext(seed, referenceDate);
    List<Sample> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      g.defect = g.rnd.nextDouble() < invalidRate ? w.defects().get(g.rnd.nextInt(w.defects().size())) : null;
      out.add(new Sample(w.write(g), g.defect == null ? null : g.defect.code()));
    }
    return out;
  }

  /** One submission of {@code protocol}, as a JSON line without the newline. */
  public String next(String protocol) {
    return generate(protocol);
  }

  /** One submission of a protocol drawn with the mix of the descriptions' shares. */
  public String next() {
    return generate(drawProtocol());
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
      out.write(mix ? generate(drawProtocol()) : generate(protocolOrAll));
      out.write('\n');
    }
  }

  /** The defect planted in the line last returned or written, null when it is a clean line (tests only). */
  Defect lastDefect() {
    return g.defect;
  }

  /** Every defect the described packages' lines may carry, common ones first (tests only). */
  static java.util.Set<Defect> defects() {
    java.util.Set<Defect> all = new java.util.LinkedHashSet<>();
    DESCRIBED.forEach(w -> all.addAll(w.defects()));
    return all;
  }

  private String generate(String protocol) {
    int p = indexOf(protocol);
    if (p < DESCRIBED.size()) {
      return generate(p);
    }
    g.defect = null;
    boolean defective = g.rnd.nextDouble() < invalidRate;
    return fromExamples.computeIfAbsent(protocol,
        id -> PackageExampleWriter.of(ProtocolPackages.bundled().require(id))).write(g, defective);
  }

  private String generate(int p) {
    DescribedWriter w = DESCRIBED.get(p);
    List<Defect> defects = w.defects();
    g.defect = g.rnd.nextDouble() < invalidRate ? defects.get(g.rnd.nextInt(defects.size())) : null;
    return w.write(g);
  }


  private int drawProtocol() {
    if (MIX_TOTAL <= 0) {
      throw new IllegalStateException("no bundled package has a generator.json with a share above 0 to mix");
    }
    int r = g.rnd.nextInt(MIX_TOTAL);
    for (int i = 0; i < DESCRIBED.size(); i++) {
      r -= DESCRIBED.get(i).description().share();
      if (r < 0) {
        return i;
      }
    }
    throw new AssertionError("shares do not add up to " + MIX_TOTAL);
  }

  private static int indexOf(String protocol) {
    int i = ALL.indexOf(protocol);
    if (i < 0) {
      throw new IllegalArgumentException("unknown protocol '" + protocol + "', expected one of " + ALL);
    }
    return i;
  }

  private static List<String> allProtocols() {
    List<String> all = new java.util.ArrayList<>(DESCRIBED.stream().map(w -> w.description().protocol()).toList());
    ProtocolPackages.bundled().ids().stream().filter(id -> !all.contains(id)).forEach(all::add);
    return List.copyOf(all);
  }
}
