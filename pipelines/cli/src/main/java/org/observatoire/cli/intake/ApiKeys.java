package org.observatoire.cli.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The intake's API keys, one per client application, in a JSON file ({@code keys.json} in the intake's state
 * folder). A key is {@code obs_<id>_<secret>}: 32 random bytes, shown once when made; the file keeps only its
 * SHA-256. A key is scoped to protocols ({@code *}: all) and can be revoked (kept, marked, refused from then on).
 *
 * <p>Why SHA-256 and not PBKDF2 or bcrypt: a key is 256 bits from {@link SecureRandom}, not a password a person
 * chose, so no dictionary or brute force reaches it and a slow, salted hash buys nothing; it would cost
 * milliseconds of CPU on every request, where one SHA-256 of 50 bytes costs about a microsecond and the lookup is
 * one hash-map probe.
 *
 * <p>Page keys ({@code page: true}) are the exception: a volunteer's page carries its key in the HTML, so it is
 * public by construction and the file keeps it in clear ({@code key}), to serve it. Each is scoped to one protocol
 * and rate-limited apart (see docs/intake.md).
 *
 * <p>A running intake sees keys added or revoked by {@code observatoire intake keys} within a second
 * ({@link #refresh()}, called per request, reads the file again only when its modification time changed and a
 * second has passed since the last look).
 */
public final class ApiKeys {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final HexFormat HEX = HexFormat.of();
  public static final String ALL_PROTOCOLS = "*";

  /** One client application's key, as kept (never the secret, except for a page's public key). */
  public record Client(String id, String name, Set<String> protocols, Instant created, Instant revoked,
      boolean page, String publicKey, Double rate) {
    public boolean allows(String protocol) {
      return protocols.contains(ALL_PROTOCOLS) || protocols.contains(protocol);
    }

    public boolean active() {
      return revoked == null;
    }
  }

  private final Path file;
  private volatile Map<String, Client> byHash = Map.of();
  private volatile List<Client> clients = List.of();
  private volatile FileTime loadedTime;
  private volatile long nextLookNanos;

  private ApiKeys(Path file) {
    this.file = file;
  }

  /** The keys in {@code file} (none yet when it does not exist). */
  public static ApiKeys open(Path file) {
    ApiKeys keys = new ApiKeys(file);
    keys.load();
    return keys;
  }

  public Path file() {
    return file;
  }

  /** The client whose key this is, if it is known and not revoked. */
  public Optional<Client> authenticate(String presented) {
    if (presented == null || presented.isEmpty() || presented.length() > 200) {
      return Optional.empty();
    }
    Client c = byHash.get(sha256(presented));
    return c == null || !c.active() ? Optional.empty() : Optional.of(c);
  }

  /** Reads the file again if it changed, at most once a second. */
  public void refresh() {
    long now = System.nanoTime();
    if (now - nextLookNanos < 0) {
      return;
    }
    nextLookNanos = now + 1_000_000_000L;
    try {
      FileTime t = Files.exists(file) ? Files.getLastModifiedTime(file) : null;
      if (t != null && !t.equals(loadedTime)) {
        load();
      }
    } catch (IOException | RuntimeException e) {
      System.err.println("intake: cannot read the keys file " + file + ", keeping the keys known: " + e.getMessage());
    }
  }

  /** Every key, revoked ones too, oldest first. */
  public List<Client> list() {
    return clients;
  }

  /** The page key of {@code protocol}, revoked or not, if one was made. */
  public Optional<Client> pageKey(String protocol) {
    return clients.stream().filter(c -> c.page() && c.protocols().contains(protocol)).findFirst();
  }

  /**
   * Makes a key for {@code name} scoped to {@code protocols}, writes the file and returns the key: the only time it
   * is shown. {@code rate} (submissions and look-ups per second) overrides the intake's per-key limit when not null.
   */
  public synchronized String add(String name, Set<String> protocols, Double rate) {
    if (name == null || name.isBlank() || name.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("--name: a key needs a name without control characters (the app's name)");
    }
    if (protocols.isEmpty()) {
      throw new IllegalArgumentException("--protocol: a key needs at least one protocol, or * for all");
    }
    String key = newKey();
    write(append(clientNode(idOf(key), name, protocols, rate, false, null), key));
    return key;
  }

  /**
   * Makes the public page key of {@code protocol} (see the class comment) and returns it; its rate is the intake's
   * {@code --page-rate}.
   */
  public synchronized Client addPageKey(String protocol) {
    String key = newKey();
    write(append(clientNode(idOf(key), "page " + protocol, Set.of(protocol), null, true, key), key));
    return pageKey(protocol).orElseThrow();
  }

  /** Revokes the key with this id; false when there is none (or it was revoked already). */
  public synchronized boolean revoke(String id) {
    ObjectNode root = readFile();
    boolean done = false;
    for (JsonNode k : root.withArray("keys")) {
      if (k.path("id").asText().equals(id) && k.path("revoked").isNull()) {
        ((ObjectNode) k).put("revoked", Instant.now().toString());
        done = true;
      }
    }
    if (done) {
      write(root);
    }
    return done;
  }

  private static String newKey() {
    byte[] id = new byte[4];
    byte[] secret = new byte[32];
    RANDOM.nextBytes(id);
    RANDOM.nextBytes(secret);
    return "obs_" + HEX.formatHex(id) + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
  }

  private static String idOf(String key) {
    return key.substring(4, 12);
  }

  private ObjectNode clientNode(String id, String name, Set<String> protocols, Double rate, boolean page,
      String publicKey) {
    ObjectNode k = JSON.createObjectNode();
    k.put("id", id);
    k.put("name", name);
    ArrayNode ps = k.putArray("protocols");
    new TreeSet<>(protocols).forEach(ps::add);
    k.put("created", Instant.now().toString());
    k.putNull("revoked");
    k.put("page", page);
    if (publicKey != null) {
      k.put("key", publicKey);
    }
    if (rate != null) {
      k.put("rate", rate);
    }
    return k;
  }

  private ObjectNode append(ObjectNode client, String key) {
    client.put("sha256", sha256(key));
    ObjectNode root = readFile();
    root.withArray("keys").add(client);
    return root;
  }

  private ObjectNode readFile() {
    try {
      if (!Files.exists(file)) {
        ObjectNode root = JSON.createObjectNode();
        root.putArray("keys");
        return root;
      }
      JsonNode root = JSON.readTree(file.toFile());
      if (!(root instanceof ObjectNode o) || !root.path("keys").isArray()) {
        throw new IllegalStateException(file + ": not an intake keys file (an object with a \"keys\" array)");
      }
      return o;
    } catch (IOException e) {
      throw new IllegalStateException(file + ": cannot read the intake keys file: " + e.getMessage(), e);
    }
  }

  private void write(ObjectNode root) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(tmp, root.toPrettyString() + "\n", StandardCharsets.UTF_8);
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system
      }
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the intake keys file " + file, e);
    }
    load();
  }

  private synchronized void load() {
    try {
      FileTime t = Files.exists(file) ? Files.getLastModifiedTime(file) : null;
      Map<String, Client> hashes = new HashMap<>();
      List<Client> all = new ArrayList<>();
      for (JsonNode k : readFile().withArray("keys")) {
        TreeSet<String> protocols = new TreeSet<>();
        k.path("protocols").forEach(p -> protocols.add(p.asText()));
        Client c = new Client(k.path("id").asText(), k.path("name").asText(), java.util.Collections.unmodifiableSortedSet(protocols),
            Instant.parse(k.path("created").asText()),
            k.path("revoked").isTextual() ? Instant.parse(k.path("revoked").asText()) : null,
            k.path("page").asBoolean(false), k.path("key").isTextual() ? k.path("key").asText() : null,
            k.path("rate").isNumber() ? k.path("rate").asDouble() : null);
        all.add(c);
        hashes.put(k.path("sha256").asText(), c);
      }
      byHash = Map.copyOf(hashes);
      clients = List.copyOf(all);
      loadedTime = t;
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(file + ": cannot read the intake keys file: " + e.getMessage(), e);
    }
  }

  /** One digest per thread: looking the algorithm up among the security providers costs more than hashing a key. */
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  });

  static String sha256(String key) {
    return HEX.formatHex(SHA256.get().digest(key.getBytes(StandardCharsets.UTF_8)));
  }
}
