package org.observatoire.cli.intake;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which client (API key id) sent each submission, so that a submission and its verdict are answered only to the key
 * that sent it, and a second client cannot reuse another's submission id. Kept in memory (at most {@code max}, the
 * oldest let go first, as the verdicts are) and appended to {@code owners.log} in the intake's state folder
 * ({@code <submissionId>\t<keyId>} lines, written by the caller's thread into a buffer that {@link #flush()} empties,
 * at most a few times a second), so a restarted intake still knows them. The log is rewritten with only the kept
 * entries when it is opened.
 */
public final class Owners implements AutoCloseable {
  private final int max;
  private final LinkedHashMap<String, String> owners = new LinkedHashMap<>(16, 0.75f, false);
  private final BufferedWriter log;

  private Owners(int max, BufferedWriter log) {
    this.max = max;
    this.log = log;
  }

  /** Opens (or starts) the log at {@code file}, keeping at most {@code max} owners. */
  public static Owners open(Path file, int max) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      LinkedHashMap<String, String> kept = new LinkedHashMap<>();
      if (Files.exists(file)) {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          int tab = line.indexOf('\t');
          if (tab > 0) {
            String id = line.substring(0, tab);
            kept.remove(id);
            kept.put(id, line.substring(tab + 1));
          }
        }
      }
      List<String> lines = new ArrayList<>();
      int skip = Math.max(0, kept.size() - max);
      for (Map.Entry<String, String> e : kept.entrySet()) {
        if (skip-- <= 0) {
          lines.add(e.getKey() + "\t" + e.getValue());
        }
      }
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.write(tmp, lines, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      Owners o = new Owners(max, Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND));
      for (String line : lines) {
        int tab = line.indexOf('\t');
        o.owners.put(line.substring(0, tab), line.substring(tab + 1));
      }
      return o;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the intake's owners log " + file, e);
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
    owners.put(submissionId, keyId);
    if (owners.size() > max) {
      var oldest = owners.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
    try {
      log.write(submissionId);
      log.write('\t');
      log.write(keyId);
      log.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to the intake's owners log", e);
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
