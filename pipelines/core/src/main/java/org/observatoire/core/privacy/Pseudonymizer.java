package org.observatoire.core.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Observer pseudonyms: {@code obs_} + the first 16 hex characters (64 bits) of HMAC-SHA256(key, observer id as
 * UTF-8). Stable for a given key, unlinkable to the raw id without the key, different under another key.
 *
 * <p>Why 64 bits: by the birthday bound the chance that any two of n observers share a pseudonym is about
 * n² / 2⁶⁵ — 3 × 10⁻⁸ for a million observers, 3 × 10⁻⁶ for ten million — negligible for Vigie-Nature's tens of
 * thousands, while keeping the column short. Pass an app-qualified id (e.g. {@code "spipoll:12345"}) when apps'
 * account ids are not globally unique. Thread-safe (one {@link Mac} per thread); in Beam, build it in {@code @Setup}.
 */
public final class Pseudonymizer {

  public static final String PREFIX = "obs_";
  public static final int HEX_CHARS = 16;

  private final SecretKeySpec keySpec;
  private final String keyId;
  private final ThreadLocal<Mac> mac;

  private Pseudonymizer(PseudonymKey key) {
    this.keySpec = new SecretKeySpec(key.bytes(), "HmacSHA256");
    this.keyId = key.keyId();
    this.mac = ThreadLocal.withInitial(this::newMac);
  }

  public static Pseudonymizer of(PseudonymKey key) {
    return new Pseudonymizer(Objects.requireNonNull(key, "key"));
  }

  public String pseudonym(String observerId) {
    if (observerId == null || observerId.isEmpty()) {
      throw new IllegalArgumentException("observer id must not be empty");
    }
    byte[] h = mac.get().doFinal(observerId.getBytes(StandardCharsets.UTF_8));
    return PREFIX + HexFormat.of().formatHex(h, 0, HEX_CHARS / 2);
  }

  /** The key's id (see {@link PseudonymKey#keyId()}), for the run manifest. */
  public String keyId() {
    return keyId;
  }

  private Mac newMac() {
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(keySpec);
      return m;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
    }
  }

  @Override
  public String toString() {
    return "Pseudonymizer[HMAC-SHA256, keyId=" + keyId + "]";
  }
}
