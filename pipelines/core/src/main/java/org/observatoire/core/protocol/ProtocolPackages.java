package org.observatoire.core.protocol;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The protocol packages an engine runs: every folder with a {@code protocol.json} under a root, by id. The bundled
 * packages (the repository's {@code protocols/}, copied into the core jar) are found on the classpath; others are
 * read from a folder. Nothing in the engine names a protocol: what it knows of one comes from its package.
 */
public final class ProtocolPackages {
  /** Where the repository's {@code protocols/} folder is on the classpath. */
  public static final String CLASSPATH_ROOT = "observatoire/protocols";

  private static volatile ProtocolPackages bundled;

  private final Map<String, ProtocolPackage> byId;

  private ProtocolPackages(Map<String, ProtocolPackage> byId) {
    this.byId = byId;
  }

  /** The packages shipped with the engine (loaded once). */
  public static ProtocolPackages bundled() {
    ProtocolPackages b = bundled;
    if (b == null) {
      synchronized (ProtocolPackages.class) {
        b = bundled;
        if (b == null) {
          b = bundled = in(classpathRoot());
        }
      }
    }
    return b;
  }

  /**
   * The packages in {@code root}: the folder itself when it holds a {@code protocol.json}, else each of its
   * sub-folders that does, in name order.
   *
   * @throws PackageException naming the file to fix when a package cannot be read, or two share an id
   */
  public static ProtocolPackages in(Path root) {
    List<Path> folders = new ArrayList<>();
    if (Files.isRegularFile(root.resolve("protocol.json"))) {
      folders.add(root);
    } else {
      try (Stream<Path> children = Files.list(root)) {
        children.filter(p -> Files.isRegularFile(p.resolve("protocol.json"))).sorted(
            (a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString())).forEach(folders::add);
      } catch (IOException e) {
        throw new PackageException(root + ": cannot list the protocol packages (" + e.getMessage() + ")", e);
      }
    }
    Map<String, ProtocolPackage> byId = new LinkedHashMap<>();
    for (Path f : folders) {
      ProtocolPackage p = ProtocolPackage.read(f);
      if (byId.putIfAbsent(p.id(), p) != null) {
        throw new PackageException(f + ": a second package with the id \"" + p.id() + "\"");
      }
    }
    return new ProtocolPackages(Map.copyOf(byId));
  }

  /** The package of a protocol id, if there is one. */
  public Optional<ProtocolPackage> get(String id) {
    return id == null ? Optional.empty() : Optional.ofNullable(byId.get(id));
  }

  /** The package of a protocol id; an {@link IllegalArgumentException} naming the known ids when there is none. */
  public ProtocolPackage require(String id) {
    return get(id).orElseThrow(() -> new IllegalArgumentException(
        "unknown protocol '" + id + "'; known: " + String.join(", ", ids())));
  }

  /** The ids, sorted. */
  public List<String> ids() {
    return byId.keySet().stream().sorted().toList();
  }

  /** The packages, by id. */
  public List<ProtocolPackage> all() {
    return ids().stream().map(byId::get).toList();
  }

  private static Path classpathRoot() {
    URL marker = ProtocolPackages.class.getClassLoader().getResource(CLASSPATH_ROOT + "/README.md");
    if (marker == null) {
      throw new IllegalStateException(CLASSPATH_ROOT + "/README.md is not on the classpath: the core jar is incomplete");
    }
    try {
      URI uri = marker.toURI();
      if ("jar".equals(uri.getScheme())) {
        FileSystem fs;
        try {
          fs = FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
          fs = FileSystems.getFileSystem(uri);
        }
        return fs.getPath("/" + CLASSPATH_ROOT);
      }
      return Path.of(uri).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException("bad classpath address " + marker, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + marker, e);
    }
  }
}
