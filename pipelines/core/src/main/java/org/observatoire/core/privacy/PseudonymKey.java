package org.observatoire.core.privacy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;

/**
 * The secret key of observer pseudonyms: at least 32 bytes, given as hex (e.g. {@code openssl rand -hex 32}) or as
 * {@code base64:<...>}, in the environment variable {@value #ENV_VAR} or in a key file kept outside any git working
 * tree. Its bytes never appear in {@link #toString()}; {@link #keyId()} (a hash of the key) may be logged and written
 * to run manifests to tell which key produced a dataset.
 */
public final class PseudonymKey {

  public static final String ENV_VAR = "OBSERVATOIRE_PSEUDONYM_KEY";
  public static final int MIN_BYTES = 32;

  private final byte[] key;
  private final String source;

  private PseudonymKey(byte[] key, String source) {
    if (key.length < MIN_BYTES) {
      throw new IllegalArgumentException("pseudonym key from " + source + " has " + key.length
          + " bytes; at least " + MIN_BYTES + " are required (e.g. openssl rand -hex 32)");
    }
    this.key = key.clone();
    this.source = source;
  }

  /**
   * The key from {@code env} ({@value #ENV_VAR}) if set, else from {@code keyFile} if given and present.
   *
   * @throws IllegalStateException when neither gives a key, or the file lies inside a git working tree
   */
  public static PseudonymKey fromEnvironmentOrFile(Map<String, String> env, Path keyFile) {
    Objects.requireNonNull(env, "env");
    String fromEnv = env.get(ENV_VAR);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return new PseudonymKey(decode(fromEnv.strip(), "environment variable " + ENV_VAR), "environment");
    }
    if (keyFile != null && Files.isRegularFile(keyFile)) {
      Path inRepo = enclosingGitWorkingTree(keyFile);
      if (inRepo != null) {
        throw new IllegalStateException("pseudonym key file " + keyFile + " is inside the git working tree " + inRepo
            + ": keep keys outside any repository so they are never committed");
      }
      try {
        String text = Files.readString(keyFile, StandardCharsets.UTF_8).strip();
        return new PseudonymKey(decode(text, "key file " + keyFile), "file " + keyFile.getFileName());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read pseudonym key file " + keyFile, e);
      }
    }
    throw new IllegalStateException("no pseudonymisation key: set the environment variable " + ENV_VAR
        + " (64 hex characters, e.g. from `openssl rand -hex 32`)"
        + (keyFile == null ? "" : " or write it to " + keyFile + " (outside the repository)")
        + ". For the sample data only, use PseudonymKey.sampleKeyForSampleDataOnly().");
  }

  /**
   * A fixed, public, non-secret key for the sample data and tests. Pseudonyms made with it are NOT protected:
   * never use it on real observers.
   */
  public static PseudonymKey sampleKeyForSampleDataOnly() {
    return new PseudonymKey(sha256("observatoire sample data pseudonym key - public, not a secret"
        .getBytes(StandardCharsets.UTF_8)), "sample key (sample data only)");
  }

  /** A key from raw bytes (e.g. from a secret manager). */
  public static PseudonymKey ofBytes(byte[] key, String source) {
    return new PseudonymKey(Objects.requireNonNull(key, "key"), Objects.requireNonNull(source, "source"));
  }

  public boolean isSampleKey() {
    return source.startsWith("sample key");
  }

  /** First 8 hex characters of SHA-256 over a tag and the key: identifies the key without revealing it. */
  public String keyId() {
    byte[] tag = "observatoire/pseudonym-key-id/v1:".getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[tag.length + key.length];
    System.arraycopy(tag, 0, all, 0, tag.length);
    System.arraycopy(key, 0, all, tag.length, key.length);
    return HexFormat.of().formatHex(sha256(all), 0, 4);
  }

  byte[] bytes() {
    return key.clone();
  }

  @Override
  public String toString() {
    return "PseudonymKey[source=" + source + ", keyId=" + keyId() + "]";
  }

  private static byte[] decode(String text, String where) {
    try {
      if (text.startsWith("base64:")) {
        return Base64.getDecoder().decode(text.substring("base64:".length()));
      }
      return HexFormat.of().parseHex(text);
    } catch (IllegalArgumentException e) {
      // the message must not echo the (possibly secret) value
      throw new IllegalArgumentException("pseudonym key in " + where
          + " is neither hex nor base64:<...> (" + text.length() + " characters)");
    }
  }

  private static Path enclosingGitWorkingTree(Path file) {
    for (Path p = file.toAbsolutePath().normalize().getParent(); p != null; p = p.getParent()) {
      if (Files.exists(p.resolve(".git"))) {
        return p;
      }
    }
    return null;
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
