package org.observatoire.core.run;

import java.util.Objects;

/** An input file of a run: its name as the run reports it, size and SHA-256 of its bytes as stored. */
public record InputFile(String name, long bytes, String sha256) {
  public InputFile {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(sha256, "sha256");
    if (bytes < 0) {
      throw new IllegalArgumentException("negative size for " + name);
    }
  }
}
