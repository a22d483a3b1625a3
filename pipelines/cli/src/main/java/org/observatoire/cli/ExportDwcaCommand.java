package org.observatoire.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.observatoire.beam.publish.DwcaExport;
import org.observatoire.beam.publish.ReleaseCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code observatoire export-dwca}: a release's public occurrences as a Darwin Core Archive. */
@Command(
    name = "export-dwca",
    mixinStandardHelpOptions = true,
    description = "Export a release's public occurrences as a Darwin Core Archive (Event core + Occurrence"
        + " extension, meta.xml, eml.xml).")
public final class ExportDwcaCommand implements Callable<Integer> {
  @Option(names = "--catalog", required = true, description = "Release catalog root.")
  Path catalog;

  @Option(names = "--release", description = "Release id. Default: the current release.")
  String release;

  @Option(names = "--output", required = true, description = "The archive to write (.zip).")
  Path output;

  @Option(names = "--title", description = "Dataset title for eml.xml.")
  String title;

  @Option(names = "--license", description = "Licence statement for eml.xml. Default: CC BY 4.0.")
  String license;

  @Override
  public Integer call() {
    Path dir = ReleaseCatalog.existing(catalog).releaseOrCurrent(release);
    DwcaExport.Metadata d = DwcaExport.Metadata.defaults();
    DwcaExport.Metadata meta = new DwcaExport.Metadata(title != null ? title : d.title(), d.publisher(),
        license != null ? license : d.license());
    DwcaExport.Summary s = DwcaExport.export(dir, output, meta);
    System.out.printf("Darwin Core Archive of release %s: %d events, %d occurrences -> %s%n",
        dir.getFileName(), s.events(), s.occurrences(), output);
    return 0;
  }
}
