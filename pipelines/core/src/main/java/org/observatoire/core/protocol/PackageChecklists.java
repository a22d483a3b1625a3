package org.observatoire.core.protocol;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.observatoire.core.taxon.Checklist;
import org.observatoire.core.taxon.ProtocolChecklist;
import org.observatoire.core.taxon.TaxonMatcher;

/**
 * The checklists of a set of packages, by protocol id, each falling back on the shared reference checklist
 * ({@link Checklist#loadDefault()}) for names the programme's list lacks. Civic packages have none.
 */
public final class PackageChecklists {
  private static volatile PackageChecklists bundled;

  private final Map<String, ProtocolChecklist> byProtocol;

  private PackageChecklists(Map<String, ProtocolChecklist> byProtocol) {
    this.byProtocol = Map.copyOf(byProtocol);
  }

  /** The bundled packages' checklists (loaded once). */
  public static PackageChecklists bundled() {
    PackageChecklists b = bundled;
    if (b == null) {
      synchronized (PackageChecklists.class) {
        b = bundled;
        if (b == null) {
          b = bundled = of(ProtocolPackages.bundled(), TaxonMatcher.of(Checklist.loadDefault()));
        }
      }
    }
    return b;
  }

  /**
   * The checklists of {@code packages}.
   *
   * @throws PackageException naming the checklist file that cannot be read
   */
  public static PackageChecklists of(ProtocolPackages packages, TaxonMatcher fallback) {
    Map<String, ProtocolChecklist> byProtocol = new LinkedHashMap<>();
    for (ProtocolPackage p : packages.all()) {
      if (p.checklistFile().isEmpty()) {
        continue;
      }
      var file = p.checklistFile().get();
      try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        byProtocol.put(p.id(), ProtocolChecklist.read(r, p.id() + "/" + file.getFileName(), fallback));
      } catch (IOException e) {
        throw new PackageException(file + ": cannot be read (" + e.getMessage() + ")", e);
      } catch (IllegalArgumentException e) {
        throw new PackageException(e.getMessage(), e);
      }
    }
    return new PackageChecklists(byProtocol);
  }

  /** The checklist of a protocol; empty for civic packages and unknown ids. */
  public Optional<ProtocolChecklist> of(String protocol) {
    return Optional.ofNullable(byProtocol.get(protocol));
  }
}
