package org.observatoire.beam.publish;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs one release through the catalog: clean what earlier runs left, write into {@code staging/<id>/}, verify,
 * summarise the changes against the current release, publish atomically, apply retention. Any failure before the
 * publication leaves {@code current} untouched (and the staging folder for a person to inspect until the next run).
 */
public final class ReleasePublisher {
  /** Writes a run's outputs into an empty staging folder. */
  @FunctionalInterface
  public interface Stager<T> {
    T write(Path staging) throws Exception;
  }

  /** What a publication did. */
  public record Published<T>(String releaseId, Path release, Optional<String> previous, ReleaseChanges changes,
      List<String> cleaned, List<String> expired, T output) {}

  private final ReleaseCatalog catalog;
  private final List<ReleaseCheck> checks;
  private final int keep;

  private ReleasePublisher(ReleaseCatalog catalog, List<ReleaseCheck> checks, int keep) {
    if (keep < 1) {
      throw new IllegalArgumentException("keep must be at least 1 (the current release is always kept): " + keep);
    }
    this.catalog = catalog;
    this.checks = List.copyOf(checks);
    this.keep = keep;
  }

  /** A publisher that runs {@code checks} on every staged release and keeps the last {@code keep} releases. */
  public static ReleasePublisher of(ReleaseCatalog catalog, List<ReleaseCheck> checks, int keep) {
    return new ReleasePublisher(catalog, checks, keep);
  }

  /** Stages, verifies and publishes release {@code id}. */
  @SuppressWarnings("try") // the lock is held by the try block itself
  public <T> Published<T> publish(String id, Stager<T> stager) {
    ReleaseCatalog.checkId(id);
    try (ReleaseCatalog.Lock lock = catalog.lock()) {
      List<String> cleaned = catalog.cleanLeftovers();
      Path staging = catalog.newStaging(id);
      T output;
      try {
        output = stager.write(staging);
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException("the run for release " + id + " failed: " + e.getMessage(), e);
      }
      List<String> problems = new ArrayList<>();
      for (ReleaseCheck check : checks) {
        problems.addAll(check.problems(staging));
      }
      if (!problems.isEmpty()) {
        throw new ReleaseRejectedException(id, problems);
      }
      Optional<String> previous = catalog.currentId();
      ReleaseChanges changes = ReleaseChanges.between(previous.orElse(null),
          previous.map(catalog::release).orElse(null), id, staging);
      changes.writeTo(staging);
      Path release = catalog.publish(id);
      List<String> expired = catalog.retain(keep);
      return new Published<>(id, release, previous, changes, cleaned, expired, output);
    }
  }
}
