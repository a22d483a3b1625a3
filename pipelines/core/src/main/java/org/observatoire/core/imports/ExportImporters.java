package org.observatoire.core.imports;

import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The importers on the class path, by format name (found with {@link ServiceLoader}). */
public final class ExportImporters {
  private ExportImporters() {}

  /** Every importer, sorted by format name. */
  public static Map<String, ExportImporter> all() {
    Map<String, ExportImporter> byFormat = new TreeMap<>();
    for (ExportImporter importer : ServiceLoader.load(ExportImporter.class, ExportImporters.class.getClassLoader())) {
      ExportImporter previous = byFormat.putIfAbsent(importer.format(), importer);
      if (previous != null && previous.getClass() != importer.getClass()) {
        throw new IllegalStateException("two importers for format '" + importer.format() + "': "
            + previous.getClass().getName() + " and " + importer.getClass().getName());
      }
    }
    return byFormat;
  }

  public static Optional<ExportImporter> find(String format) {
    return Optional.ofNullable(all().get(format));
  }
}
