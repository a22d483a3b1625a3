package org.observatoire.core.ingest;

import java.util.Objects;

/** Where a line came from: the input file (as the run names it) and its 1-based line number. */
public record SourceRef(String file, long line) implements Comparable<SourceRef> {

  public SourceRef {
    Objects.requireNonNull(file, "file");
    if (line < 1) {
      throw new IllegalArgumentException("line numbers start at 1, got " + line + " for " + file);
    }
  }

  public static SourceRef of(String file, long line) {
    return new SourceRef(file, line);
  }

  @Override
  public int compareTo(SourceRef other) {
    int byFile = file.compareTo(other.file);
    return byFile != 0 ? byFile : Long.compare(line, other.line);
  }

  @Override
  public String toString() {
    return file + ":" + line;
  }
}
