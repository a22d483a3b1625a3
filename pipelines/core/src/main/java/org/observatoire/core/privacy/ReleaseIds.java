package org.observatoire.core.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Release-scoped opaque ids for the public rows of a generalised event: {@code wh_} + 20 hex characters of
 * HMAC-SHA256(release key, kind + U+001F + id), the release key being HMAC-SHA256(pseudonym key, a fixed tag + the
 * release scope, e.g. the run id). The same inputs, key and scope give the same ids (reruns are identical); another
 * release gives other ids, so a generalised event cannot be linked to a precise record published in another release,
 * nor to the submitted event, site or point ids. Opaque ids are left as they are ({@link #opaque} is idempotent), so
 * an event generalised twice (for its own sensitive species, then for its site) keeps one set of ids.
 * Thread-safe.
 */
public final class ReleaseIds {
  public static final String PREFIX = "wh_";
  private static final int HEX_CHARS = 20;
  private static final Pattern OPAQUE = Pattern.compile("wh_[0-9a-f]{" + HEX_CHARS + "}");

  private final SecretKeySpec releaseKey;
  private final String scope;
  private final ThreadLocal<Mac> mac;

  private ReleaseIds(PseudonymKey key, String scope) {
    this.scope = scope;
    byte[] derived = hmac(new SecretKeySpec(key.bytes(), "HmacSHA256"),
        ("observatoire/release-ids/v1:" + scope).getBytes(StandardCharsets.UTF_8));
    this.releaseKey = new SecretKeySpec(derived, "HmacSHA256");
    this.mac = ThreadLocal.withInitial(() -> newMac(releaseKey));
  }

  /**
   * @param scope what the ids are scoped to (the run id of a release); must not be blank
   */
  public static ReleaseIds of(PseudonymKey key, String scope) {
    Objects.requireNonNull(key, "key");
    if (scope == null || scope.isBlank()) {
      throw new IllegalArgumentException("the release scope of opaque ids must not be blank");
    }
    return new ReleaseIds(key, scope);
  }

  /** The opaque id of {@code id} of the given kind (event, location, occurrence...); null stays null. */
  public String opaque(String kind, String id) {
    if (id == null || isOpaque(id)) {
      return id;
    }
    byte[] h = mac.get().doFinal((kind + '\u001f' + id).getBytes(StandardCharsets.UTF_8));
    return PREFIX + HexFormat.of().formatHex(h, 0, HEX_CHARS / 2);
  }

  /** Whether {@code id} has the form of an opaque id. */
  public static boolean isOpaque(String id) {
    return id != null && OPAQUE.matcher(id).matches();
  }

  public String scope() {
    return scope;
  }

  private static byte[] hmac(SecretKeySpec key, byte[] data) {
    return newMac(key).doFinal(data);
  }

  private static Mac newMac(SecretKeySpec key) {
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(key);
      return m;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
    }
  }

  @Override
  public String toString() {
    return "ReleaseIds[scope=" + scope + "]";
  }
}
