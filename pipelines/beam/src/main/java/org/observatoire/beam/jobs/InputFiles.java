package org.observatoire.beam.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.observatoire.core.ids.Hashing;
import org.observatoire.core.run.InputFile;

/** Finds a run's input files (JSON lines, plain or gzip) under a folder, and checksums them. */
public final class InputFiles {
  private static final List<String> SUFFIXES = List.of(".jsonl", ".ndjson", ".json");

  private InputFiles() {}

  /** The JSON-lines files below {@code root} (hidden files and folders skipped), sorted by relative name. */
  public static List<Path> find(Path root) {
    if (!Files.isDirectory(root)) {
      if (Files.isRegularFile(root)) {
        return List.of(root);
      }
      throw new IllegalArgumentException("the input folder " + root + " does not exist");
    }
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> !hidden(root.relativize(p)))
          .filter(InputFiles::isJsonLines)
          .sorted(java.util.Comparator.comparing(p -> name(root, p)))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + root, e);
    }
  }

  /** The name a run reports for a file: its path relative to the input root, with forward slashes. */
  public static String name(Path root, Path file) {
    if (root.equals(file)) {
      return file.getFileName().toString();
    }
    return root.relativize(file).toString().replace('\\', '/');
  }

  static boolean isJsonLines(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    String base = n.endsWith(".gz") ? n.substring(0, n.length() - 3) : n;
    return SUFFIXES.stream().anyMatch(base::endsWith);
  }

  private static boolean hidden(Path relative) {
    for (Path part : relative) {
      if (part.toString().startsWith(".") || part.toString().startsWith("_")) {
        return true;
      }
    }
    return false;
  }

  /** Size and SHA-256 of a file's bytes. */
  public static InputFile describe(Path root, Path file) {
    MessageDigest d = Hashing.sha256();
    byte[] buf = new byte[1 << 20];
    long size = 0;
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buf)) != -1) {
        d.update(buf, 0, n);
        size += n;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return new InputFile(name(root, file), size, HexFormat.of().formatHex(d.digest()));
  }
}
