package org.observatoire.core.quality.counts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.observatoire.core.csv.CsvRows;

/**
 * Upper count expectations keyed by (taxon, région, month) with fallbacks to (taxon, month) and (taxon), learned
 * from past counts, like eBird's regional filters. Immutable and deterministic: the same history gives the same
 * table and the same CSV bytes. The nightly job learns it ({@link #learn}) or assembles per-key results computed in a
 * pipeline ({@link #of}), writes it with {@link #writeCsv}, and the curation job reads it with {@link #readCsv}.
 */
public final class CountExpectations {

  static final String MAGIC = "# observatoire count expectations v1";
  static final String HEADER = "level,taxonKey,region,month,sampleSize,median,mad,quantile,threshold";

  private final ExpectationParameters parameters;
  private final Map<String, Expectation> byKey;
  private final List<Expectation> sorted;

  private CountExpectations(ExpectationParameters parameters, Collection<Expectation> expectations) {
    this.parameters = Objects.requireNonNull(parameters, "parameters");
    Map<String, Expectation> m = new HashMap<>();
    for (Expectation e : expectations) {
      Expectation previous = m.put(key(e.taxonKey(), e.region(), e.month()), e);
      if (previous != null) {
        throw new IllegalArgumentException("two expectations for " + e.describe());
      }
    }
    this.byKey = Map.copyOf(m);
    List<Expectation> s = new ArrayList<>(expectations);
    s.sort(Comparator.comparing(Expectation::taxonKey).thenComparing(Expectation::level)
        .thenComparing(Expectation::region).thenComparingInt(Expectation::month));
    this.sorted = List.copyOf(s);
  }

  public static CountExpectations of(ExpectationParameters parameters, Collection<Expectation> expectations) {
    return new CountExpectations(parameters, expectations);
  }

  public static CountExpectations empty() {
    return new CountExpectations(ExpectationParameters.defaults(), List.of());
  }

  /** Learns every expectation whose level has enough past counts (see {@link ExpectationParameters}). */
  public static CountExpectations learn(Iterable<CountRecord> history, ExpectationParameters p) {
    Map<String, IntBag> regionMonth = new TreeMap<>();
    Map<String, IntBag> month = new TreeMap<>();
    Map<String, IntBag> taxon = new TreeMap<>();
    for (CountRecord r : history) {
      regionMonth.computeIfAbsent(key(r.taxonKey(), r.region(), r.month()), k -> new IntBag()).add(r.count());
      month.computeIfAbsent(key(r.taxonKey(), Expectation.ANY_REGION, r.month()), k -> new IntBag()).add(r.count());
      taxon.computeIfAbsent(key(r.taxonKey(), Expectation.ANY_REGION, 0), k -> new IntBag()).add(r.count());
    }
    List<Expectation> out = new ArrayList<>();
    collect(out, regionMonth, Expectation.Level.TAXON_REGION_MONTH, p.minSamplesRegionMonth(), p);
    collect(out, month, Expectation.Level.TAXON_MONTH, p.minSamplesMonth(), p);
    collect(out, taxon, Expectation.Level.TAXON, p.minSamplesTaxon(), p);
    return new CountExpectations(p, out);
  }

  private static void collect(List<Expectation> out, Map<String, IntBag> groups, Expectation.Level level, int min,
      ExpectationParameters p) {
    groups.forEach((k, bag) -> {
      if (bag.size >= min) {
        String[] parts = k.split("\u0000", -1);
        out.add(Expectation.learn(level, parts[0], parts[1], Integer.parseInt(parts[2]), bag.toArray(), p));
      }
    });
  }

  /** The most specific expectation with enough data: (taxon, région, month), else (taxon, month), else (taxon). */
  public Optional<Expectation> lookup(String taxonKey, String region, int month) {
    Expectation e = region == null ? null : byKey.get(key(taxonKey, region, month));
    if (e == null) {
      e = byKey.get(key(taxonKey, Expectation.ANY_REGION, month));
    }
    if (e == null) {
      e = byKey.get(key(taxonKey, Expectation.ANY_REGION, 0));
    }
    return Optional.ofNullable(e);
  }

  public ExpectationParameters parameters() {
    return parameters;
  }

  public List<Expectation> expectations() {
    return sorted;
  }

  public int size() {
    return sorted.size();
  }

  /** Writes a comment line with the parameters, a header, then one row per expectation in a stable order. */
  public void writeCsv(Writer w) {
    try {
      ExpectationParameters p = parameters;
      w.write(MAGIC + "; quantile=" + p.quantile() + "; k=" + p.k() + "; minimumThreshold=" + p.minimumThreshold()
          + "; minSamples=" + p.minSamplesRegionMonth() + "/" + p.minSamplesMonth() + "/" + p.minSamplesTaxon()
          + "\n");
      w.write(HEADER + "\n");
      for (Expectation e : sorted) {
        w.write(String.join(",", e.level().name(), CsvRows.quote(e.taxonKey(), ','), CsvRows.quote(e.region(), ','),
            Integer.toString(e.month()), Integer.toString(e.sampleSize()), Double.toString(e.median()),
            Double.toString(e.mad()), Double.toString(e.quantile()), Integer.toString(e.threshold())) + "\n");
      }
      w.flush();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  public static CountExpectations readCsv(Reader reader) {
    BufferedReader in = new BufferedReader(reader);
    try {
      String magic = in.readLine();
      if (magic == null || !magic.startsWith(MAGIC)) {
        throw new IllegalArgumentException("not a count expectations file: first line must start with '" + MAGIC
            + "', got " + magic);
      }
      ExpectationParameters p = parseParameters(magic);
      List<List<String>> rows = CsvRows.read(in, ',');
      if (rows.isEmpty() || !String.join(",", rows.get(0)).equals(HEADER)) {
        throw new IllegalArgumentException("count expectations header must be '" + HEADER + "'");
      }
      List<Expectation> list = new ArrayList<>();
      for (List<String> r : rows.subList(1, rows.size())) {
        if (r.size() != 9) {
          throw new IllegalArgumentException("expected 9 fields, got " + r.size() + ": " + r);
        }
        list.add(new Expectation(Expectation.Level.valueOf(r.get(0)), r.get(1), r.get(2), Integer.parseInt(r.get(3)),
            Integer.parseInt(r.get(4)), Double.parseDouble(r.get(5)), Double.parseDouble(r.get(6)),
            Double.parseDouble(r.get(7)), Integer.parseInt(r.get(8))));
      }
      return new CountExpectations(p, list);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  private static ExpectationParameters parseParameters(String magic) {
    Map<String, String> kv = new HashMap<>();
    for (String part : magic.substring(MAGIC.length()).split(";")) {
      String[] p = part.strip().split("=", 2);
      if (p.length == 2) {
        kv.put(p[0], p[1]);
      }
    }
    try {
      String[] min = kv.get("minSamples").split("/");
      return new ExpectationParameters(Double.parseDouble(kv.get("quantile")), Double.parseDouble(kv.get("k")),
          Integer.parseInt(kv.get("minimumThreshold")), Integer.parseInt(min[0]), Integer.parseInt(min[1]),
          Integer.parseInt(min[2]));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("unreadable parameters in count expectations header: " + magic, e);
    }
  }

  private static String key(String taxonKey, String region, int month) {
    return taxonKey + '\u0000' + region + '\u0000' + month;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CountExpectations && ((CountExpectations) o).parameters.equals(parameters)
        && ((CountExpectations) o).sorted.equals(sorted);
  }

  @Override
  public int hashCode() {
    return Objects.hash(parameters, sorted);
  }

  @Override
  public String toString() {
    return "CountExpectations[" + sorted.size() + " expectations, " + parameters + "]";
  }

  private static final class IntBag {
    int[] values = new int[8];
    int size;

    void add(int v) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = v;
    }

    int[] toArray() {
      return Arrays.copyOf(values, size);
    }
  }
}
