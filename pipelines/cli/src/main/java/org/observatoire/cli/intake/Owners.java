package org.observatoire.cli.intake;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which client (API key id) sent each submission, so that a submission and its verdict are answered only to the key
 * that sent it, and a second client cannot reuse another's submission id. Kept in memory (at most {@code max}, the
 * oldest let go first, as the verdicts are) and appended to {@code owners.log} in the intake's state folder
 * ({@code <submissionId>\t<keyId>} lines, written into a buffer that {@link #flush()} empties a few times a second),
 * so a restarted intake still knows them.
 *
 * <p>The log does not grow without end: after {@code max} lines it becomes {@code owners.log.old} (replacing the one
 * before, whose entries are then more than {@code max} claims old, so no longer kept in memory either) and a new log
 * starts; a rename, so no request waits for a rewrite. On opening, both are read and the kept entries rewritten.
 */
public final class Owners implements AutoCloseable {
  private final int max;
  private final Path file;
  private final Path old;
  private final LinkedHashMap<String, String> owners = new LinkedHashMap<>();
  private BufferedWriter log;
  private int appended;

  private Owners(int max, Path file) {
    this.max = max;
    this.file = file;
    this.old = file.resolveSibling(file.getFileName() + ".old");
  }

  /** Opens (or starts) the log at {@code file}, keeping at most {@code max} owners. */
  public static Owners open(Path file, int max) {
    Owners o = new Owners(max, file);
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      for (Path p : List.of(o.old, file)) {
        if (Files.exists(p)) {
          for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
              o.put(line.substring(0, tab), line.substring(tab + 1));
            }
          }
        }
      }
      List<String> lines = new ArrayList<>(o.owners.size());
      o.owners.forEach((id, key) -> lines.add(id + "\t" + key));
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.write(tmp, lines, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      Files.deleteIfExists(o.old);
      o.appended = lines.size();
      o.log = Files.newBufferedWriter(file, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
      return o;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the intake's owners log " + file, e);
    }
  }

  private void put(String id, String keyId) {
    owners.remove(id);
    owners.put(id, keyId);
    if (owners.size() > max) {
      Iterator<Map.Entry<String, String>> oldest = owners.entrySet().iterator();
      oldest.next();
      oldest.remove();
    }
  }

  /**
   * Records {@code keyId} as the sender of {@code submissionId}; false (nothing recorded) when another key sent it
   * before. A resend by the same key is allowed (the latest submission wins downstream).
   */
  public synchronized boolean claim(String submissionId, String keyId) {
    String before = owners.get(submissionId);
    if (before != null) {
      return before.equals(keyId);
    }
    put(submissionId, keyId);
    try {
      if (appended >= max) {
        log.close();
        Files.move(file, old, StandardCopyOption.REPLACE_EXISTING);
        log = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        appended = 0;
      }
      log.write(submissionId);
      log.write('\t');
      log.write(keyId);
      log.write('\n');
      appended++;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to the intake's owners log " + file, e);
    }
    return true;
  }

  /** Whether {@code keyId} sent {@code submissionId}. */
  public synchronized boolean owns(String keyId, String submissionId) {
    return keyId.equals(owners.get(submissionId));
  }

  public synchronized void flush() {
    try {
      log.flush();
    } catch (IOException e) {
      System.err.println("intake: cannot write the owners log: " + e.getMessage());
    }
  }

  @Override
  public synchronized void close() {
    try {
      log.close();
    } catch (IOException e) {
      System.err.println("intake: cannot close the owners log: " + e.getMessage());
    }
  }
}
