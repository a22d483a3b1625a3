package org.observatoire.core.imports;

import java.nio.file.Path;

/**
 * Reads one kind of real programme export (a folder of files as the programme publishes them) into submissions in
 * our format, which then go through the same validation as any other submission. An importer never invents a value:
 * what the export lacks is left out of the submission and said in {@link ImportResult#notes()}.
 *
 * <p>A programme's format is normally data in its protocol package ({@code imports/<format>.json}, run by the
 * generic engine; see protocols/README.md). A format that data cannot describe may be a Java implementation
 * found with {@link java.util.ServiceLoader} (listed in
 * {@code META-INF/services/org.observatoire.core.imports.ExportImporter}); none is needed today. Importers are
 * stateless and deterministic: the same folder and settings give the same submissions, in the same order.
 */
public interface ExportImporter {

  /** The name given to {@code --format}, e.g. {@code propage-export}. */
  String format();

  /** One line for {@code --help}: what folder this format reads. */
  String description();

  /**
   * Reads the export in {@code dir}. A row that cannot be converted is skipped and reported in the result; an input
   * that cannot be read as this format at all (missing file or column) throws.
   */
  ImportResult read(Path dir, ImportSettings settings) throws ImportException;
}
