package org.observatoire.beam.publish;

import java.nio.file.Path;
import java.util.List;

/** One check a staged release must pass before it is published; returns every problem found (empty: passes). */
@FunctionalInterface
public interface ReleaseCheck {
  List<String> problems(Path stagedRelease);
}
