package org.observatoire.beam.publish;

import org.observatoire.beam.io.Folders;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A folder of published releases:
 * <pre>
 * ROOT/staging/&lt;id&gt;/    a run being written and verified (never read by anyone else)
 * ROOT/releases/&lt;id&gt;/   published releases, each with manifest.json, release.json, CHANGES.json/.md, report.html
 * ROOT/current          one line: the id of the release readers should use
 * ROOT/restricted/&lt;id&gt;/ the release's restricted outputs (precise sensitive locations, raw rejected lines, dead
 *                       letters): never published, kept as long as releases/&lt;id&gt; is
 * </pre>
 * A release becomes visible in two atomic steps: the staging folder is renamed into {@code releases/}, then a new
 * pointer file is written beside {@code current} and renamed over it. A run that fails or is killed before those
 * steps leaves {@code current} as it was; the next run removes its staging and restricted folders (and those of
 * expired releases), logging each one it removes ({@link #cleanLeftovers()}).
 */
public final class ReleaseCatalog {
  public static final String STAGING = "staging";
  public static final String RELEASES = "releases";
  public static final String CURRENT = "current";
  public static final String RELEASE_JSON = "release.json";
  /** Restricted outputs of each release, beside the releases, never inside one. */
  public static final String RESTRICTED = "restricted";
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ReleaseCatalog.class);
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path root;
  private final Clock clock;

  private ReleaseCatalog(Path root, Clock clock) {
    this.root = root;
    this.clock = clock;
  }

  /** A catalog at {@code root} (created if missing); {@code clock} dates publications. */
  public static ReleaseCatalog at(Path root, Clock clock) {
    ReleaseCatalog c = new ReleaseCatalog(root.toAbsolutePath().normalize(), clock);
    try {
      Files.createDirectories(c.root.resolve(STAGING));
      Files.createDirectories(c.root.resolve(RELEASES));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the catalog folders under " + root, e);
    }
    return c;
  }

  /** Opens an existing catalog for reading; fails clearly when {@code root} is not one. */
  public static ReleaseCatalog existing(Path root) {
    if (!Files.isDirectory(root.resolve(RELEASES))) {
      throw new IllegalArgumentException(root + " is not a release catalog (no " + RELEASES + "/ folder)");
    }
    return new ReleaseCatalog(root.toAbsolutePath().normalize(), Clock.systemUTC());
  }

  public Path root() {
    return root;
  }

  /** Checks a release id: letters, digits, '.', '_' and '-', so that it is one safe folder name. */
  public static String checkId(String id) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException("a release id is 1-100 letters, digits, '.', '_' or '-' (not starting with"
          + " a punctuation mark): " + id);
    }
    return id;
  }

  /** The id {@code current} points at, if any release was published. */
  public Optional<String> currentId() {
    Path pointer = root.resolve(CURRENT);
    if (!Files.exists(pointer)) {
      return Optional.empty();
    }
    try {
      String id = Files.readString(pointer, StandardCharsets.UTF_8).trim();
      return id.isEmpty() ? Optional.empty() : Optional.of(checkId(id));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + pointer, e);
    }
  }

  /** The folder of a published release. */
  public Path release(String id) {
    Path dir = root.resolve(RELEASES).resolve(checkId(id));
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("no release " + id + " in " + root.resolve(RELEASES) + " (published: "
          + releaseIds() + ")");
    }
    return dir;
  }

  /** The current release's folder; fails clearly when nothing was published yet. */
  public Path current() {
    return release(currentId().orElseThrow(
        () -> new IllegalStateException("nothing has been published in " + root + " yet (no " + CURRENT + ")")));
  }

  /** The given release, or the current one when {@code id} is null. */
  public Path releaseOrCurrent(String id) {
    return id == null ? current() : release(id);
  }

  /** Published release ids, sorted by name. */
  public List<String> releaseIds() {
    try (Stream<Path> list = Files.list(root.resolve(RELEASES))) {
      return list.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + root.resolve(RELEASES), e);
    }
  }

  /** Takes the catalog's lock for one run; a second run on the same catalog fails instead of interleaving. */
  public Lock lock() {
    Path file = root.resolve(".lock");
    try {
      FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (java.nio.channels.OverlappingFileLockException e) {
        lock = null; // held by this process
      }
      if (lock == null) {
        channel.close();
        throw new IllegalStateException("another run holds the catalog lock " + file);
      }
      return new Lock(channel, lock);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock " + file, e);
    }
  }

  /**
   * Removes what failed or killed runs left: staging folders, restricted folders of no published release (a killed
   * run's may hold precise sensitive locations) and half-written pointer files. Logs each folder or file removed;
   * returns their paths relative to the catalog.
   */
  public List<String> cleanLeftovers() {
    List<String> removed = new ArrayList<>();
    try (Stream<Path> list = Files.list(root.resolve(STAGING))) {
      for (Path p : list.toList()) {
        Folders.deleteTree(p);
        removed.add(STAGING + "/" + p.getFileName());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean " + root.resolve(STAGING), e);
    }
    Path restricted = root.resolve(RESTRICTED);
    if (Files.isDirectory(restricted)) {
      try (Stream<Path> list = Files.list(restricted)) {
        for (Path p : list.filter(p -> !Files.isDirectory(root.resolve(RELEASES).resolve(p.getFileName().toString())))
            .sorted().toList()) {
          Folders.deleteTree(p);
          removed.add(RESTRICTED + "/" + p.getFileName());
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot clean " + restricted, e);
      }
    }
    try (Stream<Path> list = Files.list(root)) {
      for (Path p : list.filter(p -> p.getFileName().toString().startsWith("." + CURRENT + ".")).toList()) {
        Files.delete(p);
        removed.add(p.getFileName().toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean pointer leftovers in " + root, e);
    }
    for (String r : removed) {
      LOG.warn("release catalog {}: removed {}, left by a failed or killed run (or an expired release)", root, r);
    }
    return removed;
  }

  /** A new, empty staging folder for release {@code id}; fails if that id was already published. */
  public Path newStaging(String id) {
    checkId(id);
    if (Files.exists(root.resolve(RELEASES).resolve(id))) {
      throw new IllegalArgumentException("release " + id + " already exists in " + root.resolve(RELEASES));
    }
    Path dir = root.resolve(STAGING).resolve(id);
    try {
      Folders.deleteTree(dir);
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
    return dir;
  }

  /**
   * Publishes a verified staging folder: writes its {@code release.json}, renames it into {@code releases/} and moves
   * {@code current} to it. Both moves are atomic renames on one file system.
   */
  public Path publish(String id) {
    Path staging = root.resolve(STAGING).resolve(checkId(id));
    Path target = root.resolve(RELEASES).resolve(id);
    try {
      ObjectNode meta = JSON.createObjectNode();
      meta.put("releaseId", id);
      meta.put("previous", currentId().orElse(null));
      meta.put("publishedAt", clock.instant().toString());
      Files.writeString(staging.resolve(RELEASE_JSON), JSON.writeValueAsString(meta) + "\n", StandardCharsets.UTF_8);
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      Path tmp = root.resolve("." + CURRENT + "." + id + ".tmp");
      Files.writeString(tmp, id + "\n", StandardCharsets.UTF_8);
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      Files.move(tmp, root.resolve(CURRENT), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot publish release " + id + " from " + staging, e);
    }
  }

  /**
   * Keeps the current release and the {@code keep - 1} releases before it (following each release's
   * {@code previous}); deletes the other published releases. Returns the ids removed.
   */
  public List<String> retain(int keep) {
    if (keep < 1) {
      throw new IllegalArgumentException("--keep must be at least 1 (the current release is always kept): " + keep);
    }
    Set<String> kept = new LinkedHashSet<>();
    Optional<String> id = currentId();
    while (id.isPresent() && kept.size() < keep && !kept.contains(id.get())
        && Files.isDirectory(root.resolve(RELEASES).resolve(id.get()))) {
      kept.add(id.get());
      id = previousOf(id.get());
    }
    List<String> removed = new ArrayList<>();
    for (String r : releaseIds()) {
      if (!kept.contains(r)) {
        try {
          Folders.deleteTree(root.resolve(RELEASES).resolve(r));
        } catch (IOException e) {
          throw new UncheckedIOException("cannot remove release " + r, e);
        }
        removed.add(r);
      }
    }
    return removed;
  }

  /** The release published before {@code id}, from its release.json. */
  public Optional<String> previousOf(String id) {
    Path meta = root.resolve(RELEASES).resolve(checkId(id)).resolve(RELEASE_JSON);
    if (!Files.exists(meta)) {
      return Optional.empty();
    }
    try {
      JsonNode prev = JSON.readTree(meta.toFile()).path("previous");
      return prev.isTextual() ? Optional.of(prev.asText()) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + meta, e);
    }
  }


  /** The catalog lock, held for one run. */
  public static final class Lock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private Lock(FileChannel channel, FileLock lock) {
      this.channel = channel;
      this.lock = lock;
    }

    @Override
    public void close() {
      try {
        lock.release();
        channel.close();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot release the catalog lock", e);
      }
    }
  }
}
