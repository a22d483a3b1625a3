package org.observatoire.beam.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Local folder housekeeping shared by the jobs, the release catalog, the bench and the tests. */
public final class Folders {
  private Folders() {}

  /** Deletes a file or a folder and everything below it; nothing happens when it does not exist. */
  public static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** Removes the empty {@code .temp*} folders Beam's FileIO leaves behind; published folders should not carry them. */
  public static void removeEmptyTempFolders(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(Files::isDirectory).filter(p -> p.getFileName().toString().startsWith(".temp"))
          .sorted(Comparator.reverseOrder()).toList()) {
        try (Stream<Path> children = Files.list(p)) {
          if (children.findAny().isEmpty()) {
            Files.delete(p);
          }
        }
      }
    }
  }

  /** Copies a folder and everything below it to {@code to} (created; existing files are not replaced). */
  public static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
