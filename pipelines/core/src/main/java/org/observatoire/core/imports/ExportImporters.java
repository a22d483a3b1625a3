package org.observatoire.core.imports;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.observatoire.core.protocol.PackageException;
import org.observatoire.core.protocol.ProtocolPackage;
import org.observatoire.core.protocol.ProtocolPackages;

/**
 * The import formats, by format name: those described as data by protocol packages ({@code imports/<format>.json},
 * run by the generic engine) and any Java {@link ExportImporter} on the class path (found with {@link ServiceLoader};
 * none is needed today). A format name belongs to one importer.
 */
public final class ExportImporters {
  private ExportImporters() {}

  /** Every format of the bundled packages and the class path, sorted by format name. */
  public static Map<String, ExportImporter> all() {
    return in(ProtocolPackages.bundled());
  }

  /**
   * Every format of these packages and the class path, sorted by format name.
   *
   * @throws PackageException naming the file when a description cannot be read or two share a format
   */
  public static Map<String, ExportImporter> in(ProtocolPackages packages) {
    Map<String, ExportImporter> byFormat = new TreeMap<>();
    Map<String, String> from = new TreeMap<>();
    for (ProtocolPackage p : packages.all()) {
      for (ImportDescription d : Descriptions.of(p)) {
        if (byFormat.putIfAbsent(d.format, new DescribedImporter(d)) != null) {
          throw new PackageException(d.where + ": format \"" + d.format + "\" is already described by "
              + from.get(d.format));
        }
        from.put(d.format, d.where);
      }
    }
    for (ExportImporter importer : ServiceLoader.load(ExportImporter.class, ExportImporters.class.getClassLoader())) {
      ExportImporter previous = byFormat.putIfAbsent(importer.format(), importer);
      if (previous != null && previous.getClass() != importer.getClass()) {
        throw new IllegalStateException("two importers for format '" + importer.format() + "': "
            + (previous instanceof DescribedImporter ? from.get(importer.format()) : previous.getClass().getName())
            + " and " + importer.getClass().getName());
      }
    }
    return byFormat;
  }

  public static Optional<ExportImporter> find(String format) {
    return Optional.ofNullable(all().get(format));
  }

  /**
   * The import descriptions of one package ({@code imports/*.json}), read and checked: their format names, or a
   * {@link PackageException} naming the file and what is wrong. For {@code protocol check}.
   */
  public static List<String> describedFormats(ProtocolPackage p) {
    return Descriptions.of(p).stream().map(d -> d.format).toList();
  }
}
