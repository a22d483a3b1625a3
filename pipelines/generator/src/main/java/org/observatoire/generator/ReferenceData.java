package org.observatoire.generator;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.observatoire.core.csv.CsvRows;

/**
 * The places every generated site is anchored on: real commune centres of metropolitan France
 * ({@code communes.csv} next to this class). What a protocol's visits look like is its package's
 * {@code generator.json}. Loaded once, immutable.
 */
final class ReferenceData {
  private static final String COMMUNES = "org/observatoire/generator/communes.csv";

  static final ReferenceData INSTANCE = load();

  final List<Commune> communes;

  private ReferenceData(List<Commune> communes) {
    this.communes = List.copyOf(communes);
  }

  private static ReferenceData load() {
    InputStream in = ReferenceData.class.getClassLoader().getResourceAsStream(COMMUNES);
    if (in == null) {
      throw new IllegalStateException("reference resource not on the classpath: " + COMMUNES);
    }
    List<Commune> communes = new ArrayList<>();
    try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      for (List<String> row : CsvRows.readSkippingComments(r, ';')) {
        communes.add(new Commune(row.get(0), row.get(1), Double.parseDouble(row.get(2)),
            Double.parseDouble(row.get(3))));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + COMMUNES, e);
    }
    if (communes.isEmpty()) {
      throw new IllegalStateException(COMMUNES + " lists no commune");
    }
    return new ReferenceData(communes);
  }
}
